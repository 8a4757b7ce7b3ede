package io.vjvector.engine.storage;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of one write-ahead log.
 *
 * @param segmentBytes   a segment rolls when the next record would make it larger than this
 *                       (a single larger record gets a segment of its own); default 64 MiB
 * @param fsyncPolicy    when appends become durable; default {@link FsyncPolicy#ALWAYS}
 * @param fsyncInterval  period of the background fsync under {@link FsyncPolicy#INTERVAL};
 *                       default 100 ms
 * @param maxRecordBytes largest accepted payload; default 64 MiB
 * @param keys           encryption at rest: new segments are encrypted with the current key,
 *                       older ones are read with whichever configured key they name; default none
 */
public record WalOptions(long segmentBytes, FsyncPolicy fsyncPolicy, Duration fsyncInterval,
                         int maxRecordBytes, EncryptionKeys keys) {

    public WalOptions {
        Objects.requireNonNull(fsyncPolicy, "fsyncPolicy");
        Objects.requireNonNull(fsyncInterval, "fsyncInterval");
        Objects.requireNonNull(keys, "keys");
        if (segmentBytes < 4096) {
            throw new IllegalArgumentException("segmentBytes must be at least 4096, got " + segmentBytes);
        }
        if (fsyncInterval.isNegative() || fsyncInterval.isZero()) {
            throw new IllegalArgumentException("fsyncInterval must be positive, got " + fsyncInterval);
        }
        if (maxRecordBytes <= 0 || maxRecordBytes > Integer.MAX_VALUE - 1024) {
            throw new IllegalArgumentException("maxRecordBytes out of range: " + maxRecordBytes);
        }
    }

    /** 64 MiB segments, fsync on every append (group commit), no encryption. */
    public static WalOptions defaults() {
        return new WalOptions(64L << 20, FsyncPolicy.ALWAYS, Duration.ofMillis(100), 64 << 20, EncryptionKeys.none());
    }

    public WalOptions withSegmentBytes(long bytes) {
        return new WalOptions(bytes, fsyncPolicy, fsyncInterval, maxRecordBytes, keys);
    }

    public WalOptions withFsyncPolicy(FsyncPolicy policy) {
        return new WalOptions(segmentBytes, policy, fsyncInterval, maxRecordBytes, keys);
    }

    public WalOptions withFsyncInterval(Duration interval) {
        return new WalOptions(segmentBytes, fsyncPolicy, interval, maxRecordBytes, keys);
    }

    public WalOptions withMaxRecordBytes(int bytes) {
        return new WalOptions(segmentBytes, fsyncPolicy, fsyncInterval, bytes, keys);
    }

    public WalOptions withKeys(EncryptionKeys encryptionKeys) {
        return new WalOptions(segmentBytes, fsyncPolicy, fsyncInterval, maxRecordBytes, encryptionKeys);
    }
}
