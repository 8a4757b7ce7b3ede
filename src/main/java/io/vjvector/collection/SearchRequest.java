package io.vjvector.collection;

import io.vjvector.engine.filter.Filter;

/**
 * A nearest-neighbour search. {@code filter}, {@code scoreThreshold} and {@code hnswEf} may be null.
 * {@code exact} forces an exact scan. {@code scoreThreshold} follows Qdrant: a minimum score for
 * Cosine/Dot, a maximum distance for Euclid/Manhattan.
 */
public record SearchRequest(
        float[] vector,
        Filter filter,
        int limit,
        int offset,
        Float scoreThreshold,
        Integer hnswEf,
        boolean exact,
        WithPayload withPayload,
        boolean withVector) {
}
