package io.vjvector.api.request;

import com.fasterxml.jackson.databind.JsonNode;
import io.vjvector.api.dto.CreateFieldIndexBody;
import io.vjvector.engine.filter.PayloadSchemaType;
import io.vjvector.error.VJVectorException;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a payload index request: {@code field_schema} is a type name or {@code {"type": name, ...}}.
 * Index parameters that only tune Qdrant's storage are accepted when off; anything else is rejected.
 */
public final class FieldIndexReader {

    /** The key and type of an index to create. */
    public record FieldIndex(String key, PayloadSchemaType type) {
    }

    private static final String TYPES = Arrays.stream(PayloadSchemaType.values()).map(PayloadSchemaType::qdrantName)
            .collect(Collectors.joining(", "));
    /** Parameters whose "on" values are what VJVector's indexes do anyway. */
    private static final Set<String> ACCEPTED_PARAMS = Set.of("type", "lookup", "range");

    private FieldIndexReader() {
    }

    public static FieldIndex read(CreateFieldIndexBody body) {
        if (body == null) {
            throw VJVectorException.badRequest("body", "a JSON object {\"field_name\", \"field_schema\"} is required");
        }
        return new FieldIndex(PayloadKeyReader.read(body.fieldName(), "field_name"), type(body.fieldSchema()));
    }

    private static PayloadSchemaType type(JsonNode schema) {
        if (!JsonValues.present(schema)) {
            throw VJVectorException.badRequest("field_schema", "is required: one of " + TYPES);
        }
        if (schema.isTextual()) {
            return named(schema.textValue(), "field_schema");
        }
        if (!schema.isObject() || !schema.has("type") || !schema.get("type").isTextual()) {
            throw VJVectorException.badRequest("field_schema", "must be a type name or {\"type\": name}; types: " + TYPES);
        }
        schema.fieldNames().forEachRemaining(name -> {
            JsonNode v = schema.get(name);
            if (!ACCEPTED_PARAMS.contains(name) && JsonValues.present(v) && !(v.isBoolean() && !v.booleanValue())) {
                throw VJVectorException.badRequest("field_schema." + name, "is not supported by VJVector");
            }
        });
        return named(schema.get("type").textValue(), "field_schema.type");
    }

    private static PayloadSchemaType named(String name, String path) {
        PayloadSchemaType t = PayloadSchemaType.fromQdrantName(name);
        if (t == null) {
            throw VJVectorException.badRequest(path, "must be one of " + TYPES + ", got \"" + name + "\"");
        }
        return t;
    }
}
