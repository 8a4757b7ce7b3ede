/**
 * Models that turn text into vectors inside VJVector (plain Java, no framework): the
 * {@link io.vjvector.inference.InferenceModels} registry and Qdrant's built-in
 * {@code qdrant/bm25} sparse model ({@link io.vjvector.inference.Bm25Encoder}, configured by
 * {@link io.vjvector.inference.Bm25Options}).
 */
package io.vjvector.inference;
