package io.vjvector.api.request;

import static io.vjvector.api.request.FieldPath.field;

import com.fasterxml.jackson.databind.JsonNode;
import io.vjvector.collection.QuantizationSettings;
import io.vjvector.error.VJVectorException;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads Qdrant's {@code quantization_config}: {@code {"scalar": {"type": "int8", "quantile",
 * "always_ram"}}} or {@code {"binary": {"always_ram", "encoding", "query_encoding"}}}, and in
 * updates also {@code "Disabled"}. Product quantization, and binary encodings other than one bit
 * per dimension, are refused naming the member.
 */
final class QuantizationConfigReader {

    private static final String SHAPE = "must be {\"scalar\": {\"type\": \"int8\", \"quantile\"?, \"always_ram\"?}} "
            + "or {\"binary\": {\"always_ram\"?}}";
    private static final Set<String> SCALAR_MEMBERS = Set.of("type", "quantile", "always_ram");
    private static final Set<String> BINARY_MEMBERS = Set.of("always_ram", "encoding", "query_encoding");

    private QuantizationConfigReader() {
    }

    /**
     * @param update whether {@code "Disabled"} is allowed (a PATCH), read as
     *               {@link QuantizationSettings#REMOVE}
     * @return null when absent or null
     */
    static QuantizationSettings read(JsonNode node, String path, boolean update) {
        if (!JsonValues.present(node)) {
            return null;
        }
        if (node.isTextual() && update && node.textValue().equals("Disabled")) {
            return QuantizationSettings.REMOVE;
        }
        if (!node.isObject() || node.size() != 1) {
            throw VJVectorException.badRequest(path, update ? SHAPE + " or \"Disabled\"" : SHAPE);
        }
        if (node.has("scalar")) {
            return scalar(node.get("scalar"), field(path, "scalar"));
        }
        if (node.has("binary")) {
            return binary(node.get("binary"), field(path, "binary"));
        }
        if (node.has("product")) {
            throw VJVectorException.badRequest(field(path, "product"), "product quantization is not supported; "
                    + "use scalar or binary");
        }
        throw VJVectorException.badRequest(field(path, node.fieldNames().next()),
                "unknown quantization type; expected scalar or binary");
    }

    private static QuantizationSettings scalar(JsonNode s, String path) {
        requireObject(s, path, SCALAR_MEMBERS);
        JsonNode type = s.get("type");
        if (!JsonValues.present(type) || !type.isTextual() || !type.textValue().equals("int8")) {
            throw VJVectorException.badRequest(field(path, "type"), JsonValues.present(type)
                    ? "must be \"int8\"" : "is required: \"int8\"");
        }
        Float quantile = null;
        JsonNode q = s.get("quantile");
        if (JsonValues.present(q)) {
            if (!q.isNumber()) {
                throw VJVectorException.badRequest(field(path, "quantile"), "must be a number in [0.5, 1]");
            }
            if (!(q.doubleValue() >= 0.5 && q.doubleValue() <= 1.0)) {
                throw VJVectorException.between(field(path, "quantile"), q.doubleValue(), 0.5, 1.0);
            }
            quantile = q.floatValue();
        }
        return new QuantizationSettings(QuantizationSettings.SCALAR, quantile, alwaysRam(s, path));
    }

    private static QuantizationSettings binary(JsonNode b, String path) {
        requireObject(b, path, BINARY_MEMBERS);
        JsonNode encoding = b.get("encoding");
        if (JsonValues.present(encoding) && !"one_bit".equals(encoding.asText())) {
            throw VJVectorException.badRequest(field(path, "encoding"), "only \"one_bit\" is supported");
        }
        JsonNode queryEncoding = b.get("query_encoding");
        if (JsonValues.present(queryEncoding) && !Set.of("default", "binary").contains(queryEncoding.asText())) {
            throw VJVectorException.badRequest(field(path, "query_encoding"),
                    "only \"default\" and \"binary\" are supported");
        }
        return new QuantizationSettings(QuantizationSettings.BINARY, null, alwaysRam(b, path));
    }

    private static void requireObject(JsonNode node, String path, Set<String> members) {
        if (node == null || !node.isObject()) {
            throw VJVectorException.format(path, "must be an object");
        }
        node.fieldNames().forEachRemaining(name -> {
            if (!members.contains(name)) {
                throw VJVectorException.badRequest(field(path, name), "unknown field; expected one of "
                        + String.join(", ", new TreeSet<>(members)));
            }
        });
    }

    private static Boolean alwaysRam(JsonNode node, String path) {
        JsonNode v = node.get("always_ram");
        if (!JsonValues.present(v)) {
            return null;
        }
        if (!v.isBoolean()) {
            throw VJVectorException.format(field(path, "always_ram"), "must be true or false");
        }
        return v.booleanValue();
    }
}
