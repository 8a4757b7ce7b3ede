package io.vjvector.document;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Point ids of chunks, derived from (document id, generation, chunk index), so every node derives
 * the same ids and a new version of a document never overwrites the chunks of the version readers
 * may still be shown (see {@link ChunkCommit}).
 *
 * <p>The high half of the id depends on the document id and chunk index only, the low half on the
 * generation too. Searches order equal scores by point id (BM25 gives many), and generations are
 * drawn from the clock: with the high half free of the generation, tied chunks keep one order
 * from one ingestion to the next, so a search answers the same after a document is replaced or a
 * collection re-ingested.
 */
public final class DocumentIds {

    private DocumentIds() {
    }

    /** The id of chunk {@code index} of generation {@code generation} of document {@code documentId}. */
    public static UUID chunk(String documentId, long generation, int index) {
        long high = half("vjvector-chunk\u0000" + documentId + "\u0000" + index);
        long low = half("vjvector-chunk\u0000" + documentId + "\u0000" + generation + "\u0000" + index);
        // Version 3 (name-based) and the IETF variant, as UUID.nameUUIDFromBytes marks its ids.
        return new UUID((high & ~0xF000L) | 0x3000L, (low & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L);
    }

    /** The first 8 bytes of a name-based UUID of {@code name}. */
    private static long half(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).getMostSignificantBits();
    }
}
