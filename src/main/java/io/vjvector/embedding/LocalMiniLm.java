package io.vjvector.embedding;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import io.vjvector.error.VJVectorException;
import io.vjvector.inference.DenseEncoder;
import io.vjvector.inference.InferenceModels;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * all-MiniLM-L6-v2 running in-process on ONNX Runtime (384 dimensions, mean pooling, unit length).
 * The model is loaded on first use, not at start-up: loading takes seconds and ~800 MB of memory
 * that a server whose collections bring their own vectors should never pay. ONNX Runtime sessions
 * are safe to run from many threads, so once loaded there is no lock on the embedding path.
 */
final class LocalMiniLm implements DenseEncoder {

    private static final Logger LOG = Logger.getLogger(LocalMiniLm.class);
    static final int DIMENSION = 384;

    private volatile EmbeddingModel model;

    @Override
    public String name() {
        return InferenceModels.MINILM;
    }

    @Override
    public int dimension() {
        return DIMENSION;
    }

    @Override
    public float[][] embed(List<String> texts) {
        if (texts.isEmpty()) {
            return new float[0][];
        }
        List<Embedding> vectors = model().embedAll(texts.stream().map(TextSegment::from).toList()).content();
        float[][] out = new float[vectors.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = vectors.get(i).vector();
        }
        return out;
    }

    /** Whether the model has been loaded (tests check it stays unloaded when unused). */
    boolean loaded() {
        return model != null;
    }

    private EmbeddingModel model() {
        EmbeddingModel m = model;
        if (m != null) {
            return m;
        }
        synchronized (this) {
            if (model == null) {
                long start = System.nanoTime();
                try {
                    model = new AllMiniLmL6V2EmbeddingModel();
                } catch (LinkageError | RuntimeException e) {
                    // ONNX Runtime and the tokenizer are native libraries: a platform (or a native
                    // image) without them fails here, at first use, and says so.
                    throw VJVectorException.unavailable("model '" + name() + "' cannot run here: " + e);
                }
                LOG.infof("Loaded %s in %d ms", name(), (System.nanoTime() - start) / 1_000_000);
            }
            return model;
        }
    }
}
