package io.vjvector.engine.index;

import java.util.Arrays;

/**
 * Which ordinals a search has reached, as hnswlib's visited-list pool does it: one tag per
 * ordinal, and a query bumps the generation instead of clearing memory. Tags are shorts so the
 * array of a 100k-node graph (200 KB) stays in L2; the array is cleared once every 65,535 queries.
 */
final class VisitedSet {

    private short[] tags = new short[0];
    private short generation;

    /** Starts a new search over ordinals {@code [0, capacity)} (more are accepted, see {@link #visit}). */
    void reset(int capacity) {
        if (capacity > tags.length) {
            tags = new short[capacity + (capacity >> 2) + 64];
            generation = 0;
        }
        generation++;
        if (generation == 0) {
            Arrays.fill(tags, (short) 0);
            generation = 1;
        }
    }

    /** Marks {@code ordinal} visited; returns false if it already was in this search. */
    boolean visit(int ordinal) {
        short[] t = tags;
        if (ordinal >= t.length) {
            // Nodes inserted concurrently after reset() can show up through fresh links.
            t = grow(ordinal);
        }
        if (t[ordinal] == generation) {
            return false;
        }
        t[ordinal] = generation;
        return true;
    }

    private short[] grow(int ordinal) {
        tags = Arrays.copyOf(tags, ordinal + (ordinal >> 2) + 64);
        return tags;
    }
}
