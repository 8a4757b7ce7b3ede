package io.vjvector.engine.shard;

/**
 * Search settings a shard applies when a request does not say.
 *
 * @param fullScanThreshold at most this many live points (or allowed points, for a filtered
 *                          search) are scanned exactly instead of searched through the graph
 * @param hnswEf            beam width of a graph search when the request gives no {@code hnsw_ef}
 *                          (Qdrant uses the collection's {@code ef_construct})
 */
public record SearchDefaults(int fullScanThreshold, int hnswEf) {

    public SearchDefaults {
        if (fullScanThreshold < 0) {
            throw new IllegalArgumentException("fullScanThreshold must be >= 0, got " + fullScanThreshold);
        }
        if (hnswEf < 1) {
            throw new IllegalArgumentException("hnswEf must be >= 1, got " + hnswEf);
        }
    }
}
