package io.vjvector.document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

/**
 * One chunk found by a document search.
 *
 * @param metadata the chunk's payload without the keys the server sets ({@link ChunkPayload#RESERVED})
 * @param scores   the score under the search's mode ({@code vector}, {@code keyword} or {@code hybrid}); a
 *                 hybrid hit also has its {@code vector} score and, when it shares a term with the
 *                 query, its {@code keyword} (BM25) score
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ChunkHit(Object id, float score, String documentId, int chunkIndex, String text, JsonNode metadata,
                       Map<String, Float> scores) {
}
