package io.vjvector.engine.index;

import io.vjvector.engine.quantization.BinaryQuantizer;
import java.nio.ByteBuffer;

/**
 * Sign bits ({@link BinaryQuantizer}) of every vector, compared by Hamming distance. Nothing is
 * trained, so the codes never go stale. The similarity a scorer gives only ranks: for Cosine and
 * Dot it is {@code 1 - 2·hamming/d} (the share of agreeing bits, mapped to [-1, 1]), for the
 * distances {@code -hamming}; searches that report it unrescored report that.
 */
final class BinaryCodes extends QuantizedVectors {

    private final VectorStore store;
    private final Distance distance;
    private final int dimension;
    private final int words;
    /** {@link #words} little-endian longs per vector. */
    private final OffHeapRecords codes;
    /** Encoding buffer of {@link #append}, used under the records' append lock only. */
    private final long[] encoded;

    BinaryCodes(VectorStore store, Distance distance, OffHeapRecords codes) {
        this.store = store;
        this.distance = distance;
        this.dimension = store.dimension();
        this.words = BinaryQuantizer.words(dimension);
        this.codes = codes;
        this.encoded = new long[words];
    }

    /** Bytes of one vector's record: its sign bits in whole longs. */
    static int recordBytes(int dimension) {
        return BinaryQuantizer.words(dimension) * Long.BYTES;
    }

    @Override
    void append(float[] vector, int offset) {
        codes.append((page, at) -> {
            BinaryQuantizer.encode(vector, offset, dimension, encoded, 0);
            for (int w = 0; w < words; w++) {
                page.putLong(at + w * Long.BYTES, encoded[w]);
            }
        });
    }

    @Override
    int size() {
        return codes.size();
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
    OffHeapRecords records() {
        return codes;
    }

    private final class Scorer implements NodeScorer {

        private final long[] q;
        private final boolean similarity = distance == Distance.COSINE || distance == Distance.DOT;
        private final float perBit = 2f / dimension;
        /** The node's code, copied out of its record (a dozen longs for 768 dimensions). */
        private final long[] code = new long[words];

        Scorer(long[] q) {
            this.q = q;
        }

        @Override
        public float score(int node) {
            if (node < codes.size()) {
                ByteBuffer page = codes.page(node);
                int at = codes.offset(node);
                for (int w = 0; w < words; w++) {
                    code[w] = page.getLong(at + w * Long.BYTES);
                }
            } else {
                // Appended after these codes were replaced (rare): encoded from its vector.
                BinaryQuantizer.encode(store.copy(node), 0, dimension, code, 0);
            }
            int hamming = BinaryQuantizer.hamming(q, 0, code, 0, words);
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
