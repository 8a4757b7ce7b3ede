package io.vjvector.api.request;

import io.vjvector.api.dto.CreateFieldIndexBody;
import io.vjvector.engine.filter.PayloadFieldSchema;
import io.vjvector.error.VJVectorException;

/**
 * Reads a payload index request: {@code field_schema} is a type name or {@code {"type": name, ...}}
 * with Qdrant's parameters for that type ({@link PayloadFieldSchema#parse} checks them and names
 * the offending member, e.g. {@code field_schema.tokenizer}).
 */
public final class FieldIndexReader {

    /** The key and definition of an index to create. */
    public record FieldIndex(String key, PayloadFieldSchema schema) {
    }

    private FieldIndexReader() {
    }

    public static FieldIndex read(CreateFieldIndexBody body) {
        if (body == null) {
            throw VJVectorException.badRequest("body", "a JSON object {\"field_name\", \"field_schema\"} is required");
        }
        return new FieldIndex(PayloadKeyReader.read(body.fieldName(), "field_name"),
                PayloadFieldSchema.parse(body.fieldSchema(), "field_schema"));
    }
}
