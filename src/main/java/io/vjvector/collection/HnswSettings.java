package io.vjvector.collection;

/**
 * The members of Qdrant's {@code hnsw_config} beyond m, ef_construct and full_scan_threshold
 * (which {@link CollectionParams} holds). VJVector keeps every graph in memory and builds one
 * graph per shard, so these are stored and reported for clients but change nothing.
 *
 * @param maxIndexingThreads Qdrant's threads per index build (0 = automatic)
 * @param onDisk             Qdrant's graph-on-disk flag
 * @param payloadM           Qdrant's links of the per-payload-index graphs; null = m
 */
public record HnswSettings(int maxIndexingThreads, boolean onDisk, Integer payloadM) {

    /** Qdrant's defaults. */
    public static final HnswSettings DEFAULTS = new HnswSettings(0, false, null);
}
