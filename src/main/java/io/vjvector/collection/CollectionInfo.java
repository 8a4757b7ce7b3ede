package io.vjvector.collection;

import io.vjvector.engine.filter.PayloadFieldSchema;
import io.vjvector.engine.filter.PayloadSchemaType;
import java.util.Map;

/**
 * What {@code GET /collections/{name}} reports. {@code payloadSchema} maps key → (type, points
 * indexed); {@code storedVectorsCount} counts the vectors the indexes hold, deleted and replaced
 * ones included until the optimizer rebuilds a shard; {@code optimizing} says a rebuild is running.
 */
public record CollectionInfo(
        String name,
        CollectionParams params,
        long pointsCount,
        long indexedVectorsCount,
        int segmentsCount,
        Map<String, PayloadFieldInfo> payloadSchema,
        long storedVectorsCount,
        boolean optimizing) {

    public record PayloadFieldInfo(PayloadFieldSchema schema, long points) {

        public PayloadFieldInfo(PayloadSchemaType type, long points) {
            this(PayloadFieldSchema.of(type), points);
        }

        public PayloadSchemaType type() {
            return schema.type();
        }
    }
}
