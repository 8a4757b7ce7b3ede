package io.vjvector.engine.shard;

import io.vjvector.engine.filter.PayloadFieldSchema;
import io.vjvector.engine.filter.PayloadSchemaType;

/** An indexed payload field of a shard: its definition and how many live points have a value there. */
public record FieldIndexInfo(PayloadFieldSchema schema, long points) {

    public FieldIndexInfo(PayloadSchemaType type, long points) {
        this(PayloadFieldSchema.of(type), points);
    }

    public PayloadSchemaType type() {
        return schema.type();
    }
}
