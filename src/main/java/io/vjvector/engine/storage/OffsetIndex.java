package io.vjvector.engine.storage;

import java.util.Arrays;

/**
 * In-memory sparse map from sequence to byte offset inside one segment, one entry per ~64 KiB
 * of records, so that reading from a position (replay, a follower catching up, truncation)
 * starts near it instead of scanning the whole segment. Rebuilt by recovery, never persisted.
 */
final class OffsetIndex {

    /** A record's sequence and the offset where it starts. */
    record Position(long sequence, long offset) {
    }

    private static final long SPACING = 1 << 16;

    private long[] sequences = new long[16];
    private long[] offsets = new long[16];
    private int size;

    /** Records that {@code sequence} starts at {@code offset}, if far enough from the last entry. */
    synchronized void add(long sequence, long offset) {
        if (size > 0 && offset - offsets[size - 1] < SPACING) {
            return;
        }
        if (size == sequences.length) {
            sequences = Arrays.copyOf(sequences, size * 2);
            offsets = Arrays.copyOf(offsets, size * 2);
        }
        sequences[size] = sequence;
        offsets[size] = offset;
        size++;
    }

    /** The last indexed position at or before {@code sequence}, or {@code otherwise}. */
    synchronized Position floor(long sequence, Position otherwise) {
        int i = Arrays.binarySearch(sequences, 0, size, sequence);
        int at = i >= 0 ? i : -i - 2;
        return at < 0 ? otherwise : new Position(sequences[at], offsets[at]);
    }

    /** Forgets entries for {@code sequence} and later (they were truncated). */
    synchronized void removeFrom(long sequence) {
        while (size > 0 && sequences[size - 1] >= sequence) {
            size--;
        }
    }
}
