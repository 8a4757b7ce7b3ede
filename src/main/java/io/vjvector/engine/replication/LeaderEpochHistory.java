package io.vjvector.engine.replication;

import java.util.ArrayList;
import java.util.List;

/**
 * A shard copy's history of leader epochs: where each epoch starts in its log, and the highest
 * epoch it has seen (from its own history or a leader's message), which it never goes below.
 * Kafka keeps the same per partition (leader-epoch-checkpoint); it is what lets a replica that
 * rejoins find exactly where its log diverged from the leader's, instead of trusting a
 * high-water mark that may be stale. Immutable; stored by {@link EpochHistoryFile}.
 *
 * <p>Invariants: entries are strictly increasing in both epoch and first sequence, and the
 * highest epoch seen is at least the last entry's.
 */
public final class LeaderEpochHistory {

    private static final LeaderEpochHistory EMPTY = new LeaderEpochHistory(List.of(), 0);

    private final List<EpochEntry> entries;
    private final long highestEpochSeen;

    /**
     * @throws IllegalArgumentException if the invariants do not hold
     */
    public LeaderEpochHistory(List<EpochEntry> entries, long highestEpochSeen) {
        this.entries = List.copyOf(entries);
        for (int i = 1; i < this.entries.size(); i++) {
            EpochEntry before = this.entries.get(i - 1);
            EpochEntry e = this.entries.get(i);
            if (e.epoch() <= before.epoch() || e.firstSequence() <= before.firstSequence()) {
                throw new IllegalArgumentException("epoch entries must increase in epoch and first sequence: " + before
                        + " then " + e);
            }
        }
        if (!this.entries.isEmpty() && highestEpochSeen < latest().epoch()) {
            throw new IllegalArgumentException("highest epoch seen " + highestEpochSeen + " is below the latest entry "
                    + latest());
        }
        this.highestEpochSeen = highestEpochSeen;
    }

    /** No epochs yet. */
    public static LeaderEpochHistory empty() {
        return EMPTY;
    }

    public List<EpochEntry> entries() {
        return entries;
    }

    /** The highest epoch seen; a message from an older leader is refused. */
    public long highestEpochSeen() {
        return highestEpochSeen;
    }

    /** The newest epoch in the log, or {@link EpochEnd#UNKNOWN} when none. */
    public long latestEpoch() {
        return entries.isEmpty() ? EpochEnd.UNKNOWN : latest().epoch();
    }

    /**
     * The epoch of the record at {@code sequence}: the entry with the greatest first sequence at
     * or below it, or {@link EpochEnd#UNKNOWN} before the first entry (sequence 0 included).
     */
    public long epochAt(long sequence) {
        long epoch = EpochEnd.UNKNOWN;
        for (EpochEntry e : entries) {
            if (e.firstSequence() > sequence) {
                break;
            }
            epoch = e.epoch();
        }
        return epoch;
    }

    /**
     * Where {@code epoch} ends in a log whose last sequence is {@code lastSequence}: the largest
     * known epoch at or below it, and the last sequence of that epoch (the next epoch's first
     * sequence minus one, or {@code lastSequence} for the newest). When every epoch of the log
     * is newer than {@code epoch}: ({@code epoch}, 0) if the history covers the log from sequence
     * 1 (nothing is shared), {@link EpochEnd#unknown()} otherwise.
     */
    public EpochEnd endSequenceFor(long epoch, long lastSequence) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            EpochEntry e = entries.get(i);
            if (e.epoch() <= epoch) {
                long end = i == entries.size() - 1 ? lastSequence : entries.get(i + 1).firstSequence() - 1;
                return new EpochEnd(e.epoch(), end);
            }
        }
        // Every epoch of this log is newer: when the history covers the log from its first
        // sequence, the asker shares nothing with it (its records there are from a lost leader).
        // Otherwise the epochs of the oldest records are not known, and neither is the answer.
        boolean coversFromStart = entries.isEmpty() ? lastSequence == 0 : entries.get(0).firstSequence() == 1;
        return coversFromStart ? new EpochEnd(epoch, 0) : EpochEnd.unknown();
    }

    /**
     * This history with {@code epoch} starting at {@code firstSequence}: a leader taking over
     * (its next sequence), or a follower appending the first record of a newer epoch. Entries
     * starting at or after {@code firstSequence} are dropped (an epoch that wrote nothing).
     * Unchanged when {@code epoch} is already the latest.
     *
     * <p>The epoch may be below the highest seen: a follower of epoch 9 copies records its
     * leader had from epoch 8.
     *
     * @throws IllegalArgumentException if {@code epoch} is older than the latest
     */
    public LeaderEpochHistory withEpochStart(long epoch, long firstSequence) {
        if (epoch == latestEpoch()) {
            return this;
        }
        if (epoch < latestEpoch()) {
            throw new IllegalArgumentException("epoch " + epoch + " is older than the latest epoch " + latestEpoch());
        }
        List<EpochEntry> kept = new ArrayList<>();
        for (EpochEntry e : entries) {
            if (e.firstSequence() < firstSequence) {
                kept.add(e);
            }
        }
        kept.add(new EpochEntry(epoch, firstSequence));
        return new LeaderEpochHistory(kept, Math.max(highestEpochSeen, epoch));
    }

    /** This history having seen {@code epoch} (unchanged when it saw a newer one). */
    public LeaderEpochHistory withSeen(long epoch) {
        return epoch <= highestEpochSeen ? this : new LeaderEpochHistory(entries, epoch);
    }

    /**
     * This history after the log was truncated after {@code sequence}: epochs starting later are
     * forgotten (the highest epoch seen is kept).
     */
    public LeaderEpochHistory truncatedAfter(long sequence) {
        List<EpochEntry> kept = new ArrayList<>();
        for (EpochEntry e : entries) {
            if (e.firstSequence() <= sequence) {
                kept.add(e);
            }
        }
        return kept.size() == entries.size() ? this : new LeaderEpochHistory(kept, highestEpochSeen);
    }

    private EpochEntry latest() {
        return entries.get(entries.size() - 1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LeaderEpochHistory h && h.highestEpochSeen == highestEpochSeen && h.entries.equals(entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode() * 31 + Long.hashCode(highestEpochSeen);
    }

    @Override
    public String toString() {
        return "LeaderEpochHistory[entries=" + entries + ", highestEpochSeen=" + highestEpochSeen + "]";
    }
}
