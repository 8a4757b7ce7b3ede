/**
 * Query math of Qdrant's universal query API that works on result lists rather than on one shard's
 * index: fusion of prefetch results ({@link io.vjvector.collection.query.Fusion}: RRF and DBSF) and
 * diversity re-ranking ({@link io.vjvector.collection.query.Mmr}). Plain Java, no framework types.
 */
package io.vjvector.collection.query;
