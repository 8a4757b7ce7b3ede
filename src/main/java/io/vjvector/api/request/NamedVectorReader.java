package io.vjvector.api.request;

import static io.vjvector.api.request.FieldPath.field;
import static io.vjvector.api.request.FieldPath.index;

import com.fasterxml.jackson.databind.JsonNode;
import io.vjvector.collection.VectorsConfig;
import io.vjvector.engine.index.VectorValue;
import io.vjvector.engine.index.sparse.SparseVector;
import io.vjvector.error.VJVectorException;
import io.vjvector.inference.DenseEncoder;
import io.vjvector.inference.InferenceModels;
import io.vjvector.inference.SparseEncoder;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a point's vectors in any of Qdrant's forms against the collection's fields: a plain array
 * (the unnamed vector {@code ""}), or a map of names to values, each value of its field's kind
 * (a dense array, or {@code {"indices", "values"}} for a sparse field), or an inference object
 * the server embeds. Every problem answers 400 naming the field, before anything is applied; a
 * failing model provider answers 502/503/504 naming the model, also before anything is applied.
 */
public final class NamedVectorReader {

    private NamedVectorReader() {
    }

    /** The vectors of one point ({@code "vector"} of a point struct). */
    public static Map<String, VectorValue> point(JsonNode node, String path, VectorsConfig config) {
        if (node == null || node.isNull()) {
            throw VJVectorException.badRequest(path, "is required: a vector, or a map of vector names to vectors");
        }
        if (node.isObject() && !isInference(node)) {
            Map<String, VectorValue> out = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.put(e.getKey(), value(e.getValue(), field(path, e.getKey()), e.getKey(), config));
            }
            return out;
        }
        return Map.of("", value(node, path, "", config));
    }

    /**
     * The vectors of a batch of {@code n} points: a list (one unnamed vector per point) or a map of
     * names to lists (one value per point; null for a point without that vector).
     */
    public static List<Map<String, VectorValue>> batch(JsonNode node, int n, String path, VectorsConfig config) {
        List<Map<String, VectorValue>> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new LinkedHashMap<>());
        }
        if (node == null || node.isNull()) {
            throw VJVectorException.badRequest(path, "is required: a list of " + n + " vectors, one per id");
        }
        if (node.isArray()) {
            column(node, n, path, "", config, out);
            return out;
        }
        if (!node.isObject()) {
            throw VJVectorException.badRequest(path, "must be a list of vectors or a map of vector names to lists");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String at = field(path, e.getKey());
            if (!e.getValue().isArray()) {
                throw VJVectorException.badRequest(at, "must be a list of " + n + " vectors, one per id");
            }
            column(e.getValue(), n, at, e.getKey(), config, out);
        }
        return out;
    }

    private static void column(JsonNode list, int n, String path, String name, VectorsConfig config,
                               List<Map<String, VectorValue>> out) {
        if (list.size() != n) {
            throw VJVectorException.badRequest(path, "expected " + n + " vectors (one per id), got " + list.size());
        }
        for (int i = 0; i < n; i++) {
            JsonNode v = list.get(i);
            if (v != null && !v.isNull()) {
                out.get(i).put(name, value(v, index(path, i), name, config));
            }
        }
    }

    /** One stored value for field {@code name}, of the field's kind (an inference object encodes a document). */
    public static VectorValue value(JsonNode node, String path, String name, VectorsConfig config) {
        return value(node, path, name, config, false);
    }

    /** One query value for field {@code name} (an inference object encodes a query). */
    public static VectorValue query(JsonNode node, String path, String name, VectorsConfig config) {
        return value(node, path, name, config, true);
    }

    /**
     * Qdrant's inference object {@code {"text", "model", "options"?}} where a vector goes: the model
     * registry turns the text into the field's kind of vector ({@code qdrant/bm25}: sparse; the
     * local, OpenAI-compatible and Ollama models: dense, of the field's size or 400 naming both).
     */
    static boolean isInference(JsonNode node) {
        return node != null && node.isObject() && node.has("text") && node.has("model");
    }

    /**
     * Whether an inference object appears anywhere in {@code node}: reading it runs a model (or
     * calls a remote one), so the request must be read where blocking is allowed.
     */
    public static boolean mentionsInference(JsonNode node) {
        if (node == null || node instanceof FloatsNode || !node.isContainerNode()) {
            return false;
        }
        if (isInference(node)) {
            return true;
        }
        for (JsonNode child : node) {
            if (mentionsInference(child)) {
                return true;
            }
        }
        return false;
    }

    private static VectorValue infer(JsonNode node, String path, String name, VectorsConfig config, boolean query) {
        node.fieldNames().forEachRemaining(f -> {
            if (!f.equals("text") && !f.equals("model") && !f.equals("options")) {
                throw VJVectorException.badRequest(field(path, f), "is not a member of a document (text, model, options)");
            }
        });
        JsonNode text = node.get("text");
        JsonNode model = node.get("model");
        if (!text.isTextual()) {
            throw VJVectorException.format(field(path, "text"), "must be a string");
        }
        if (!model.isTextual()) {
            throw VJVectorException.badRequest(field(path, "model"), "must be a model name (a string)");
        }
        String t = text.textValue();
        Optional<SparseEncoder> sparse;
        Optional<DenseEncoder> dense;
        try {
            sparse = InferenceModels.sparse(model.textValue(), node.get("options"));
            dense = sparse.isPresent() ? Optional.empty() : InferenceModels.dense(model.textValue(), node.get("options"));
        } catch (IllegalArgumentException e) {
            throw VJVectorException.badRequest(field(path, "options"), e.getMessage());
        }
        if (sparse.isPresent()) {
            if (!config.sparse().containsKey(name)) {
                throw VJVectorException.badRequest(field(path, "model"), "model '" + model.textValue()
                        + "' makes sparse vectors, but '" + name + "' is not a sparse vector of the collection");
            }
            return new VectorValue.Sparse(query ? sparse.get().encodeQuery(t) : sparse.get().encodeDocument(t));
        }
        if (dense.isEmpty()) {
            throw VJVectorException.badRequest(field(path, "model"), "unknown model '" + model.textValue()
                    + "'; available: " + InferenceModels.available());
        }
        VectorsConfig.DenseVector field = config.dense().get(name);
        if (field == null) {
            throw VJVectorException.badRequest(field(path, "model"), "model '" + model.textValue()
                    + "' makes dense vectors, but '" + name + "' is not a dense vector of the collection");
        }
        if (t.isBlank()) {
            throw VJVectorException.badRequest(field(path, "text"), "must not be blank for a dense model");
        }
        DenseEncoder encoder = dense.get();
        checkSize(encoder, field.size(), path, name);
        return new VectorValue.Dense(encoder.embed(List.of(t))[0]);
    }

    /** A model whose vectors do not fit the field is refused before any text is sent to it. */
    static void checkSize(DenseEncoder encoder, int fieldSize, String path, String name) {
        int size = encoder.dimension();
        if (size != fieldSize) {
            throw VJVectorException.badRequest(field(path, "model"), "model '" + encoder.name() + "' makes vectors of size "
                    + size + ", but vector '" + name + "' has size " + fieldSize);
        }
    }

    private static VectorValue value(JsonNode node, String path, String name, VectorsConfig config, boolean query) {
        if (isInference(node)) {
            return infer(node, path, name, config, query);
        }
        VectorsConfig.DenseVector dense = config.dense().get(name);
        if (dense != null && dense.multivector() != null) {
            return new VectorValue.Multi(multi(node, path, dense.size()));
        }
        if (dense != null) {
            return new VectorValue.Dense(VectorReader.read(node, path, dense.size()));
        }
        if (config.sparse().containsKey(name)) {
            return new VectorValue.Sparse(sparse(node, path));
        }
        throw VJVectorException.badRequest(path, "Wrong input: Not existing vector name error: " + name);
    }

    /** A multivector: a non-empty list of vectors, each of the field's size. */
    static io.vjvector.engine.index.multi.MultiVector multi(JsonNode node, String path, int dimension) {
        if (node == null || !node.isArray() || node.isEmpty() || !node.get(0).isArray()) {
            throw VJVectorException.badRequest(path, "must be a multivector: a non-empty list of vectors of "
                    + dimension + " numbers");
        }
        float[][] rows = new float[node.size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = VectorReader.read(node.get(i), index(path, i), dimension);
        }
        return new io.vjvector.engine.index.multi.MultiVector(rows);
    }

    /** Qdrant's sparse vector {@code {"indices": [u32...], "values": [f32...]}}. */
    static SparseVector sparse(JsonNode node, String path) {
        if (node == null || !node.isObject() || !node.has("indices") || !node.has("values") || node.size() != 2) {
            throw VJVectorException.badRequest(path, "must be a sparse vector {\"indices\": [...], \"values\": [...]}");
        }
        JsonNode indices = node.get("indices");
        JsonNode values = node.get("values");
        if (!indices.isArray() || !values.isArray()) {
            throw VJVectorException.badRequest(path, "indices and values must be lists");
        }
        int[] idx = new int[indices.size()];
        for (int i = 0; i < idx.length; i++) {
            JsonNode e = indices.get(i);
            if (!e.isIntegralNumber() || e.asLong() < 0 || e.asLong() > 0xFFFFFFFFL) {
                throw VJVectorException.badRequest(index(field(path, "indices"), i), "must be an integer in 0..4294967295");
            }
            if (e.asLong() > Integer.MAX_VALUE) {
                throw VJVectorException.badRequest(index(field(path, "indices"), i),
                        "indices above 2147483647 are not supported");
            }
            idx[i] = e.intValue();
        }
        float[] val = new float[values.size()];
        for (int i = 0; i < val.length; i++) {
            JsonNode e = values.get(i);
            if (!e.isNumber() || !Float.isFinite(e.floatValue())) {
                throw VJVectorException.format(index(field(path, "values"), i), "must be a finite number");
            }
            val[i] = e.floatValue();
        }
        try {
            return SparseVector.of(idx, val);
        } catch (IllegalArgumentException e) {
            throw VJVectorException.badRequest(path, e.getMessage());
        }
    }
}
