package io.vjvector.collection;

import io.vjvector.error.ErrorKind;
import io.vjvector.error.VJVectorException;
import java.nio.charset.StandardCharsets;

/** Rules for collection names and settings, the same for every role. */
public final class CollectionValidation {

    /** Longest collection name accepted, in UTF-8 bytes (Qdrant's 255; also a file-system name limit). */
    public static final int MAX_NAME_LENGTH = 255;
    /** Largest vector accepted. */
    public static final int MAX_VECTOR_SIZE = 65_536;
    /** Most shards one collection may have. */
    public static final int MAX_SHARDS = 1024;

    /** Characters Qdrant refuses in names; names also become directory and URL path segments. */
    private static final String FORBIDDEN = "<>:\"/\\|?*";

    private CollectionValidation() {
    }

    /** @throws VJVectorException BAD_REQUEST naming {@code collection_name} */
    public static void name(String name) {
        name(name, "collection_name");
    }

    /**
     * The same rules for a name given in {@code field} (an alias name, which may stand wherever a
     * collection name does).
     *
     * @throws VJVectorException PATH_VALIDATION (the path's name) or BAD_REQUEST naming {@code field}
     */
    public static void name(String name, String field) {
        // Bytes, not chars: the name becomes a directory name, and file systems cap those at 255 bytes.
        if (name == null || name.isEmpty() || name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_LENGTH) {
            throw nameRule(field,
                    "collection name must be 1 to " + MAX_NAME_LENGTH + " bytes long (UTF-8)");
        }
        if (name.equals(".") || name.equals("..")) {
            throw nameRule(field, "collection name cannot be \"" + name + "\"");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (FORBIDDEN.indexOf(c) >= 0 || Character.isISOControl(c)) {
                throw nameRule(field,
                        "collection name cannot contain \"" + (Character.isISOControl(c) ? "\\u" + String.format("%04x", (int) c) : c) + "\" char");
            }
        }
    }

    /**
     * Qdrant declares these rules on the collection name of a path (422, "in path parameters"); a
     * name inside a body (an alias) keeps 400.
     */
    private static VJVectorException nameRule(String field, String rule) {
        ErrorKind kind = "collection_name".equals(field) ? ErrorKind.PATH_VALIDATION : ErrorKind.BAD_REQUEST;
        return new VJVectorException(kind, field, rule);
    }

    /** @throws VJVectorException BAD_REQUEST naming the offending setting */
    public static void params(CollectionParams p) {
        VectorsConfig vectors = p.vectors();
        if (vectors.dense().isEmpty() && vectors.sparse().isEmpty()) {
            throw VJVectorException.badRequest("vectors", "a collection needs at least one dense or sparse vector");
        }
        for (var e : vectors.dense().entrySet()) {
            String path = vectors.named() ? "vectors." + e.getKey() : "vectors";
            denseVector(e.getValue(), path);
        }
        for (String name : vectors.sparse().keySet()) {
            if (vectors.dense().containsKey(name)) {
                throw VJVectorException.badRequest("sparse_vectors." + name,
                        "vector name '" + name + "' is used by a dense and a sparse vector");
            }
        }
        if (p.shardNumber() < 1 || p.shardNumber() > MAX_SHARDS) {
            throw VJVectorException.badRequest("shard_number", "shard_number must be between 1 and " + MAX_SHARDS);
        }
        atLeast(p.replicationFactor(), 1, "replication_factor");
        atLeast(p.writeConsistencyFactor(), 1, "write_consistency_factor");
        hnsw(p.m(), p.efConstruct(), p.fullScanThreshold());
        optimizers(p.optimizers());
        settings(p.settings());
    }

    static void denseVector(VectorsConfig.DenseVector v, String path) {
        if (v.size() > MAX_VECTOR_SIZE) {
            // Qdrant's declared range (422); a size of 0 fails its parsing as a non-zero integer instead (400).
            throw VJVectorException.between(path + ".size", v.size(), 1, MAX_VECTOR_SIZE);
        }
        if (v.size() < 1) {
            throw VJVectorException.badRequest(path + ".size", "vector size must be between 1 and " + MAX_VECTOR_SIZE);
        }
        if (v.distance() == null) {
            throw VJVectorException.badRequest(path + ".distance", "distance is required");
        }
        if (v.m() != null || v.efConstruct() != null) {
            hnsw(v.m() != null ? v.m() : io.vjvector.engine.index.IndexConfig.DEFAULT_M, v.efConstruct() != null ? v.efConstruct()
                    : io.vjvector.engine.index.IndexConfig.DEFAULT_EF_CONSTRUCT, 0);
        }
    }

