package io.vjvector.engine.storage;

/**
 * Cumulative counters of one open log, for metrics (rates and the mean fsync latency are
 * differences between two snapshots).
 *
 * @param appendedRecords records appended since the log was opened
 * @param appendedBytes   bytes appended (framing and encryption overhead included)
 * @param syncs           fsyncs that acknowledged appends (group commit and periodic)
 * @param syncNanos       total time spent in those fsyncs
 * @param lastSequence    last sequence written
 * @param durableSequence last sequence known to be on stable storage
 * @param segments        segment files
 */
public record WalMetrics(long appendedRecords, long appendedBytes, long syncs, long syncNanos,
                         long lastSequence, long durableSequence, int segments) {
}
