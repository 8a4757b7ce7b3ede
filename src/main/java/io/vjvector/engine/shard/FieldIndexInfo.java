package io.vjvector.engine.shard;

import io.vjvector.engine.filter.PayloadSchemaType;

/** An indexed payload field of a shard: its type and how many live points have a value there. */
public record FieldIndexInfo(PayloadSchemaType type, long points) {
}
