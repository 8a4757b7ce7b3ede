package io.vjvector.engine.index;

import java.io.DataOutput;
import java.io.IOException;

/**
 * A point-in-time copy of a {@link VectorIndex}, taken by {@link IndexCheckpoint#capture} while
 * no add or delete runs, that can be written out afterwards while the index keeps changing.
 */
public interface IndexImage {

    /** Ordinals covered: {@code [0, size)}. */
    int size();

    /** Writes the image in the format {@link IndexCheckpoint#read} reads. */
    void writeTo(DataOutput out) throws IOException;
}
