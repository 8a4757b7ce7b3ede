package io.vjvector.embedding;

import io.vjvector.inference.DenseEncoder;
import java.util.ArrayList;
import java.util.List;

/**
 * A model behind the embedding cache: texts seen before are answered from it, the rest go to the
 * model in one batch. {@code cacheKey} tells apart one model name configured two ways (another
 * endpoint or output size gives other vectors).
 */
final class CachedEncoder implements DenseEncoder {

    private final DenseEncoder model;
    private final String cacheKey;
    private final EmbeddingCache cache;

    CachedEncoder(DenseEncoder model, String cacheKey, EmbeddingCache cache) {
        this.model = model;
        this.cacheKey = cacheKey;
        this.cache = cache;
    }

    @Override
    public String name() {
        return model.name();
    }

    @Override
    public int dimension() {
        return model.dimension();
    }

    @Override
    public float[][] embed(List<String> texts) {
        float[][] out = new float[texts.size()][];
        List<String> missing = new ArrayList<>();
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < out.length; i++) {
            out[i] = cache.get(cacheKey, texts.get(i));
            if (out[i] == null) {
                missing.add(texts.get(i));
                at.add(i);
            }
        }
        if (!missing.isEmpty()) {
            float[][] fresh = model.embed(missing);
            for (int j = 0; j < fresh.length; j++) {
                out[at.get(j)] = fresh[j];
                cache.put(cacheKey, missing.get(j), fresh[j]);
            }
        }
        return out;
    }
}
