package io.vjvector.engine.quantization;

/**
 * Qdrant's search-time {@code params.quantization}.
 *
 * @param ignore       search the full-precision vectors even where quantized codes exist
 * @param rescore      rescore the quantized candidates on the full-precision vectors (Qdrant's
 *                     default: on); without it the reported scores are the codes' estimates
 * @param oversampling candidates taken from the quantized search per result wanted
 *                     ({@code ceil(limit * oversampling)} of them are rescored), at least 1
 */
public record QuantizedSearch(boolean ignore, boolean rescore, double oversampling) {

    /** What a search without {@code params.quantization} gets: codes used, rescored, no oversampling. */
    public static final QuantizedSearch DEFAULT = new QuantizedSearch(false, true, 1.0);

    public QuantizedSearch {
        if (!(oversampling >= 1.0) || Double.isInfinite(oversampling)) {
            throw new IllegalArgumentException("oversampling must be a finite number >= 1, got " + oversampling);
        }
    }

    /** Candidates to take from the quantized search for {@code k} results. */
    public int candidates(int k) {
        return (int) Math.min(Integer.MAX_VALUE, (long) Math.ceil(k * oversampling));
    }
}
