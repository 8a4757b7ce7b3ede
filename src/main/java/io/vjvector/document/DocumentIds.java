package io.vjvector.document;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Point ids of chunks: a name-based UUID of (document id, generation, chunk index), so every
 * node derives the same ids and a new version of a document never overwrites the chunks of the
 * version readers may still be shown (see {@link ChunkCommit}).
 */
public final class DocumentIds {

    private DocumentIds() {
    }

    /** The id of chunk {@code index} of generation {@code generation} of document {@code documentId}. */
    public static UUID chunk(String documentId, long generation, int index) {
        return UUID.nameUUIDFromBytes(("vjvector-chunk\u0000" + documentId + "\u0000" + generation + "\u0000" + index)
                .getBytes(StandardCharsets.UTF_8));
    }
}
