package io.vjvector.engine.shard;

/** A search result: the point and its Qdrant score (see {@link io.vjvector.engine.index.Distance#toScore}). */
public record ScoredHit(StoredPoint point, float score) {
}
