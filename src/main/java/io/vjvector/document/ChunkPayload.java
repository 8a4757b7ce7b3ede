package io.vjvector.document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;

/**
 * The payload keys a chunk point carries besides the document's metadata. {@code generation}
 * and {@code chunk_count} make a replacement recoverable: every chunk of one version of a
 * document carries the same generation and the number of chunks that version has, so after a
 * crash the chunks alone tell which version was stored whole (see {@link ChunkRecovery}).
 */
public final class ChunkPayload {

    public static final String TEXT = "text";
    public static final String DOCUMENT_ID = "document_id";
    public static final String CHUNK_INDEX = "chunk_index";
    /** Which write of the document the chunk belongs to; larger is newer. */
    public static final String GENERATION = "generation";
    /** How many chunks the chunk's generation has. */
    public static final String CHUNK_COUNT = "chunk_count";

    /** Keys the server sets; a document's metadata may not use them. */
    public static final Set<String> RESERVED = Set.of(TEXT, DOCUMENT_ID, CHUNK_INDEX, GENERATION, CHUNK_COUNT);
    /** The keys a hit's {@code metadata} leaves out. */
    static final List<String> SERVER_KEYS = List.of(TEXT, DOCUMENT_ID, CHUNK_INDEX, GENERATION, CHUNK_COUNT);

    private ChunkPayload() {
    }

    /** The payload of chunk {@code index} of {@code count}: the metadata and the server's keys. */
    static ObjectNode of(ObjectNode metadata, String text, String documentId, int index, int count, long generation) {
        ObjectNode payload = metadata == null ? JsonNodeFactory.instance.objectNode() : metadata.deepCopy();
        payload.put(TEXT, text);
        payload.put(DOCUMENT_ID, documentId);
        payload.put(CHUNK_INDEX, index);
        payload.put(CHUNK_COUNT, count);
        payload.put(GENERATION, generation);
        return payload;
    }

    /** {@code payload} without the server's keys. */
    static ObjectNode metadata(JsonNode payload) {
        if (payload == null || !payload.isObject()) {
            return null;
        }
        ObjectNode copy = ((ObjectNode) payload).deepCopy();
        copy.remove(SERVER_KEYS);
        return copy;
    }
}
