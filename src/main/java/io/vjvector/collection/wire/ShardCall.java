package io.vjvector.collection.wire;

/** The calls of {@link io.vjvector.collection.ShardHandle}, by the names they carry on the wire. */
public enum ShardCall {
    UPSERT("upsert"),
    CONDITIONAL_UPSERT("conditional_upsert"),
    FACET_COUNTS("facet_counts"),
    SCROLL_ORDERED("scroll_ordered"),
    SAMPLE("sample"),
    ADD_VECTOR_FIELD("add_vector_field"),
    DROP_VECTOR_FIELD("drop_vector_field"),
    DELETE("delete"),
    UPDATE_PAYLOAD("update_payload"),
    UPDATE_VECTORS("update_vectors"),
    DELETE_VECTORS("delete_vectors"),
    CREATE_FIELD_INDEX("create_field_index"),
    DELETE_FIELD_INDEX("delete_field_index"),
    SEARCH("search"),
    SCROLL("scroll"),
    RETRIEVE("retrieve"),
    COUNT("count"),
    SPARSE_STATISTICS("sparse_statistics"),
    STATS("stats"),
    CONFIGURE("configure");

    private final String wireName;

    ShardCall(String wireName) {
        this.wireName = wireName;
    }

    /** The name on the wire (stable: nodes of different versions must agree on it). */
    public String wireName() {
        return wireName;
    }

    /**
     * Whether the call only reads: a read may run on any in-sync copy and be retried or sent to
     * another copy; anything else changes the shard, goes to its leader and is sent once (a
     * repeated write would be applied twice, under a second operation id).
     */
    public boolean isRead() {
        return switch (this) {
            case FACET_COUNTS, SCROLL_ORDERED, SAMPLE, SEARCH, SCROLL, RETRIEVE, COUNT, SPARSE_STATISTICS, STATS -> true;
            case UPSERT, CONDITIONAL_UPSERT, ADD_VECTOR_FIELD, DROP_VECTOR_FIELD, DELETE, UPDATE_PAYLOAD,
                 UPDATE_VECTORS, DELETE_VECTORS, CREATE_FIELD_INDEX, DELETE_FIELD_INDEX, CONFIGURE -> false;
        };
    }

    /** The call named {@code wireName}. */
    public static ShardCall of(String wireName) {
        for (ShardCall c : values()) {
            if (c.wireName.equals(wireName)) {
                return c;
            }
        }
        throw new WireFormatException("unknown shard call `" + wireName + "`");
    }
}
