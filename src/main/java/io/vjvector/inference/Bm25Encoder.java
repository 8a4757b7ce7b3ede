package io.vjvector.inference;

import io.vjvector.engine.index.sparse.SparseVector;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Qdrant's built-in {@code qdrant/bm25} model: text → tokens ({@link TextTokenizer}) → sparse
 * vector whose indices are token hashes ({@link TokenIds}).
 *
 * <ul>
 *   <li>A document's value for a token that occurs {@code tf} times among its {@code len} tokens
 *       (after stopword removal) is {@code tf * (k + 1) / (tf + k * (1 - b + b * len / avg_len))},
 *       computed in doubles with the denominator fused as Qdrant's {@code bm25} crate computes it,
 *       then rounded to float.</li>
 *   <li>A query's value is 1 for every distinct token.</li>
 * </ul>
 * The IDF half of BM25 is not in these vectors: the collection applies it at search time (the
 * sparse vector's {@code modifier: idf}). Text without tokens gives an empty vector.
 */
public final class Bm25Encoder implements SparseEncoder {

    private final Bm25Options options;
    private final TextTokenizer tokenizer;

    public Bm25Encoder(Bm25Options options) {
        this.options = options;
        this.tokenizer = new TextTokenizer(options);
    }

    public Bm25Options options() {
        return options;
    }

    @Override
    public SparseVector encodeDocument(String text) {
        List<String> tokens = tokenizer.documentTokens(text);
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String token : tokens) {
            counts.merge(token, 1, Integer::sum);
        }
        // Distinct tokens can share a hash; Qdrant then keeps whichever it meets last in a hash map
        // order, this keeps the larger weight so the result does not depend on iteration order.
        Map<Integer, Float> weights = new HashMap<>();
        for (Map.Entry<String, Integer> entry : counts.entrySet()) {
            weights.merge(TokenIds.of(entry.getKey()), weight(entry.getValue(), tokens.size()), Math::max);
        }
        return toVector(weights);
    }

    @Override
    public SparseVector encodeQuery(String text) {
        Map<Integer, Float> weights = new HashMap<>();
        for (String token : tokenizer.queryTokens(text)) {
            weights.put(TokenIds.of(token), 1f);
        }
        return toVector(weights);
    }

    /** The BM25 term-frequency weight, in Qdrant's operation order (fused multiply-add included). */
    float weight(int occurrences, int documentLength) {
        double k = options.k();
        double b = options.b();
        double n = occurrences;
        double tf = n * (k + 1.0);
        tf /= Math.fma(k, 1.0 - b + b * documentLength / options.avgLen(), n);
        return (float) tf;
    }

    private static SparseVector toVector(Map<Integer, Float> weights) {
        int[] indices = new int[weights.size()];
        float[] values = new float[weights.size()];
        int i = 0;
        for (Map.Entry<Integer, Float> entry : weights.entrySet()) {
            indices[i] = entry.getKey();
            values[i] = entry.getValue();
            i++;
        }
        return SparseVector.of(indices, values);
    }
}
