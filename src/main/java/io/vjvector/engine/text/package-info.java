/**
 * What Qdrant's text processing knows, shared by the full-text payload index
 * ({@code io.vjvector.engine.filter}) and the {@code qdrant/bm25} model ({@code io.vjvector.inference}):
 * the languages with their stemmers and stopword lists ({@link io.vjvector.engine.text.TextLanguages})
 * and the tokenizer kinds and token normalization ({@link io.vjvector.engine.text.TextProcessing}).
 * Plain Java over Lucene's analysis library.
 */
package io.vjvector.engine.text;
