package io.vjvector.document;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Point ids of chunks: a name-based UUID of (document id, chunk index), so re-sending a document
 * overwrites its chunks in place and the same document gets the same ids on every node.
 */
public final class DocumentIds {

    private DocumentIds() {
    }

    /** The id of chunk {@code index} of document {@code documentId}. */
    public static UUID chunk(String documentId, int index) {
        return UUID.nameUUIDFromBytes(("vjvector-chunk\u0000" + documentId + "\u0000" + index).getBytes(StandardCharsets.UTF_8));
    }
}
