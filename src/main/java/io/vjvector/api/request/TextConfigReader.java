package io.vjvector.api.request;

import com.fasterxml.jackson.databind.JsonNode;
import io.vjvector.collection.TextConfig;
import io.vjvector.collection.VectorsConfig;
import io.vjvector.engine.index.Distance;
import io.vjvector.error.VJVectorException;
import io.vjvector.inference.DenseEncoder;
import io.vjvector.inference.InferenceModels;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code text_config} of a create collection body and the vectors it implies: without
 * {@code vectors}, a dense vector {@code dense} of the model's size (cosine) and a sparse vector
 * {@code bm25} with IDF; with them, both must be there and {@code dense} of the model's size.
 */
final class TextConfigReader {

    private static final Set<String> MEMBERS = Set.of("model", "chunk_size", "chunk_overlap");

    private TextConfigReader() {
    }

    /** The text configuration, or null when the body has none. */
    static TextConfig read(JsonNode node) {
        JsonMembers m = JsonMembers.of(node, "text_config", MEMBERS);
        if (m == null) {
            return null;
        }
        String model = m.text("model");
        if (model == null) {
            throw VJVectorException.badRequest("text_config.model", "is required: a dense model name");
        }
        Integer size = m.count("chunk_size");
        Integer overlap = m.count("chunk_overlap");
        int chunkSize = size == null ? TextConfig.DEFAULT_CHUNK_SIZE : size;
        int chunkOverlap = overlap == null ? Math.min(TextConfig.DEFAULT_CHUNK_OVERLAP, chunkSize / 4) : overlap;
        if (chunkSize < 50 || chunkSize > 100_000) {
            throw VJVectorException.badRequest("text_config.chunk_size", "must be between 50 and 100000 characters");
        }
        if (chunkOverlap < 0 || chunkOverlap >= chunkSize / 2) {
            throw VJVectorException.badRequest("text_config.chunk_overlap",
                    "must be at least 0 and less than half of chunk_size (" + chunkSize + ")");
        }
        return new TextConfig(encoder(model).name(), chunkSize, chunkOverlap);
    }

    /** The collection's vectors: the given ones checked against the model, or the ones text_config implies. */
    static VectorsConfig vectors(TextConfig text, VectorsConfig given, boolean vectorsGiven) {
        int size = encoder(text.model()).dimension();
        if (!vectorsGiven) {
            return new VectorsConfig(true,
                    Map.of(TextConfig.DENSE, new VectorsConfig.DenseVector(size, Distance.COSINE, null, null, null, null, null)),
                    Map.of(TextConfig.SPARSE, new VectorsConfig.SparseVector(true, null, null, null)));
        }
        VectorsConfig.DenseVector dense = given.dense().get(TextConfig.DENSE);
        if (dense == null) {
            throw VJVectorException.badRequest("vectors", "a collection with text_config needs a dense vector named '"
                    + TextConfig.DENSE + "' (or omit vectors)");
        }
        if (dense.size() != size) {
            throw VJVectorException.badRequest("vectors." + TextConfig.DENSE + ".size", "model '" + text.model()
                    + "' makes vectors of size " + size + ", but vector '" + TextConfig.DENSE + "' has size " + dense.size());
        }
        if (!given.sparse().containsKey(TextConfig.SPARSE)) {
            throw VJVectorException.badRequest("sparse_vectors", "a collection with text_config needs a sparse vector named '"
                    + TextConfig.SPARSE + "' (or omit vectors)");
        }
        return given;
    }

    private static DenseEncoder encoder(String model) {
        try {
            return InferenceModels.dense(model, null).orElseThrow(() -> VJVectorException.badRequest("text_config.model",
                    "unknown dense model '" + model + "'; available: " + InferenceModels.available()));
        } catch (IllegalArgumentException e) {
            throw VJVectorException.badRequest("text_config.model", e.getMessage());
        }
    }
}
