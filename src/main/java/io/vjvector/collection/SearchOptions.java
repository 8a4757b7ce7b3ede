package io.vjvector.collection;

import io.vjvector.engine.filter.Filter;
import io.vjvector.engine.point.PointId;
import io.vjvector.engine.quantization.QuantizedSearch;
import io.vjvector.engine.shard.VectorSelection;
import java.util.List;

/**
 * What every kind of search shares, whatever gives its query vector: filter, paging, HNSW
 * params, score threshold and projection. {@code filter}, {@code scoreThreshold} and
 * {@code hnswEf} may be null. {@code exact} forces an exact scan. {@code scoreThreshold} follows
 * Qdrant: a minimum score for Cosine/Dot, a maximum distance for Euclid/Manhattan.
 * {@code quantization} is Qdrant's {@code params.quantization}, null = its defaults.
 */
public record SearchOptions(Filter filter, int limit, int offset, Float scoreThreshold, Integer hnswEf, boolean exact,
                            WithPayload withPayload, VectorSelection withVector, QuantizedSearch quantization) {

    /** Options with the default quantization parameters. */
    public SearchOptions(Filter filter, int limit, int offset, Float scoreThreshold, Integer hnswEf, boolean exact,
                         WithPayload withPayload, VectorSelection withVector) {
        this(filter, limit, offset, scoreThreshold, hnswEf, exact, withPayload, withVector, null);
    }

    /** Options returning all vectors or none. */
    public SearchOptions(Filter filter, int limit, int offset, Float scoreThreshold, Integer hnswEf, boolean exact,
                         WithPayload withPayload, boolean withVector) {
        this(filter, limit, offset, scoreThreshold, hnswEf, exact, withPayload, VectorSelection.of(withVector));
    }

    /** The same options for another page. */
    public SearchOptions withPage(int newLimit, int newOffset) {
        return new SearchOptions(filter, newLimit, newOffset, scoreThreshold, hnswEf, exact, withPayload, withVector,
                quantization);
    }

    /** The same options with another filter. */
    public SearchOptions withFilter(Filter newFilter) {
        return new SearchOptions(newFilter, limit, offset, scoreThreshold, hnswEf, exact, withPayload, withVector,
                quantization);
    }

    /** A search for the neighbours of {@code vector} with these options. */
    public SearchRequest search(float[] vector) {
        return new SearchRequest(vector, this);
    }

    /** A recommendation from these examples with these options. */
    public RecommendRequest recommend(List<PointId> positiveIds, List<float[]> positiveVectors,
                                      List<PointId> negativeIds, List<float[]> negativeVectors) {
        return new RecommendRequest(positiveIds, positiveVectors, negativeIds, negativeVectors, this);
    }
}
