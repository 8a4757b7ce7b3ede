package io.vjvector.document;

import java.util.Locale;

/** How a document search ranks chunks. */
public enum SearchMode {
    /** Dense vectors of the collection's model (cosine). */
    VECTOR,
    /** BM25 over the {@code bm25} sparse vectors, IDF from the whole collection. */
    KEYWORD,
    /** Both, fused by reciprocal rank (the query API's prefetch + {@code rrf}). */
    HYBRID;

    /** The mode called {@code name} (any case), or null. */
    public static SearchMode parse(String name) {
        for (SearchMode m : values()) {
            if (m.name().equalsIgnoreCase(name)) {
                return m;
            }
        }
        return null;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
