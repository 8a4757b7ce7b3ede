package io.vjvector.embedding;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.ollama.OllamaEmbeddingModel;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;
import io.vjvector.inference.DenseEncoder;
import io.vjvector.inference.DenseModels;
import io.vjvector.inference.InferenceModels;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dense models: the in-process {@code sentence-transformers/all-minilm-l6-v2},
 * {@code openai/<model>} (any OpenAI-compatible {@code /v1/embeddings}) and {@code ollama/<model>},
 * all behind one {@link EmbeddingCache}. A remote model is one client and one circuit breaker per
 * (model, endpoint, key, dimensions), created on first use and kept, so a breaker remembers the
 * failures of every request that reached that endpoint.
 */
public final class EmbeddingModels implements DenseModels {

    private static final String OPENAI = "openai/";
    private static final String OLLAMA = "ollama/";
    private static final Set<String> OPENAI_OPTIONS = Set.of("base_url", "api_key", "openai-api-key", "dimensions");
    private static final Set<String> OLLAMA_OPTIONS = Set.of("base_url");

    private final EmbeddingSettings settings;
    private final EmbeddingCache cache;
    private final LocalMiniLm local = new LocalMiniLm();
    private final Map<String, DenseEncoder> remotes = new ConcurrentHashMap<>();

    public EmbeddingModels(EmbeddingSettings settings) {
        this.settings = settings;
        this.cache = new EmbeddingCache(settings.cacheBytes());
    }

    @Override
    public Optional<DenseEncoder> find(String modelName, JsonNode options) {
        String lower = modelName.toLowerCase(Locale.ROOT);
        if (lower.equals(InferenceModels.MINILM)) {
            if (options != null && !options.isNull() && !(options.isObject() && options.isEmpty())) {
                throw new IllegalArgumentException("model '" + InferenceModels.MINILM + "' takes no options");
            }
            return Optional.of(new CachedEncoder(local, InferenceModels.MINILM, cache));
        }
        if (lower.startsWith(OPENAI) && lower.length() > OPENAI.length()) {
            return Optional.of(openai(modelName.substring(OPENAI.length()), options));
        }
        if (lower.startsWith(OLLAMA) && lower.length() > OLLAMA.length()) {
            return Optional.of(ollama(modelName.substring(OLLAMA.length()), options));
        }
        return Optional.empty();
    }

    @Override
    public String available() {
        return InferenceModels.MINILM + ", openai/<model>, ollama/<model>";
    }

    /** The embedding cache (for its statistics). */
    public EmbeddingCache cache() {
        return cache;
    }

    /** Whether the local model has been loaded yet. */
    public boolean localModelLoaded() {
        return local.loaded();
    }

    private DenseEncoder openai(String model, JsonNode options) {
        checkOptions(options, OPENAI_OPTIONS);
        String baseUrl = text(options, "base_url", settings.openaiBaseUrl());
        String key = text(options, "api_key", text(options, "openai-api-key", settings.openaiApiKey()));
        Integer dimensions = positive(options, "dimensions");
        if (baseUrl == null) {
            throw new IllegalArgumentException("base_url: no OpenAI-compatible endpoint is configured "
                    + "(vjvector.embeddings.openai.base-url); give one in options.base_url");
        }
        String name = OPENAI + model;
        String cacheKey = name + "|" + baseUrl + "|" + dimensions + "|" + (key == null ? 0 : key.hashCode());
        return remotes.computeIfAbsent(cacheKey, k -> {
            EmbeddingModel client = OpenAiEmbeddingModel.builder()
                    .baseUrl(baseUrl)
                    // OpenAI-compatible servers that need no key still expect the header.
                    .apiKey(key == null ? "none" : key)
                    .modelName(model)
                    .dimensions(dimensions)
                    .timeout(settings.policy().timeout())
                    .maxRetries(0)
                    .build();
            return cached(name, client, dimensions, cacheKey);
        });
    }

    private DenseEncoder ollama(String model, JsonNode options) {
        checkOptions(options, OLLAMA_OPTIONS);
        String baseUrl = text(options, "base_url", settings.ollamaBaseUrl());
        String name = OLLAMA + model;
        String cacheKey = name + "|" + baseUrl;
        return remotes.computeIfAbsent(cacheKey, k -> {
            EmbeddingModel client = OllamaEmbeddingModel.builder()
                    .baseUrl(baseUrl)
                    .modelName(model)
                    .timeout(settings.policy().timeout())
                    .maxRetries(0)
                    .build();
            return cached(name, client, null, cacheKey);
        });
    }

    private DenseEncoder cached(String name, EmbeddingModel client, Integer dimensions, String cacheKey) {
        ProviderGuard guard = new ProviderGuard("model '" + name + "'", settings.policy());
        return new CachedEncoder(new RemoteEncoder(name, client, guard, dimensions), cacheKey, cache);
    }

    private static void checkOptions(JsonNode options, Set<String> allowed) {
        if (options == null || options.isNull()) {
            return;
        }
        if (!options.isObject()) {
            throw new IllegalArgumentException("must be an object");
        }
        for (Iterator<String> it = options.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                throw new IllegalArgumentException(f + ": unknown option; known: " + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
    }

    private static String text(JsonNode options, String field, String fallback) {
        JsonNode v = options == null ? null : options.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isTextual() || v.textValue().isBlank()) {
            throw new IllegalArgumentException(field + ": must be a non-empty string");
        }
        return v.textValue();
    }

    private static Integer positive(JsonNode options, String field) {
        JsonNode v = options == null ? null : options.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.intValue() < 1) {
            throw new IllegalArgumentException(field + ": must be a positive integer");
        }
        return v.intValue();
    }
}
