package io.vjvector.collection;

import io.vjvector.engine.index.VectorValue;
import io.vjvector.engine.shard.VectorFieldSpec;

/**
 * A nearest-neighbour search of field {@code using} ({@code ""} = the unnamed vector) for
 * {@code query}; everything else is in {@code options}.
 */
public record SearchRequest(String using, VectorValue query, SearchOptions options) {

    /** A search of the unnamed dense vector. */
    public SearchRequest(float[] vector, SearchOptions options) {
        this(VectorFieldSpec.DEFAULT_NAME, new VectorValue.Dense(vector), options);
    }

    /** The dense query vector, or null for another kind. */
    public float[] vector() {
        return query instanceof VectorValue.Dense d ? d.values() : null;
    }
}
