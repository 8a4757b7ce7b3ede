package io.vjvector.api.request;

import static io.vjvector.api.request.FieldPath.field;

import com.fasterxml.jackson.databind.JsonNode;
import io.vjvector.collection.QuantizationSettings;
import io.vjvector.collection.VectorsConfig;
import io.vjvector.engine.index.Datatype;
import io.vjvector.engine.index.Distance;
import io.vjvector.error.VJVectorException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads Qdrant's {@code vectors} (one unnamed vector's params, or a map of names to params) and
 * {@code sparse_vectors} (a map of names to sparse params) into a {@link VectorsConfig}.
 */
@jakarta.enterprise.context.ApplicationScoped
public class VectorsConfigReader {

    private static final Set<String> VECTOR_PARAMS = Set.of("size", "distance", "hnsw_config", "quantization_config",
            "on_disk", "datatype", "multivector_config");
    private static final Set<String> HNSW_MEMBERS = Set.of("m", "ef_construct", "full_scan_threshold",
            "max_indexing_threads", "on_disk", "payload_m", "inline_storage");
    private static final Set<String> SPARSE_PARAMS = Set.of("index", "modifier");
    private static final Set<String> SPARSE_INDEX = Set.of("full_scan_threshold", "on_disk", "datatype");

    private final RequestLimits limits;

    public VectorsConfigReader(RequestLimits limits) {
        this.limits = limits;
    }

    /** A vector to add to an existing collection: exactly one of {@code dense} and {@code sparse}. */
    public record NewVector(VectorsConfig.DenseVector dense, VectorsConfig.SparseVector sparse) {
    }

    /** Qdrant's create-vector-name body, {@code {"dense": {...}}} or {@code {"sparse": {...}}}. */
    public NewVector newVector(String vectorName, JsonNode body) {
        if (vectorName.length() > 200 || vectorName.chars().anyMatch(c -> c == '/' || c == '\\' || c == 0)) {
            throw VJVectorException.badRequest("vector_name", "must be at most 200 characters without '/', '\\' or NUL");
        }
        if (body == null || !body.isObject() || body.size() != 1 || !(body.has("dense") || body.has("sparse"))) {
            throw VJVectorException.badRequest("body", "must be {\"dense\": {\"size\", \"distance\", ...}} or "
                    + "{\"sparse\": {\"modifier\"?}}");
        }
        if (body.has("dense")) {
            return new NewVector(dense(body.get("dense"), "dense", limits), null);
        }
        JsonNode s = body.get("sparse");
        if (s != null && s.isObject() && s.has("datatype")) {
            // Qdrant's create body has the datatype at the top; a collection's has it under "index".
            com.fasterxml.jackson.databind.node.ObjectNode moved = ((com.fasterxml.jackson.databind.node.ObjectNode) s).deepCopy();
            moved.putObject("index").set("datatype", moved.remove("datatype"));
            s = moved;
        }
        return new NewVector(null, sparse(s, "sparse"));
    }

    public static VectorsConfig read(JsonNode vectors, JsonNode sparseVectors, RequestLimits limits) {
        Map<String, VectorsConfig.DenseVector> dense = new LinkedHashMap<>();
        boolean named = true;
        if (JsonValues.present(vectors)) {
            if (!vectors.isObject()) {
                throw VJVectorException.badRequest("vectors", "must be {\"size\": n, \"distance\": d} or a map of "
                        + "vector names to such objects");
            }
            if (vectors.has("size") || vectors.has("distance")) {
                named = false;
                dense.put("", dense(vectors, "vectors", limits));
            } else {
                for (Iterator<Map.Entry<String, JsonNode>> it = vectors.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    dense.put(e.getKey(), dense(e.getValue(), field("vectors", e.getKey()), limits));
                }
            }
        }
        Map<String, VectorsConfig.SparseVector> sparse = new LinkedHashMap<>();
        if (JsonValues.present(sparseVectors)) {
            if (!sparseVectors.isObject()) {
                throw VJVectorException.badRequest("sparse_vectors", "must be a map of vector names to sparse params");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = sparseVectors.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String at = field("sparse_vectors", e.getKey());
                if (dense.containsKey(e.getKey())) {
                    throw VJVectorException.badRequest(at, "vector name '" + e.getKey()
                            + "' is already a dense vector");
                }
                sparse.put(e.getKey(), sparse(e.getValue(), at));
            }
        }
        if (dense.isEmpty() && sparse.isEmpty()) {
            throw VJVectorException.badRequest("vectors", "is required: {\"size\": n, \"distance\": \""
                    + CollectionParamsReader.DISTANCES + "\"}, named vectors, or sparse_vectors");
        }
        return new VectorsConfig(named, dense, sparse);
    }

