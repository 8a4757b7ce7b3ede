/**
 * Multivectors (late interaction, ColBERT style): {@link io.vjvector.engine.index.multi.MultiVectorIndex}
 * scores points by Qdrant's MaxSim, finds candidates through an HNSW graph over all rows, and
 * checkpoints itself ({@code MultiVectorCheckpoint}) on top of the row index's own checkpoint.
 */
package io.vjvector.engine.index.multi;
