package io.vjvector.inference;

import io.vjvector.engine.index.sparse.SparseVector;

/**
 * A model that turns text into a sparse vector. Documents and queries may be encoded differently
 * (BM25 weighs document terms and gives every query term 1). Implementations are thread-safe.
 */
public interface SparseEncoder {

    /** The vector stored for {@code text} when it is upserted. */
    SparseVector encodeDocument(String text);

    /** The vector searched with when {@code text} is a query. */
    SparseVector encodeQuery(String text);
}
