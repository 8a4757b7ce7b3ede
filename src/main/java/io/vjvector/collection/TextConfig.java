package io.vjvector.collection;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A collection that stores documents ({@code text_config}): the dense model its chunks are embedded
 * with (into the named vector {@code dense}; {@code bm25} holds their BM25 sparse vectors) and how
 * texts are cut into chunks.
 *
 * @param model        dense model name as the inference registry knows it
 * @param chunkSize    longest chunk, in characters
 * @param chunkOverlap characters a chunk repeats from the end of the one before it (less than {@code chunkSize})
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TextConfig(String model, int chunkSize, int chunkOverlap) {

    /** The dense vector chunks are embedded into. */
    public static final String DENSE = "dense";
    /** The sparse vector chunks' BM25 weights go into. */
    public static final String SPARSE = "bm25";
    /** About a paragraph: small enough that a chunk is about one thing, large enough to hold context. */
    public static final int DEFAULT_CHUNK_SIZE = 800;
    public static final int DEFAULT_CHUNK_OVERLAP = 100;
}
