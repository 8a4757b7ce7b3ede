package io.vjvector.engine.index;

import io.vjvector.engine.kernels.VectorKernels;
import io.vjvector.engine.quantization.QuantizationConfig;
import io.vjvector.engine.quantization.ScalarQuantizer;
import java.nio.ByteBuffer;

/**
 * Int8 codes ({@link ScalarQuantizer}) of every vector with its per-vector score term, compared with
 * the kernels' {@code int8Dot}. A record is the {@code dimension} codes, then the term as a float. The range is trained on the vectors present at build time; vectors
 * added later are clamped to it until the index has grown {@value #RETRAIN_GROWTH}-fold, when the
 * next search trains new codes.
 */
final class ScalarCodes extends QuantizedVectors {

    /** Growth after which the trained range is taken to be out of date. */
    static final int RETRAIN_GROWTH = 4;
    /** Values sampled for the quantiles: sorting 2^20 floats takes ~0.1 s, and the estimate is already tight. */
    static final int MAX_SAMPLE_VALUES = 1 << 20;

    private final ScalarQuantizer quantizer;
    private final Distance distance;
    private final VectorKernels kernels;
    private final VectorStore store;
    private final int dimension;
    private final int trainedOn;
    /**
     * Codes, then {@link ScalarQuantizer#dotCorrection} or {@link ScalarQuantizer#squareCorrection},
     * per vector.
     */
    private final OffHeapRecords codes;
    /** Encoding buffer of {@link #append}, used under the records' append lock only. */
    private final byte[] encoded;

    private ScalarCodes(ScalarQuantizer quantizer, Distance distance, VectorKernels kernels, VectorStore store,
                        OffHeapRecords codes) {
        this.quantizer = quantizer;
        this.distance = distance;
        this.kernels = kernels;
        this.store = store;
        this.dimension = store.dimension();
        this.trainedOn = store.size();
        this.codes = codes;
        this.encoded = new byte[dimension];
    }

    /** Bytes of one vector's record: its codes and its score term. */
    static int recordBytes(int dimension) {
        return dimension + Float.BYTES;
    }

    /** Trains the range on a sample of {@code store}'s vectors (every vector while they are few). */
    static ScalarCodes train(QuantizationConfig.Scalar config, VectorStore store, Distance distance,
                             VectorKernels kernels, OffHeapRecords codes) {
        int size = store.size();
        int dimension = store.dimension();
        int every = (int) Math.max(1, ((long) size * dimension + MAX_SAMPLE_VALUES - 1) / MAX_SAMPLE_VALUES);
        float[] sample = new float[(int) Math.min((long) MAX_SAMPLE_VALUES + dimension,
                (long) ((size + every - 1) / every) * dimension)];
        int count = 0;
        for (int ord = 0; ord < size && count + dimension <= sample.length; ord += every) {
            store.read(ord, sample, count);
            count += dimension;
        }
        ScalarQuantizer quantizer = count == 0 ? ScalarQuantizer.forRange(-1f, 1f)
                : ScalarQuantizer.fromQuantile(sample, count, config.quantile());
        return new ScalarCodes(quantizer, distance, kernels, store, codes);
    }

    ScalarQuantizer quantizer() {
        return quantizer;
    }

    @Override
    void append(float[] vector, int offset) {
        codes.append((page, at) -> {
            quantizer.encode(vector, offset, dimension, encoded, 0);
            page.put(at, encoded, 0, dimension);
            page.putFloat(at + dimension, correction(vector, offset));
        });
    }

    private float correction(float[] v, int offset) {
        return distance == Distance.EUCLID ? quantizer.squareCorrection(v, offset, dimension)
                : quantizer.dotCorrection(v, offset, dimension);
    }

    @Override
    int size() {
        return codes.size();
    }

    @Override
    boolean stale(int indexSize) {
        return indexSize >= (long) RETRAIN_GROWTH * Math.max(1, trainedOn);
    }

    @Override
    NodeScorer scorer(float[] preparedQuery) {
        byte[] q = new byte[dimension];
        quantizer.encode(preparedQuery, 0, dimension, q, 0);
        return new Scorer(q, correction(preparedQuery, 0));
    }

    @Override
    OffHeapRecords records() {
        return codes;
    }

    /** One query's codes and term; scores follow the formulas of {@link ScalarQuantizer}. */
    private final class Scorer implements NodeScorer {

        private final byte[] q;
        private final float qCorrection;
        private final float scale = quantizer.codeDotScale();
        /** Bytes between two touched codes: one load per cache line. */
        private static final int TOUCH_STRIDE = 64;
        /**
         * The node's codes, copied out of their record for the kernel, which reads arrays (one
         * bulk copy of {@code dimension} bytes, a fraction of the kernel's own time).
         */
        private final byte[] code = new byte[dimension];

        Scorer(byte[] q, float qCorrection) {
            this.q = q;
            this.qCorrection = qCorrection;
        }

        @Override
        public float score(int node) {
            if (node >= codes.size()) {
                return scoreLate(node);
            }
            ByteBuffer page = codes.page(node);
            int at = codes.offset(node);
            page.get(at, code, 0, dimension);
            return combine(code, 0, page.getFloat(at + dimension));
        }

        private float combine(byte[] page, int offset, float correction) {
            return switch (distance) {
                case COSINE, DOT -> scale * kernels.int8Dot(q, 0, page, offset, dimension) + qCorrection + correction;
                case EUCLID -> 2f * scale * kernels.int8Dot(q, 0, page, offset, dimension) - qCorrection - correction;
                case MANHATTAN -> -quantizer.step() * l1(page, offset);
            };
        }

        /** Manhattan has no int8 kernel; a plain loop over the codes (still a quarter of the bytes). */
        private int l1(byte[] page, int offset) {
            int sum = 0;
            for (int i = 0; i < dimension; i++) {
                sum += Math.abs(q[i] - page[offset + i]);
            }
            return sum;
        }

        /** An ordinal appended after these codes were replaced (rare): encoded from its vector. */
        private float scoreLate(int node) {
            float[] vector = store.copy(node);
            quantizer.encode(vector, 0, dimension, code, 0);
            return combine(code, 0, correction(vector, 0));
        }

        @Override
        public void score(int[] nodes, int count, float[] out, SearchScratch scratch) {
            int sink = 0;
            int size = codes.size();
            for (int j = 0; j < count; j++) {
                int n = nodes[j];
                if (n < size) {
                    ByteBuffer page = codes.page(n);
                    int offset = codes.offset(n);
                    for (int x = 0; x < dimension; x += TOUCH_STRIDE) {
                        sink ^= page.get(offset + x);
                    }
                }
            }
            scratch.touchSink ^= sink;
            for (int j = 0; j < count; j++) {
                out[j] = score(nodes[j]);
            }
        }
    }
}
