package io.vjvector.engine.shard;

/**
 * Search settings a shard applies when a request does not say.
 *
 * @param fullScanThreshold at most this many live points (or estimated filter matches) are
 *                          scanned exactly instead of searched through the graph
 * @param hnswEf            beam width of a graph search when the request gives no {@code hnsw_ef}
 *                          (Qdrant uses the collection's {@code ef_construct})
 * @param m                 links per graph node (the collection's {@code m}), for the planner's
 *                          cost estimate of a filtered graph search
 */
public record SearchDefaults(int fullScanThreshold, int hnswEf, int m) {

    public SearchDefaults {
        if (fullScanThreshold < 0) {
            throw new IllegalArgumentException("fullScanThreshold must be >= 0, got " + fullScanThreshold);
        }
        if (hnswEf < 1) {
            throw new IllegalArgumentException("hnswEf must be >= 1, got " + hnswEf);
        }
        if (m < 0) {
            throw new IllegalArgumentException("m must be >= 0, got " + m);
        }
    }
}
