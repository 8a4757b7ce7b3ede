package io.vjvector.engine.shard;

import io.vjvector.engine.filter.Filter;

/**
 * One shard's top-{@code k} search.
 *
 * @param filter         null = every point
 * @param hnswEf         beam width for a graph search, null = the shard's default (see {@link SearchPlanner})
 * @param exact          force an exact scan
 * @param scoreThreshold Qdrant's: minimum score for Cosine/Dot, maximum distance for Euclid/Manhattan; null = none
 */
public record ShardSearch(
        float[] query,
        int k,
        Filter filter,
        Integer hnswEf,
        boolean exact,
        Float scoreThreshold,
        boolean withPayload,
        boolean withVector) {
}
