package io.vjvector.engine.filter;

/** Payload field index types, with Qdrant's names. */
public enum PayloadSchemaType {
    KEYWORD("keyword"),
    INTEGER("integer"),
    FLOAT("float"),
    BOOL("bool"),
    DATETIME("datetime"),
    TEXT("text"),
    UUID("uuid"),
    GEO("geo");

    private final String qdrantName;

    PayloadSchemaType(String qdrantName) {
        this.qdrantName = qdrantName;
    }

    public String qdrantName() {
        return qdrantName;
    }

    /** Parses Qdrant's name; null if unknown. */
    public static PayloadSchemaType fromQdrantName(String name) {
        for (PayloadSchemaType t : values()) {
            if (t.qdrantName.equals(name)) {
                return t;
            }
        }
        return null;
    }
}
