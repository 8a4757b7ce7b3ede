package io.vjvector.collection.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vjvector.collection.WithPayload;
import io.vjvector.engine.filter.Filter;
import io.vjvector.engine.filter.FilterWriter;
import io.vjvector.engine.index.VectorValue;
import io.vjvector.engine.index.sparse.SparseVector;
import io.vjvector.engine.payload.JsonPath;
import io.vjvector.engine.point.PointId;
import io.vjvector.engine.shard.VectorSelection;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The JSON of the values that make up shard messages: point ids, vectors, filters, payload paths
 * and projections. Readers trust their input to be what a writer of this version wrote (the
 * sending node checked the request at its edge) and fail with {@link WireFormatException} when
 * it is not, never with a client error.
 *
 * <p>Float vectors travel as base64 of their little-endian IEEE 754 bits rather than as JSON
 * numbers: exact by construction (a decimal float read back through a double can round twice)
 * and about a third of the size.
 */
final class WireValues {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /**
     * How deep a filter may nest on the wire. The sender's edge enforced the collection's limit
     * already; this only has to admit every filter that limit lets through.
     */
    static final int FILTER_MAX_DEPTH = 1024;

    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

    private WireValues() {
    }

    static JsonNode pointId(PointId id) {
        return FilterWriter.pointId(id);
    }

    static PointId pointId(JsonNode node) {
        if (node != null && node.isIntegralNumber()) {
            BigInteger v = node.bigIntegerValue();
            if (v.signum() >= 0 && v.compareTo(TWO_TO_64) < 0) {
                return PointId.of(v.longValue());
            }
        } else if (node != null && node.isTextual()) {
            try {
                return PointId.of(UUID.fromString(node.textValue()));
            } catch (IllegalArgumentException e) {
                throw new WireFormatException("not a point id: " + node);
            }
        }
        throw new WireFormatException("not a point id: " + node);
    }

    static ArrayNode pointIds(List<PointId> ids) {
        ArrayNode out = NODES.arrayNode(ids.size());
        for (PointId id : ids) {
            out.add(pointId(id));
        }
        return out;
    }

    static List<PointId> pointIds(JsonNode array) {
        List<PointId> out = new ArrayList<>(array.size());
        for (JsonNode id : array(array, "ids")) {
            out.add(pointId(id));
        }
        return out;
    }

    /** Null for a null filter (which the receiving side keeps apart from match-all). */
    static JsonNode filter(Filter filter) {
        return filter == null ? NODES.nullNode() : FilterWriter.write(filter);
    }

