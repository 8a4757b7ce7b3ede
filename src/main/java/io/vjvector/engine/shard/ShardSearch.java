package io.vjvector.engine.shard;

import io.vjvector.engine.filter.Filter;
import io.vjvector.engine.index.VectorValue;
import io.vjvector.engine.quantization.QuantizedSearch;

/**
 * One shard's top-{@code k} search.
 *
 * @param using          the vector field searched ({@code ""} = the unnamed vector)
 * @param query          a value of that field's kind
 * @param filter         null = every point
 * @param hnswEf         beam width for a graph search, null = the shard's default (see {@link SearchPlanner})
 * @param exact          force an exact scan
 * @param scoreThreshold Qdrant's: minimum score for Cosine/Dot (and sparse, multivector), maximum
 *                       distance for Euclid/Manhattan; null = none
 * @param withVector     which vectors of each hit to return
 * @param quantization   how a graph search uses quantized codes; null = {@link QuantizedSearch#DEFAULT}
 */
public record ShardSearch(
        String using,
        VectorValue query,
        int k,
        Filter filter,
        Integer hnswEf,
        boolean exact,
        Float scoreThreshold,
        boolean withPayload,
        VectorSelection withVector,
        QuantizedSearch quantization) {

    /** A search with the default quantization parameters. */
    public ShardSearch(String using, VectorValue query, int k, Filter filter, Integer hnswEf, boolean exact,
                       Float scoreThreshold, boolean withPayload, VectorSelection withVector) {
        this(using, query, k, filter, hnswEf, exact, scoreThreshold, withPayload, withVector, null);
    }

    /** A search of the unnamed dense vector. */
    public ShardSearch(float[] query, int k, Filter filter, Integer hnswEf, boolean exact, Float scoreThreshold,
                       boolean withPayload, boolean withVector) {
        this(VectorFieldSpec.DEFAULT_NAME, new VectorValue.Dense(query), k, filter, hnswEf, exact, scoreThreshold,
                withPayload, VectorSelection.of(withVector));
    }

    /** The same search for at most {@code k} hits. */
    public ShardSearch withK(int k) {
        return new ShardSearch(using, query, k, filter, hnswEf, exact, scoreThreshold, withPayload, withVector,
                quantization);
    }
}