    /**
     * Qdrant's ranges: deleted_threshold in 0..1, vacuum_min_vector_number at least 100,
     * max_segment_size at least 1, the other counts not negative.
     */
    static void optimizers(OptimizerSettings o) {
        double t = o.deletedThreshold();
        if (!(t >= 0 && t <= 1)) {
            throw VJVectorException.between("optimizers_config.deleted_threshold", t, 0.0, 1.0);
        }
        atLeast(o.vacuumMinVectorNumber(), OptimizerSettings.MIN_VACUUM_VECTOR_NUMBER,
                "optimizers_config.vacuum_min_vector_number");
        atLeast(o.defaultSegmentNumber(), 0, "optimizers_config.default_segment_number");
        atLeast(o.maxSegmentSize(), 1, "optimizers_config.max_segment_size");
        atLeast(o.memmapThreshold(), 0, "optimizers_config.memmap_threshold");
        atLeast(o.indexingThreshold(), 0, "optimizers_config.indexing_threshold");
        atLeast(o.flushIntervalSec(), 0, "optimizers_config.flush_interval_sec");
        atLeast(o.maxOptimizationThreads(), 0, "optimizers_config.max_optimization_threads");
    }

    /** Qdrant's ranges of the WAL, HNSW extras and strict mode; metadata must be an object (it is typed so). */
    static void settings(CollectionSettings s) {
        atLeast(s.hnsw().maxIndexingThreads(), 0, "hnsw_config.max_indexing_threads");
        atLeast(s.hnsw().payloadM(), 0, "hnsw_config.payload_m");
        atLeast(s.wal().capacityMb(), 1, "wal_config.wal_capacity_mb");
        atLeast(s.wal().segmentsAhead(), 0, "wal_config.wal_segments_ahead");
        atLeast(s.wal().retainClosed(), 1, "wal_config.wal_retain_closed");
        StrictModeConfig m = s.strictMode();
        if (m != null) {
            String at = "strict_mode_config.";
            atLeast(m.maxQueryLimit(), 1, at + "max_query_limit");
            atLeast(m.maxTimeout(), 1, at + "max_timeout");
            atLeast(m.searchMaxHnswEf(), 0, at + "search_max_hnsw_ef");
            Double oversampling = m.searchMaxOversampling();
            if (oversampling != null && !(oversampling >= 0 && oversampling < Double.POSITIVE_INFINITY)) {
                throw VJVectorException.validation(at + "search_max_oversampling",
                        "value " + oversampling + " invalid, must be a finite number of 0 or larger");
            }
            atLeast(m.upsertMaxBatchsize(), 0, at + "upsert_max_batchsize");
            atLeast(m.maxCollectionVectorSizeBytes(), 0, at + "max_collection_vector_size_bytes");
            atLeast(m.readRateLimit(), 1, at + "read_rate_limit");
            atLeast(m.writeRateLimit(), 1, at + "write_rate_limit");
            atLeast(m.maxCollectionPayloadSizeBytes(), 0, at + "max_collection_payload_size_bytes");
            atLeast(m.maxPointsCount(), 1, at + "max_points_count");
            atLeast(m.filterMaxConditions(), 0, at + "filter_max_conditions");
            atLeast(m.conditionMaxSize(), 0, at + "condition_max_size");
            atLeast(m.maxPayloadIndexCount(), 0, at + "max_payload_index_count");
        }
    }

    /** m = 0 disables the graph (exact search only), as in Qdrant; otherwise a graph needs m >= 2. */
    static void hnsw(int m, int efConstruct, int fullScanThreshold) {
        if (m < 0 || m == 1) {
            throw VJVectorException.badRequest("hnsw_config.m", "m must be 0 (no graph) or at least 2");
        }
        atLeast(efConstruct, 4, "hnsw_config.ef_construct");
        atLeast(fullScanThreshold, 0, "hnsw_config.full_scan_threshold");
    }

    /** A null value is unset and passes; a smaller one breaks one of Qdrant's declared ranges (422). */
    private static void atLeast(Number value, long min, String field) {
        if (value != null && value.longValue() < min) {
            throw VJVectorException.atLeast(field, value, min);
        }
    }
}
