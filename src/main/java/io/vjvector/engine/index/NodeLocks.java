package io.vjvector.engine.index;

/**
 * Striped monitors guarding the neighbour lists of graph nodes while they are rewritten. A
 * writer holds one stripe at a time, so stripes cannot deadlock; with 2^10 stripes a few inserting
 * threads rarely meet on one, and the locks cost 20 KB per index.
 */
final class NodeLocks {

    private static final int STRIPES = 1 << 10;

    private final Object[] locks = new Object[STRIPES];

    NodeLocks() {
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new Object();
        }
    }

    static long ramBytesUsed() {
        return 16L + 4L * STRIPES + 16L * STRIPES;
    }

    /** The monitor to hold while changing {@code node}'s links on any level. */
    Object of(int node) {
        return locks[node & (STRIPES - 1)];
    }
}
