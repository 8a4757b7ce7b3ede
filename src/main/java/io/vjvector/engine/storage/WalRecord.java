package io.vjvector.engine.storage;

import java.util.Arrays;
import java.util.Objects;

/**
 * One log record: the leader epoch that wrote it, its position in the log, an operation type
 * chosen by the shard, and the serialized operation (opaque to the log).
 *
 * @param epoch    leader epoch (fencing token); never decreases along the log
 * @param sequence position in the log; consecutive records differ by exactly one
 * @param type     operation kind, defined by the shard
 * @param payload  the serialized operation; not copied, callers must not modify it
 */
public record WalRecord(long epoch, long sequence, byte type, byte[] payload) {

    public WalRecord {
        Objects.requireNonNull(payload, "payload");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WalRecord r && epoch == r.epoch && sequence == r.sequence && type == r.type
                && Arrays.equals(payload, r.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(epoch, sequence, type) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "WalRecord[epoch=" + epoch + ", sequence=" + sequence + ", type=" + type
                + ", payload=" + payload.length + " bytes]";
    }
}
