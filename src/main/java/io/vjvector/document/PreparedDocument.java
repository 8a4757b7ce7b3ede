package io.vjvector.document;

import io.vjvector.engine.index.sparse.SparseVector;
import java.util.List;

/**
 * A document chunked and embedded, ready to be stored: chunk {@code i} is {@code chunks[i]} with
 * vectors {@code dense[i]} and {@code sparse[i]}.
 */
record PreparedDocument(DocumentInput input, List<String> chunks, float[][] dense, SparseVector[] sparse) {
}
