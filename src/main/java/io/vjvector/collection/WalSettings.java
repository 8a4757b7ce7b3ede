package io.vjvector.collection;

/**
 * Qdrant's {@code wal_config} of a collection.
 *
 * @param capacityMb     size of one log segment in MiB: the segment size of this collection's
 *                       shard logs; null = the node's configured segment size
 *                       ({@code vjvector.storage.wal.segment-size})
 * @param segmentsAhead  Qdrant's segments created ahead of use; VJVector creates a segment when
 *                       it is needed, so this is stored and reported only
 * @param retainClosed   Qdrant's closed segments kept; VJVector keeps closed segments until a
 *                       checkpoint covers them, so this is stored and reported only
 */
public record WalSettings(Integer capacityMb, int segmentsAhead, Integer retainClosed) {

    /** The node's segment size, Qdrant's defaults for the rest. */
    public static final WalSettings DEFAULTS = new WalSettings(null, 0, 1);

    /** A catalog or snapshot written before the member existed has none: Qdrant's default. */
    public WalSettings {
        if (retainClosed == null) {
            retainClosed = 1;
        }
    }

    /** The log segment size in bytes, or {@code nodeDefault} when none is set. */
    public long segmentBytes(long nodeDefault) {
        return capacityMb == null ? nodeDefault : (long) capacityMb << 20;
    }
}
