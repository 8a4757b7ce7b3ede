package io.vjvector.engine.storage;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What opening the log found, for start-up logs and metrics.
 *
 * @param segments          segment files in the log after recovery
 * @param records           valid records scanned
 * @param firstSequence     first sequence in the log ({@code lastSequence + 1} when empty)
 * @param lastSequence      last sequence in the log ({@code firstSequence - 1} when empty)
 * @param lastEpoch         epoch of the last record (0 when unknown)
 * @param tornTail          the incomplete or damaged end of the last segment that was cut off
 * @param removedTempFiles  half-created segment files a crash left behind, now deleted
 */
public record WalRecovery(int segments, long records, long firstSequence, long lastSequence, long lastEpoch,
                          Optional<TornTail> tornTail, int removedTempFiles) {

    /**
     * A cut-off tail: what a crash during an append leaves (a partial record, or unsynced pages
     * that never reached the disk). Nothing after it was valid, except, when
     * {@code droppedRecordsAfterHole} is true, records behind a whole zero-filled page (see
     * docs/storage-format.md): the trace of unsynced pages written out of order.
     *
     * @param file            the last segment
     * @param offset          where the valid records end (the file's new length)
     * @param truncatedBytes  bytes removed
     * @param reason          what was wrong with the first removed record
     * @param droppedRecordsAfterHole true when checksum-valid records after a zero-filled page
     *                                were removed with the tail
     */
    public record TornTail(Path file, long offset, long truncatedBytes, String reason,
                           boolean droppedRecordsAfterHole) {
    }

    /** Bytes cut from the tail, 0 when the log was clean: a counter for metrics. */
    public long truncatedBytes() {
        return tornTail.map(TornTail::truncatedBytes).orElse(0L);
    }
}
