package io.vjvector.inference;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Optional;

/**
 * The models that run inside VJVector, by the name a request's inference object gives
 * ({@code {"text": ..., "model": ..., "options": {...}}}). Names compare case-insensitively, so
 * FastEmbed's spelling {@code Qdrant/bm25} works as well as Qdrant's {@code qdrant/bm25}.
 */
public final class InferenceModels {

    /** Qdrant's built-in BM25 model. */
    public static final String BM25 = "qdrant/bm25";

    /** The local dense model that runs in-process (384 dimensions, cosine). */
    public static final String MINILM = "sentence-transformers/all-minilm-l6-v2";

    private static volatile DenseModels denseModels = DenseModels.NONE;

    private InferenceModels() {
    }

    /**
     * The sparse model called {@code modelName}, configured by {@code options} (null for none), or
     * empty if no sparse model has that name.
     *
     * @throws IllegalArgumentException if the model exists but an option is invalid; the message
     *                                  names the option
     */
    public static Optional<SparseEncoder> sparse(String modelName, JsonNode options) {
        if (modelName != null && modelName.toLowerCase(Locale.ROOT).equals(BM25)) {
            return Optional.of(new Bm25Encoder(Bm25Options.parse(options)));
        }
        return Optional.empty();
    }

    /**
     * The dense model called {@code modelName} (any case), configured by {@code options} (null for
     * none), or empty if no dense model has that name.
     *
     * @throws IllegalArgumentException if the model exists but an option is invalid; the message
     *                                  names the option
     */
    public static Optional<DenseEncoder> dense(String modelName, JsonNode options) {
        return modelName == null ? Optional.empty() : denseModels.find(modelName, options);
    }

    /** Every model name a request may use, for error messages. */
    public static String available() {
        String dense = denseModels.available();
        return dense.isEmpty() ? BM25 : BM25 + ", " + dense;
    }

    /** Installs the dense model source (at start-up; tests may install their own). */
    public static void install(DenseModels models) {
        denseModels = models == null ? DenseModels.NONE : models;
    }
}
