package io.vjvector.collection;

import io.vjvector.engine.filter.PayloadSchemaType;
import java.util.Map;

/** What {@code GET /collections/{name}} reports. {@code payloadSchema} maps key → (type, points indexed). */
public record CollectionInfo(
        String name,
        CollectionParams params,
        long pointsCount,
        long indexedVectorsCount,
        int segmentsCount,
        Map<String, PayloadFieldInfo> payloadSchema) {

    public record PayloadFieldInfo(PayloadSchemaType type, long points) {
    }
}
