package io.vjvector.engine.shard;

import io.vjvector.engine.filter.PayloadFieldSchema;
import io.vjvector.engine.index.IndexImage;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A consistent copy of a shard as of one log sequence, taken by {@link Shard#capture()} in a
 * short pause of its writes and written out afterwards by {@link ShardCheckpoint#write} while
 * the shard keeps changing. Payload objects and vectors are shared with the shard (both are
 * immutable once published); links, tombstones and the ordinal → point table are copies.
 */
public final class ShardImage {

    private final long sequence;
    private final long lastOperationId;
    private final IndexImage index;
    private final PointSlot[] slots;
    private final Map<String, PayloadFieldSchema> fieldIndexes;

    ShardImage(long sequence, long lastOperationId, IndexImage index, PointSlot[] slots,
               Map<String, PayloadFieldSchema> fieldIndexes) {
        this.sequence = sequence;
        this.lastOperationId = lastOperationId;
        this.index = index;
        this.slots = slots;
        this.fieldIndexes = Collections.unmodifiableMap(new LinkedHashMap<>(fieldIndexes));
    }

    /** The last log sequence whose operation the image includes (0 for none). */
    public long sequence() {
        return sequence;
    }

    /** Highest operation id the image includes, -1 for none. */
    public long lastOperationId() {
        return lastOperationId;
    }

    /** Live points in the image. */
    public int pointCount() {
        int n = 0;
        for (PointSlot slot : slots) {
            if (slot != null) {
                n++;
            }
        }
        return n;
    }

    IndexImage index() {
        return index;
    }

    /** Live slots by ordinal, null for ordinals that are deleted or replaced. */
    PointSlot[] slots() {
        return slots;
    }

    /** Indexed payload fields and their definitions. */
    public Map<String, PayloadFieldSchema> fieldIndexes() {
        return fieldIndexes;
    }
}
