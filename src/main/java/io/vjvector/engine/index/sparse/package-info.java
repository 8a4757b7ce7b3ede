/**
 * Sparse vectors of one shard: {@link io.vjvector.engine.index.sparse.SparseVector} (canonical,
 * immutable) and {@link io.vjvector.engine.index.sparse.SparseIndex}, an inverted index with
 * exact dot-product search, tombstone deletes, per-dimension document frequencies for IDF and a
 * versioned serialized form for checkpoints.
 */
package io.vjvector.engine.index.sparse;