    static Filter filter(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            return Filter.parse(node, FILTER_MAX_DEPTH);
        } catch (RuntimeException e) {
            throw new WireFormatException("not a filter: " + e.getMessage(), e);
        }
    }

    static ObjectNode vectors(Map<String, VectorValue> vectors) {
        ObjectNode out = NODES.objectNode();
        vectors.forEach((name, value) -> out.set(name, vector(value)));
        return out;
    }

    /** Vectors by name in the order written; null stays null. */
    static Map<String, VectorValue> vectors(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        Map<String, VectorValue> out = new LinkedHashMap<>();
        node.properties().forEach(e -> out.put(e.getKey(), vector(e.getValue())));
        return out;
    }

    static ObjectNode vector(VectorValue value) {
        ObjectNode out = NODES.objectNode();
        if (value instanceof VectorValue.Dense d) {
            out.put("dense", floats(d.values()));
        } else if (value instanceof VectorValue.Multi m) {
            ArrayNode rows = out.putArray("multi");
            for (float[] row : m.vector().rows()) {
                rows.add(floats(row));
            }
        } else {
            SparseVector s = ((VectorValue.Sparse) value).vector();
            ArrayNode indices = out.putArray("indices");
            for (int i : s.indices()) {
                indices.add(i);
            }
            out.put("values", floats(s.values()));
        }
        return out;
    }

    static VectorValue vector(JsonNode node) {
        if (node != null && node.has("dense")) {
            return new VectorValue.Dense(floats(node.get("dense")));
        }
        if (node != null && node.has("multi")) {
            JsonNode rows = array(node.get("multi"), "multivector rows");
            float[][] out = new float[rows.size()][];
            for (int i = 0; i < out.length; i++) {
                out[i] = floats(rows.get(i));
            }
            try {
                return new VectorValue.Multi(new io.vjvector.engine.index.multi.MultiVector(out));
            } catch (IllegalArgumentException e) {
                throw new WireFormatException("not a multivector: " + e.getMessage(), e);
            }
        }
        if (node == null || !node.has("indices") || !node.has("values")) {
            throw new WireFormatException("not a vector: " + node);
        }
        JsonNode indices = array(node.get("indices"), "indices");
        int[] ix = new int[indices.size()];
        for (int i = 0; i < ix.length; i++) {
            ix[i] = indices.get(i).intValue();
        }
        try {
            return new VectorValue.Sparse(new SparseVector(ix, floats(node.get("values"))));
        } catch (IllegalArgumentException e) {
            throw new WireFormatException("not a sparse vector: " + e.getMessage(), e);
        }
    }

    static String floats(float[] values) {
        ByteBuffer buf = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(values);
        return Base64.getEncoder().encodeToString(buf.array());
    }

    static float[] floats(JsonNode node) {
        if (node == null || !node.isTextual()) {
            throw new WireFormatException("not a float vector: " + node);
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(node.textValue());
        } catch (IllegalArgumentException e) {
            throw new WireFormatException("not a float vector: " + e.getMessage(), e);
        }
        if (bytes.length % Float.BYTES != 0) {
            throw new WireFormatException("float vector of " + bytes.length + " bytes");
        }
        float[] out = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }

    /** A payload object; null stays null. */
    static ObjectNode payload(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new WireFormatException("not a payload object: " + node);
        }
        return (ObjectNode) node;
    }

    static JsonNode path(JsonPath path) {
        return path == null ? NODES.nullNode() : NODES.textNode(path.toString());
    }

    static JsonPath path(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            return JsonPath.parse(node.textValue());
        } catch (RuntimeException e) {
            throw new WireFormatException("not a payload path: " + node, e);
        }
    }

    static ObjectNode withPayload(WithPayload w) {
        ObjectNode out = NODES.objectNode();
        out.put("enabled", w.enabled());
        out.set("include", strings(w.include()));
        out.set("exclude", strings(w.exclude()));
        return out;
    }

    static WithPayload withPayload(JsonNode node) {
        return new WithPayload(bool(node, "enabled"), strings(node.get("include")), strings(node.get("exclude")));
    }

    static ObjectNode vectorSelection(VectorSelection s) {
        ObjectNode out = NODES.objectNode();
        out.put("all", s.all());
        // Sorted so that one selection always writes the same bytes (the set has no order).
        out.set("names", strings(s.names().stream().sorted().toList()));
        return out;
    }

    static VectorSelection vectorSelection(JsonNode node) {
        return new VectorSelection(bool(node, "all"), new LinkedHashSet<>(strings(node.get("names"))));
    }

    static Set<String> names(JsonNode node) {
        return new LinkedHashSet<>(strings(node));
    }

    /** A list of strings; null stays null. */
    static JsonNode strings(java.util.Collection<String> values) {
        if (values == null) {
            return NODES.nullNode();
        }
        ArrayNode out = NODES.arrayNode(values.size());
        values.forEach(out::add);
        return out;
    }

    static List<String> strings(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        List<String> out = new ArrayList<>(node.size());
        for (JsonNode s : array(node, "strings")) {
            if (!s.isTextual()) {
                throw new WireFormatException("not a string: " + s);
            }
            out.add(s.textValue());
        }
        return out;
    }

    static JsonNode array(JsonNode node, String what) {
        if (node == null || !node.isArray()) {
            throw new WireFormatException("expected an array of " + what + ", got " + node);
        }
        return node;
    }

    static JsonNode required(JsonNode node, String name) {
        JsonNode value = node == null ? null : node.get(name);
        if (value == null) {
            throw new WireFormatException("missing `" + name + "`");
        }
        return value;
    }

    static boolean bool(JsonNode node, String name) {
        JsonNode value = required(node, name);
        if (!value.isBoolean()) {
            throw new WireFormatException("`" + name + "` is not a boolean: " + value);
        }
        return value.booleanValue();
    }

    static long number(JsonNode node, String name) {
        JsonNode value = required(node, name);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new WireFormatException("`" + name + "` is not a 64-bit integer: " + value);
        }
        return value.longValue();
    }

    static int integer(JsonNode node, String name) {
        long value = number(node, name);
        if (value != (int) value) {
            throw new WireFormatException("`" + name + "` is out of int range: " + value);
        }
        return (int) value;
    }

    static String text(JsonNode node, String name) {
        JsonNode value = required(node, name);
        if (!value.isTextual()) {
            throw new WireFormatException("`" + name + "` is not a string: " + value);
        }
        return value.textValue();
    }
}
