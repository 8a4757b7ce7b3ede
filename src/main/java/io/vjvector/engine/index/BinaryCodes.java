package io.vjvector.engine.index;

import io.vjvector.engine.quantization.BinaryQuantizer;

/**
 * Sign bits ({@link BinaryQuantizer}) of every vector, compared by Hamming distance. Nothing is
 * trained, so the codes never go stale. The similarity a scorer gives only ranks: for Cosine and
 * Dot it is {@code 1 - 2·hamming/d} (the share of agreeing bits, mapped to [-1, 1]), for the
 * distances {@code -hamming}; searches that report it unrescored report that.
 */
final class BinaryCodes extends QuantizedVectors {

    /** 1 MiB of codes per page. */
    private static final int MAX_PAGE_WORDS = 1 << 17;

    private final VectorStore store;
    private final Distance distance;
    private final int dimension;
    private final int words;
    private final PagedArray<long[]> codes;
    private volatile int size;

    BinaryCodes(VectorStore store, Distance distance) {
        this.store = store;
        this.distance = distance;
        this.dimension = store.dimension();
        this.words = BinaryQuantizer.words(dimension);
        this.codes = new PagedArray<>(words, PagedArray.pageShiftFor(words, MAX_PAGE_WORDS), Long.BYTES, true,
                long[]::new);
    }

    @Override
    void append(float[] page, int offset) {
        synchronized (codes) {
            int ordinal = size;
            codes.ensureCapacity(ordinal + 1);
            BinaryQuantizer.encode(page, offset, dimension, codes.page(ordinal), codes.offset(ordinal));
            size = ordinal + 1;
        }
    }

    @Override
    int size() {
        return size;
    }

    @Override
    boolean stale(int indexSize) {
        return false;
    }

    @Override
    NodeScorer scorer(float[] preparedQuery) {
        long[] q = new long[words];
        BinaryQuantizer.encode(preparedQuery, 0, dimension, q, 0);
        return new Scorer(q);
    }

    @Override
    long ramBytesUsed() {
        return codes.ramBytesUsed();
    }

    private final class Scorer implements NodeScorer {

        private final long[] q;
        private final boolean similarity = distance == Distance.COSINE || distance == Distance.DOT;
        private final float perBit = 2f / dimension;
        private long[] late;

        Scorer(long[] q) {
            this.q = q;
        }

        @Override
        public float score(int node) {
            int hamming;
            if (node < size) {
                hamming = BinaryQuantizer.hamming(q, 0, codes.page(node), codes.offset(node), words);
            } else {
                if (late == null) {
                    late = new long[words];
                }
                BinaryQuantizer.encode(store.copy(node), 0, dimension, late, 0);
                hamming = BinaryQuantizer.hamming(q, 0, late, 0, words);
            }
            return similarity ? 1f - perBit * hamming : -hamming;
        }

        @Override
        public void score(int[] nodes, int count, float[] out, SearchScratch scratch) {
            // Codes of up to 1,024 dimensions fit one or two cache lines: nothing to gain from touching first.
            for (int j = 0; j < count; j++) {
                out[j] = score(nodes[j]);
            }
        }
    }
}
