package io.vjvector.inference;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Where dense models come from: the process installs one source at start-up (local model, remote
 * providers, cache) and {@link InferenceModels#dense} asks it. Kept behind an interface so the
 * request readers stay static and plain, and tests may install their own.
 */
public interface DenseModels {

    /** No dense models at all (the state before start-up installs the real source). */
    DenseModels NONE = new DenseModels() {
        @Override
        public Optional<DenseEncoder> find(String modelName, JsonNode options) {
            return Optional.empty();
        }

        @Override
        public String available() {
            return "";
        }
    };

    /**
     * The model called {@code modelName} (any case), configured by {@code options} (null for none),
     * or empty when no dense model has that name.
     *
     * @throws IllegalArgumentException the model exists but an option is invalid; the message names it
     */
    Optional<DenseEncoder> find(String modelName, JsonNode options);

    /** The names a client may use, for error messages (e.g. {@code "a, openai/<model>"}). */
    String available();
}