    static VectorsConfig.DenseVector dense(JsonNode v, String path, RequestLimits limits) {
        if (v == null || !v.isObject()) {
            throw VJVectorException.badRequest(path, "must be {\"size\": n, \"distance\": d}");
        }
        members(v, VECTOR_PARAMS, path);
        QuantizationSettings quantization = QuantizationConfigReader.read(v.get("quantization_config"),
                field(path, "quantization_config"), false);
        JsonNode sizeNode = v.get("size");
        if (!JsonValues.present(sizeNode) || !sizeNode.isIntegralNumber() || !sizeNode.canConvertToInt()) {
            throw JsonValues.present(sizeNode) ? VJVectorException.format(field(path, "size"), "must be an integer")
                    : VJVectorException.badRequest(field(path, "size"), "is required: an integer");
        }
        int size = limits.vectorSize(sizeNode.intValue(), field(path, "size"));
        JsonNode d = v.get("distance");
        Distance distance = JsonValues.present(d) && d.isTextual() ? Distance.fromQdrantName(d.textValue()) : null;
        if (distance == null) {
            throw VJVectorException.badRequest(field(path, "distance"), "must be one of " + CollectionParamsReader.DISTANCES
                    + (JsonValues.present(d) ? ", got " + PointIdReader.abbreviate(d) : ""));
        }
        Integer m = null;
        Integer ef = null;
        JsonNode hnsw = v.get("hnsw_config");
        if (JsonValues.present(hnsw)) {
            String at = field(path, "hnsw_config");
            if (!hnsw.isObject()) {
                throw VJVectorException.format(at, "must be an object");
            }
            members(hnsw, HNSW_MEMBERS, at);
            m = optionalInt(hnsw.get("m"), field(at, "m"));
            ef = optionalInt(hnsw.get("ef_construct"), field(at, "ef_construct"));
        }
        Boolean onDisk = optionalBoolean(v.get("on_disk"), field(path, "on_disk"));
        Datatype datatype = null;
        JsonNode dt = v.get("datatype");
        if (JsonValues.present(dt)) {
            datatype = dt.isTextual() ? Datatype.fromQdrantName(dt.textValue()) : null;
            if (datatype == null) {
                throw VJVectorException.badRequest(field(path, "datatype"), "must be one of float32, float16, uint8");
            }
        }
        String multivector = null;
        JsonNode mv = v.get("multivector_config");
        if (JsonValues.present(mv)) {
            String at = field(path, "multivector_config");
            if (!mv.isObject()) {
                throw VJVectorException.badRequest(at, "must be {\"comparator\": \"max_sim\"}");
            }
            members(mv, Set.of("comparator"), at);
            JsonNode comparator = mv.get("comparator");
            if (comparator == null || !"max_sim".equals(comparator.asText())) {
                throw VJVectorException.badRequest(field(at, "comparator"), "must be \"max_sim\"");
            }
            multivector = "max_sim";
        }
        return new VectorsConfig.DenseVector(size, distance, m, ef, onDisk, datatype, multivector, quantization);
    }

    private static VectorsConfig.SparseVector sparse(JsonNode s, String path) {
        if (s == null || !s.isObject()) {
            throw VJVectorException.badRequest(path, "must be an object {\"index\"?, \"modifier\"?}");
        }
        members(s, SPARSE_PARAMS, path);
        boolean idf = false;
        JsonNode modifier = s.get("modifier");
        if (JsonValues.present(modifier)) {
            String m = modifier.isTextual() ? modifier.textValue() : "";
            if (!m.equals("idf") && !m.equals("none")) {
                throw VJVectorException.badRequest(field(path, "modifier"), "must be \"idf\" or \"none\"");
            }
            idf = m.equals("idf");
        }
        Boolean onDisk = null;
        Integer fullScan = null;
        Datatype datatype = null;
        JsonNode index = s.get("index");
        if (JsonValues.present(index)) {
            String at = field(path, "index");
            if (!index.isObject()) {
                throw VJVectorException.format(at, "must be an object");
            }
            members(index, SPARSE_INDEX, at);
            onDisk = optionalBoolean(index.get("on_disk"), field(at, "on_disk"));
            fullScan = optionalInt(index.get("full_scan_threshold"), field(at, "full_scan_threshold"));
            JsonNode dt = index.get("datatype");
            if (JsonValues.present(dt)) {
                datatype = dt.isTextual() ? Datatype.fromQdrantName(dt.textValue()) : null;
                if (datatype == null) {
                    throw VJVectorException.badRequest(field(at, "datatype"), "must be one of float32, float16, uint8");
                }
            }
        }
        return new VectorsConfig.SparseVector(idf, onDisk, fullScan, datatype);
    }

    private static void members(JsonNode node, Set<String> allowed, String path) {
        node.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                throw VJVectorException.badRequest(field(path, name), "unknown field; expected one of "
                        + String.join(", ", new java.util.TreeSet<>(allowed)));
            }
        });
    }

    private static Integer optionalInt(JsonNode n, String path) {
        if (!JsonValues.present(n)) {
            return null;
        }
        if (!n.isIntegralNumber() || !n.canConvertToInt() || n.intValue() < 0) {
            throw VJVectorException.format(path, "must be a non-negative integer");
        }
        return n.intValue();
    }

    private static Boolean optionalBoolean(JsonNode n, String path) {
        if (!JsonValues.present(n)) {
            return null;
        }
        if (!n.isBoolean()) {
            throw VJVectorException.format(path, "must be true or false");
        }
        return n.booleanValue();
    }
}
