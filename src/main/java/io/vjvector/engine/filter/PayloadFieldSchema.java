package io.vjvector.engine.filter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One payload index's definition: its type and, when it was given as an object, Qdrant's
 * parameters ({@code field_schema: {"type": ..., ...}}). A bare type name ({@code "keyword"})
 * has no parameters and is reported without them, as Qdrant does.
 *
 * <p>{@code is_tenant} and {@code is_principal} steer the filter planner ({@link #isTenant},
 * {@link #isPrincipal}: their conditions lead the narrowing, and a search within one tenant scans
 * that tenant's points on a larger budget). The flags that only tune Qdrant's storage
 * ({@code on_disk}, {@code enable_hnsw}, {@code lookup}, {@code range}) are kept and reported but
 * change nothing here: every index lives in memory and answers every condition it can.
 *
 * @param options the object's flags; null when the schema was a bare type name
 * @param text    the tokenization of a {@code text} index (defaults for a bare {@code "text"}); null for other types
 */
public record PayloadFieldSchema(PayloadSchemaType type, Options options, TextIndexParams text) {

    /** Qdrant's per-type flags; null members were not given. */
    public record Options(Boolean isTenant, Boolean isPrincipal, Boolean onDisk, Boolean enableHnsw,
                          Boolean lookup, Boolean range) {
        static final Options NONE = new Options(null, null, null, null, null, null);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    public PayloadFieldSchema {
        Objects.requireNonNull(type, "type");
        if ((type == PayloadSchemaType.TEXT) != (text != null)) {
            throw new IllegalArgumentException("text parameters go with, and only with, the text type");
        }
    }

    /** Whether the index was declared a tenant key ({@code is_tenant: true}): most searches name one of its values. */
    public boolean isTenant() {
        return options != null && Boolean.TRUE.equals(options.isTenant());
    }

    /** Whether the index was declared the principal key ({@code is_principal: true}): most filters hold a range on it. */
    public boolean isPrincipal() {
        return options != null && Boolean.TRUE.equals(options.isPrincipal());
    }

    /** The schema of a bare type name. */
    public static PayloadFieldSchema of(PayloadSchemaType type) {
        return new PayloadFieldSchema(type, null, type == PayloadSchemaType.TEXT ? TextIndexParams.DEFAULT : null);
    }

    /**
     * Reads Qdrant's {@code field_schema}: a type name or an object with {@code type}.
     *
     * @param path the name of {@code node} in messages (e.g. {@code field_schema})
     * @throws FilterException naming the offending field and rule
     */
    public static PayloadFieldSchema parse(JsonNode node, String path) {
        return PayloadFieldSchemaParser.parse(node, path);
    }

    /** Whether the schema was given as an object (and so is reported with {@code params}). */
    public boolean hasParams() {
        return options != null;
    }

    /** Qdrant's {@code params} object (with {@code type}), or null for a bare type name. */
    public ObjectNode paramsJson() {
        if (options == null) {
            return null;
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("type", type.qdrantName());
        if (text != null) {
            text.writeTo(out);
        }
        put(out, "lookup", options.lookup());
        put(out, "range", options.range());
        put(out, "is_tenant", options.isTenant());
        put(out, "is_principal", options.isPrincipal());
        put(out, "on_disk", options.onDisk());
        put(out, "enable_hnsw", options.enableHnsw());
        return out;
    }

    private static void put(ObjectNode out, String name, Boolean value) {
        if (value != null) {
            out.put(name, value);
        }
    }

    /**
     * The schema as one string for the WAL and checkpoints: the bare type name when there are no
     * parameters (exactly what those formats held before parameters existed), else the params
     * object's JSON text, which always starts with {@code &#123;} and so is never a type name.
     */
    public String encode() {
        ObjectNode params = paramsJson();
        if (params == null) {
            return type.qdrantName();
        }
        try {
            return JSON.writeValueAsString(params);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serialises", e);
        }
    }

    /**
     * Reads what {@link #encode()} wrote (so also a bare type name of an older file).
     *
     * @throws IllegalArgumentException when the text is neither
     */
    public static PayloadFieldSchema decode(String encoded) {
        try {
            JsonNode node = encoded.startsWith("{") ? JSON.readTree(encoded) : JsonNodeFactory.instance.textNode(encoded);
            return parse(node, "field_schema");
        } catch (JsonProcessingException | FilterException e) {
            throw new IllegalArgumentException("not a payload index schema: " + e.getMessage(), e);
        }
    }
}
