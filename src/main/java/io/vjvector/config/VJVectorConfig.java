package io.vjvector.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.vjvector.engine.kernels.KernelMode;

/**
 * The {@code vjvector.*} configuration. Other components add their own mappings under a
 * sub-prefix ({@code vjvector.storage.*}, ...) rather than growing this one.
 */
@ConfigMapping(prefix = "vjvector")
public interface VJVectorConfig {

    /** Kernel implementation: {@code auto} (Vector API when usable), {@code vector} or {@code scalar}. */
    @WithDefault("auto")
    KernelMode kernels();

    /** {@code standalone}, {@code gateway}, {@code master} or {@code replica}; set by the profile. */
    @WithDefault("standalone")
    Role role();

    /** Request limits; every one is checked before anything is changed. */
    Limits limits();

    /** Defaults for collections created without the corresponding option. */
    CollectionDefaults collections();

    interface Limits {

        /** Largest vector size a collection may be created with. */
        @WithDefault("65536")
        int maxVectorSize();

        /** Most shards a collection may be created with. */
        @WithDefault("64")
        int maxShardNumber();

        /** Largest {@code limit} of a search, recommend, query or scroll. */
        @WithDefault("10000")
        int maxLimit();

        /** Largest {@code offset} of a search, recommend or query (deep pages cost limit + offset). */
        @WithDefault("100000")
        int maxOffset();

        /** Largest {@code hnsw_ef} a search may ask for. */
        @WithDefault("4096")
        int maxHnswEf();

        /** Most points (or point ids) one request may carry; more answers 413. */
        @WithDefault("10000")
        int maxPointsPerRequest();

        /** Most searches in one batch request; more answers 413. */
        @WithDefault("100")
        int maxBatchSearches();

        /** Deepest nesting of filters inside filters. */
        @WithDefault("16")
        int maxFilterDepth();

        /**
         * Largest request body; larger bodies answer 413 before they are read. Also sets
         * {@code quarkus.http.limits.max-body-size} (see application.properties).
         */
        @WithDefault("32M")
        MemorySize maxBodySize();
    }

    interface CollectionDefaults {

        /** {@code shard_number} of a collection created without one. */
        @WithDefault("1")
        int shardNumber();

        /** HNSW {@code m} of a collection created without one. */
        @WithDefault("16")
        int hnswM();

        /** HNSW {@code ef_construct} of a collection created without one. */
        @WithDefault("100")
        int hnswEfConstruct();

        /** {@code full_scan_threshold} (in points, per shard) of a collection created without one. */
        @WithDefault("10000")
        int fullScanThreshold();

        /**
         * {@code optimizers_config.deleted_threshold} of a collection created without one: a shard
         * is rebuilt when more than this share of its stored vectors is deleted or replaced.
         */
        @WithDefault("0.2")
        double deletedThreshold();

        /** {@code optimizers_config.vacuum_min_vector_number} default: smaller shards are not rebuilt. */
        @WithDefault("1000")
        int vacuumMinVectorNumber();
    }
}
