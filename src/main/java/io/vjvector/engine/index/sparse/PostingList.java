package io.vjvector.engine.index.sparse;

import java.util.Arrays;

/**
 * The (ordinal, value) entries of one dimension, in ascending ordinal order because ordinals are
 * appended in insertion order. One writer appends; readers never lock.
 *
 * <p>Publication: the writer fills the slot, then publishes the count (volatile). When the arrays
 * grow, the copy holding the new entry is published before the count, so a reader that reads the
 * count first and the block second always finds at least {@code count} entries in the block.
 */
final class PostingList {

    private static final int FIRST_CAPACITY = 4;

    /** The arrays of a posting list, replaced as a whole when they grow. */
    record Block(int[] ordinals, float[] values) {
    }

    private volatile Block block = new Block(new int[FIRST_CAPACITY], new float[FIRST_CAPACITY]);
    private volatile int count;
    /** Entries whose ordinal is not deleted: the dimension's document frequency. */
    private volatile int live;

    /** Appends an entry; {@code ordinal} must be above every ordinal appended before. Writer only. */
    void append(int ordinal, float value) {
        Block b = block;
        int c = count;
        if (c == b.ordinals.length) {
            int grown = c + Math.max(FIRST_CAPACITY, c >> 1);
            b = new Block(Arrays.copyOf(b.ordinals, grown), Arrays.copyOf(b.values, grown));
            b.ordinals[c] = ordinal;
            b.values[c] = value;
            block = b;
        } else {
            b.ordinals[c] = ordinal;
            b.values[c] = value;
        }
        count = c + 1;
        live = live + 1;
    }

    /** One of this list's ordinals was deleted. Writer only. */
    void entryDeleted() {
        live = live - 1;
    }

    int count() {
        return count;
    }

    /** Read after {@link #count()}: holds at least that many entries. */
    Block block() {
        return block;
    }

    int live() {
        return live;
    }

    long ramBytesUsed() {
        // the list object, the block record and its two arrays
        return 24L + 16L + 2 * 16L + (long) block.ordinals.length * (Integer.BYTES + Float.BYTES);
    }
}
