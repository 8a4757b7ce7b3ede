package io.vjvector.engine.index;

import io.vjvector.engine.quantization.QuantizationConfig;

/**
 * How a shard indexes its vectors.
 *
 * @param m           HNSW: links per node on upper layers (level 0 keeps {@code 2*m})
 * @param efConstruct HNSW: candidate list size while inserting
 * @param exactOnly   when true, build no graph (flat index only)
 * @param quantization codes the graph search traverses, or null for none (exact searches and
 *                     flat indexes always read the full-precision vectors)
 * @param onDisk       Qdrant's {@code on_disk}: the vectors (and, unless the quantization says
 *                     {@code always_ram}, their codes) are mapped from a file in the shard's
 *                     directory ({@link VectorStorage}) instead of held in direct buffers
 */
public record IndexConfig(int dimension, Distance distance, int m, int efConstruct, boolean exactOnly,
                          QuantizationConfig quantization, boolean onDisk) {

    public static final int DEFAULT_M = 16;
    public static final int DEFAULT_EF_CONSTRUCT = 100;

    public IndexConfig {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be >= 1, got " + dimension);
        }
        if (m < 2) {
            throw new IllegalArgumentException("m must be >= 2, got " + m);
        }
        if (efConstruct < 1) {
            throw new IllegalArgumentException("ef_construct must be >= 1, got " + efConstruct);
        }
    }

    /** A config whose vectors are held in memory. */
    public IndexConfig(int dimension, Distance distance, int m, int efConstruct, boolean exactOnly,
                       QuantizationConfig quantization) {
        this(dimension, distance, m, efConstruct, exactOnly, quantization, false);
    }

    /** A config without quantization, vectors in memory. */
    public IndexConfig(int dimension, Distance distance, int m, int efConstruct, boolean exactOnly) {
        this(dimension, distance, m, efConstruct, exactOnly, null);
    }

    /** The same config with other quantization (null = none). */
    public IndexConfig withQuantization(QuantizationConfig next) {
        return new IndexConfig(dimension, distance, m, efConstruct, exactOnly, next, onDisk);
    }

    /** The same config with the vectors on disk or in memory. */
    public IndexConfig withOnDisk(boolean next) {
        return new IndexConfig(dimension, distance, m, efConstruct, exactOnly, quantization, next);
    }

    /** Whether quantized codes are mapped from a file: the vectors are, and {@code always_ram} is not set. */
    boolean codesOnDisk() {
        return onDisk && (quantization == null || !quantization.alwaysRam());
    }
}
