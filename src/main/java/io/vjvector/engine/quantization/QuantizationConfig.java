package io.vjvector.engine.quantization;

/**
 * How a dense vector field keeps a compressed copy of its vectors for graph traversal (Qdrant's
 * {@code quantization_config}). The full-precision vectors are always kept too: they answer exact
 * searches, rescore the quantized candidates and are what a point returns.
 */
public sealed interface QuantizationConfig {

    /**
     * Qdrant's {@code always_ram}: keep the codes in memory (direct buffers) even when the vectors
     * are on disk; when false the codes go where the vectors go (mapped from a file for an
     * {@code on_disk} field), as in Qdrant, whose default it is.
     */
    boolean alwaysRam();

    /**
     * One signed byte per dimension (Qdrant's {@code scalar} with {@code type: int8}), over a range
     * shared by all dimensions of the field.
     *
     * @param quantile share of the field's values the range covers, centred, in {@code [0.5, 1]};
     *                 1 takes the minimum and maximum (Qdrant's default when none is given)
     */
    record Scalar(float quantile, boolean alwaysRam) implements QuantizationConfig {
        public Scalar {
            if (!(quantile >= 0.5f && quantile <= 1f)) {
                throw new IllegalArgumentException("quantile must be in [0.5, 1], got " + quantile);
            }
        }
    }

    /**
     * One bit per dimension, its sign (Qdrant's {@code binary} with the {@code one_bit} encoding),
     * compared by Hamming distance. It needs many dimensions and components centred on zero to
     * rank well: Qdrant recommends it from about 512 dimensions up, with rescoring. Any dimension is
     * accepted; below that the oversampling it takes to reach a given recall grows quickly.
     */
    record Binary(boolean alwaysRam) implements QuantizationConfig {
    }
}
