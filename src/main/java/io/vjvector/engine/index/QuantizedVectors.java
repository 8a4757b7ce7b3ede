package io.vjvector.engine.index;

import io.vjvector.engine.kernels.VectorKernels;
import io.vjvector.engine.quantization.QuantizationConfig;

/**
 * The quantized codes of an index's vectors, derived from its {@link VectorStore}: graph searches
 * traverse them instead of the floats. One fixed-size record per vector in {@link OffHeapRecords}
 * (direct buffers, or a mapped file), so codes put no object per vector on the heap. Codes are appended in ordinal order under the index's
 * allocation lock, before the ordinal can be reached through a link; reads are lock-free.
 *
 * <p>A scorer may meet an ordinal appended after a newer set of codes replaced this one (a
 * retraining raced the search): it then encodes that vector from the floats on the spot.
 */
abstract sealed class QuantizedVectors permits ScalarCodes, BinaryCodes {

    /**
     * Codes for {@code store}'s vectors {@code [0, store.size())}, trained on them where the
     * method needs training. The caller keeps appends out while this runs.
     */
    static QuantizedVectors build(QuantizationConfig config, VectorStore store, Distance distance,
                                  VectorKernels kernels, OffHeapRecords records) {
        if (records.recordBytes() != recordBytes(config, store.dimension())) {
            throw new IllegalArgumentException("records of " + records.recordBytes() + " bytes for codes of "
                    + recordBytes(config, store.dimension()));
        }
        QuantizedVectors codes = config instanceof QuantizationConfig.Scalar s
                ? ScalarCodes.train(s, store, distance, kernels, records)
                : new BinaryCodes(store, distance, records);
        int size = store.size();
        float[] vector = new float[store.dimension()];
        for (int ord = 0; ord < size; ord++) {
            store.read(ord, vector, 0);
            codes.append(vector, 0);
        }
        return codes;
    }

    /** Bytes of one vector's codes under {@code config}. */
    static int recordBytes(QuantizationConfig config, int dimension) {
        return config instanceof QuantizationConfig.Scalar ? ScalarCodes.recordBytes(dimension)
                : BinaryCodes.recordBytes(dimension);
    }

    /** Encodes the prepared vector at {@code page[offset..]} under the next ordinal. */
    abstract void append(float[] page, int offset);

    /** Ordinals encoded: {@code [0, size)}. */
    abstract int size();

    /**
     * Whether an index of {@code indexSize} vectors should train new codes: the vectors trained on
     * are a small part of it, so the range they gave may no longer fit.
     */
    abstract boolean stale(int indexSize);

    /** A scorer of {@code preparedQuery} (normalised if the distance asks) against the codes. */
    abstract NodeScorer scorer(float[] preparedQuery);

    /** The off-heap records holding the codes (direct or mapped). */
    abstract OffHeapRecords records();
}
