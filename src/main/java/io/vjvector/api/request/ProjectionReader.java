package io.vjvector.api.request;

import com.fasterxml.jackson.databind.JsonNode;
import io.vjvector.collection.WithPayload;
import io.vjvector.engine.shard.VectorSelection;
import io.vjvector.error.VJVectorException;
import java.util.ArrayList;
import java.util.List;

/** Reads what a read request returns: Qdrant's {@code with_payload} and {@code with_vector}. */
public final class ProjectionReader {

    private static final String PAYLOAD_RULE =
            "must be true, false, a list of keys, {\"include\": [keys]} or {\"exclude\": [keys]}";

    private ProjectionReader() {
    }

    public static WithPayload withPayload(JsonNode node, String path, WithPayload absent) {
        if (!JsonValues.present(node)) {
            return absent;
        }
        if (node.isBoolean()) {
            return node.booleanValue() ? WithPayload.ALL : WithPayload.NONE;
        }
        if (node.isArray()) {
            return new WithPayload(true, keys(node, path), null);
        }
        if (node.isObject() && node.size() == 1 && node.has("include")) {
            return new WithPayload(true, keys(node.get("include"), FieldPath.field(path, "include")), null);
        }
        if (node.isObject() && node.size() == 1 && node.has("exclude")) {
            return new WithPayload(true, null, keys(node.get("exclude"), FieldPath.field(path, "exclude")));
        }
        throw VJVectorException.badRequest(path, PAYLOAD_RULE);
    }

    /** Qdrant's {@code with_vector}: true, false or a list of vector names. */
    public static VectorSelection withVector(JsonNode node, String path, boolean absent) {
        if (!JsonValues.present(node)) {
            return VectorSelection.of(absent);
        }
        if (node.isBoolean()) {
            return VectorSelection.of(node.booleanValue());
        }
        if (node.isArray()) {
            java.util.Set<String> names = new java.util.LinkedHashSet<>();
            for (int i = 0; i < node.size(); i++) {
                if (!node.get(i).isTextual()) {
                    throw VJVectorException.badRequest(FieldPath.index(path, i), "must be a vector name (a string)");
                }
                names.add(node.get(i).textValue());
            }
            return VectorSelection.names(names);
        }
        throw VJVectorException.badRequest(path, "must be true, false or a list of vector names");
    }

    private static List<String> keys(JsonNode node, String path) {
        if (node == null || !node.isArray()) {
            throw VJVectorException.badRequest(path, PAYLOAD_RULE);
        }
        List<String> keys = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            JsonNode k = node.get(i);
            if (!k.isTextual()) {
                throw VJVectorException.badRequest(FieldPath.index(path, i), "must be a payload key (a string)");
            }
            keys.add(PayloadKeyReader.read(k.textValue(), FieldPath.index(path, i)));
        }
        return keys;
    }
}
