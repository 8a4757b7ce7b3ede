package io.vjvector.ops;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What clients asked a service (a standalone node or a cluster's gateway) to write, one point id
 * per write and never reused, and what they were told: acknowledged (durable by promise), failed
 * (refused before it was applied: must never appear), or unknown (no answer, or "may have been
 * applied"). A write invoked and not yet answered counts as unknown. {@link HistoryChecker}
 * judges what a copy holds against it. Thread-safe: writers record concurrently.
 */
public final class WriteHistory {

    /** A point as it was sent: its vector and payload. */
    public record Sent(float[] vector, JsonNode payload) {
    }

    private final Map<Long, Sent> sent = new ConcurrentHashMap<>();
    private final Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
    private final Set<Long> failed = ConcurrentHashMap.newKeySet();
    /** Unknown writes a check found absent: lost for good, so they must never appear later. */
    private final Set<Long> gone = ConcurrentHashMap.newKeySet();

    /** Records that a write of {@code point} under {@code id} is about to be sent. */
    public void invoked(long id, Sent point) {
        if (sent.putIfAbsent(id, point) != null || gone.contains(id)) {
            throw new IllegalArgumentException("point id " + id + " was written before: ids are never reused");
        }
    }

    public boolean wasInvoked(long id) {
        return sent.containsKey(id) || gone.contains(id);
    }

    public void acknowledged(Collection<Long> ids) {
        acknowledged.addAll(ids);
    }

    /** The service said the write was not applied. */
    public void failed(Collection<Long> ids) {
        failed.addAll(ids);
    }

    /** The point sent under {@code id}, or null when never sent (or lost for good). */
    public Sent sent(long id) {
        return sent.get(id);
    }

    public Set<Long> acknowledged() {
        return new TreeSet<>(acknowledged);
    }

    public boolean isFailed(long id) {
        return failed.contains(id);
    }

    public boolean isGone(long id) {
        return gone.contains(id);
    }

    public int acknowledgedCount() {
        return acknowledged.size();
    }

    public int failedCount() {
        return failed.size();
    }

    /** Writes invoked that were neither acknowledged nor failed. */
    public int unknownCount() {
        return unknown().size();
    }

    /** The ids of writes invoked that were neither acknowledged nor failed. */
    public Set<Long> unknown() {
        Set<Long> out = new TreeSet<>(sent.keySet());
        out.removeAll(acknowledged);
        out.removeAll(failed);
        return out;
    }

    /**
     * Settles the unknown writes against what a checked copy holds (after a crash, say): one that
     * is there is durable from now on, one that is not is lost for good and must never appear.
     *
     * @return how many came back and how many were lost
     */
    public Settled settle(Set<Long> held) {
        int cameBack = 0;
        int lost = 0;
        for (long id : unknown()) {
            if (held.contains(id)) {
                acknowledged.add(id);
                cameBack++;
            } else {
                sent.remove(id);
                gone.add(id);
                lost++;
            }
        }
        return new Settled(cameBack, lost);
    }

    /** What {@link #settle} decided. */
    public record Settled(int cameBack, int lost) {
    }

    /** One line for a test's output: the counts of each outcome. */
    public String summary() {
        return String.format("writes acknowledged %d, failed %d, unknown %d", acknowledgedCount(), failedCount(),
                unknownCount());
    }
}
