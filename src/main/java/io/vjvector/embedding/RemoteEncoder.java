package io.vjvector.embedding;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.vjvector.error.ErrorKind;
import io.vjvector.error.VJVectorException;
import io.vjvector.inference.DenseEncoder;
import java.util.List;

/**
 * A model behind a remote endpoint (OpenAI-compatible or Ollama, through LangChain4j's clients),
 * called under a {@link ProviderGuard}. The answer is checked before anyone uses it: one vector
 * per text, all of one size, finite numbers; otherwise 502 and nothing is stored. The size is
 * learnt from the first answer (or a one-word probe when {@link #dimension()} is asked first).
 */
final class RemoteEncoder implements DenseEncoder {

    private final String name;
    private final EmbeddingModel client;
    private final ProviderGuard guard;
    private volatile int dimension;

    RemoteEncoder(String name, EmbeddingModel client, ProviderGuard guard, Integer knownDimension) {
        this.name = name;
        this.client = client;
        this.guard = guard;
        this.dimension = knownDimension == null ? 0 : knownDimension;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int dimension() {
        if (dimension == 0) {
            embed(List.of("dimension"));
        }
        return dimension;
    }

    @Override
    public float[][] embed(List<String> texts) {
        if (texts.isEmpty()) {
            return new float[0][];
        }
        List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
        @SuppressWarnings("unchecked")
        List<Embedding> answer = guard.call(() -> client.embedAll(segments).content(), List.class);
        if (answer == null || answer.size() != texts.size()) {
            throw malformed("asked for " + texts.size() + " vectors, got " + (answer == null ? 0 : answer.size()));
        }
        float[][] out = new float[texts.size()][];
        for (int i = 0; i < out.length; i++) {
            Embedding e = answer.get(i);
            if (e == null || e.vector() == null || e.vector().length == 0) {
                throw malformed("vector " + i + " is missing");
            }
            out[i] = e.vector();
            int expected = dimension == 0 ? out[0].length : dimension;
            if (out[i].length != expected) {
                throw malformed("vector " + i + " has " + out[i].length + " dimensions, expected " + expected);
            }
            for (float f : out[i]) {
                if (!Float.isFinite(f)) {
                    throw malformed("vector " + i + " holds a value that is not a finite number");
                }
            }
        }
        dimension = out[0].length;
        return out;
    }

    private VJVectorException malformed(String why) {
        return new VJVectorException(ErrorKind.UPSTREAM_FAILED, null, "model '" + name + "' answered malformed embeddings: " + why);
    }
}
