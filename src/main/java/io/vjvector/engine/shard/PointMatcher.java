package io.vjvector.engine.shard;

import io.vjvector.engine.filter.Filter;
import io.vjvector.engine.filter.PayloadIndexes;
import io.vjvector.engine.filter.VectorPresenceBinder;
import io.vjvector.engine.point.PointId;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Finds the live points of a shard that satisfy a filter: narrowed by the payload indexes when
 * they can, otherwise by testing every live point. Every candidate is tested against the slot's
 * payload, so the answer is exact whatever the indexes return.
 */
final class PointMatcher {

    /** Receives one matching live point. */
    @FunctionalInterface
    interface Sink {
        /** Returns false to stop the walk. */
        boolean accept(int ordinal, PointSlot slot);
    }

    /** Sorting candidates beats an id-ordered walk when they are at most 1/this of the live points. */
    static final int SORTED_CANDIDATES_RATIO = 8;
    /** Points tested to estimate a filter's selectivity when no payload index narrows it. */
    static final int SAMPLE_SIZE = 256;

    private final IdTracker tracker;
    private final PayloadIndexes payloadIndexes;
    private final java.util.function.BiPredicate<Integer, String> hasVector;

    /** @param hasVector whether an ordinal has a value for a named vector field (for {@code has_vector}) */
    PointMatcher(IdTracker tracker, PayloadIndexes payloadIndexes,
                 java.util.function.BiPredicate<Integer, String> hasVector) {
        this.tracker = tracker;
        this.payloadIndexes = payloadIndexes;
        this.hasVector = hasVector;
    }

    /**
     * {@code filter} ready to test points: full-text matches bound to the text indexes' analyzers
     * ({@link PayloadIndexes#bind}). The walks below bind what they are given; a caller testing
     * points itself (or calling {@link #matches}) binds once first.
     */
    Filter bind(Filter filter) {
        return VectorPresenceBinder.bind(payloadIndexes.bind(filter), (id, name) -> {
            int ord = tracker.ordinalOf(id);
            return ord >= 0 && hasVector.test(ord, name);
        });
    }

    /** The payload indexes' superset of the ordinals matching {@code filter}, when they can narrow it. */
    Optional<BitSet> candidates(Filter filter) {
        return filter == null ? Optional.empty() : payloadIndexes.candidates(filter);
    }

    /** The size of the tenant {@code filter} names ({@link PayloadIndexes#tenantCardinality}), or -1. */
    long tenantCardinality(Filter filter) {
        return filter == null ? -1 : payloadIndexes.tenantCardinality(filter);
    }

    /** Calls {@code sink} for every live point matching {@code filter} (null = all), in no particular order. */
    void forEach(Filter filter, Sink sink) {
        Filter bound = bind(filter);
        forEach(bound, candidates(bound), sink);
    }

    /** {@link #forEach(Filter, Sink)} with the candidates already looked up. */
    void forEach(Filter unbound, Optional<BitSet> candidates, Sink sink) {
        Filter filter = bind(unbound);
        if (candidates.isPresent()) {
            BitSet bits = candidates.get();
            for (int ord = bits.nextSetBit(0); ord >= 0; ord = bits.nextSetBit(ord + 1)) {
                PointSlot slot = tracker.liveSlot(ord);
                if (slot != null && filter.test(slot.id(), slot.payload()) && !sink.accept(ord, slot)) {
                    return;
                }
            }
            return;
        }
        forEachInIdOrder(filter, null, sink);
    }

    /** Whether {@code ordinal} is live, among {@code candidates} (null = no narrowing) and matches {@code filter}. */
    boolean matches(int ordinal, Filter filter, BitSet candidates) {
        if (candidates != null && !candidates.get(ordinal)) {
            return false;
        }
        PointSlot slot = tracker.liveSlot(ordinal);
        return slot != null && filter.test(slot.id(), slot.payload());
    }

    /**
     * Roughly how many live points match {@code filter}: the candidate count when the indexes
     * narrow it, else the matching share of a random sample of {@link #SAMPLE_SIZE} ordinals
     * (drawn from {@code [0, ordinalBound)}) scaled to the live count — Qdrant's sampled estimate.
     * With too few live ordinals in the sample it answers the live count (no narrowing known).
     */
    long estimate(Filter unbound, Optional<BitSet> candidates, int ordinalBound) {
        if (candidates.isPresent()) {
            return candidates.get().cardinality();
        }
        Filter filter = bind(unbound);
        int live = tracker.liveCount();
        if (ordinalBound <= 0 || live <= SAMPLE_SIZE) {
            return live;
        }
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        int sampled = 0;
        int matched = 0;
        for (int draw = 0; draw < 4 * SAMPLE_SIZE && sampled < SAMPLE_SIZE; draw++) {
            PointSlot slot = tracker.liveSlot(rnd.nextInt(ordinalBound));
            if (slot != null) {
                sampled++;
                if (filter.test(slot.id(), slot.payload())) {
                    matched++;
                }
            }
        }
        return sampled < SAMPLE_SIZE / 4 ? live : (long) Math.ceil((double) matched / sampled * live);
    }

    /**
     * Calls {@code sink} for live points matching {@code filter} (null = all) with id at or after
     * {@code from} (null = the first), in id order. When the payload indexes narrow the filter to
     * at most {@link #SORTED_CANDIDATES_RATIO}⁻¹ of the live points, the candidates are sorted by
     * id instead of walking every id from {@code from}.
     */
    void forEachInIdOrder(Filter unbound, PointId from, Sink sink) {
        Filter filter = bind(unbound);
        Optional<BitSet> candidates = filter == null ? Optional.empty() : payloadIndexes.candidates(filter);
        if (candidates.isPresent()
                && (long) candidates.get().cardinality() * SORTED_CANDIDATES_RATIO <= tracker.liveCount()) {
            List<Match> matches = new ArrayList<>();
            BitSet bits = candidates.get();
            for (int ord = bits.nextSetBit(0); ord >= 0; ord = bits.nextSetBit(ord + 1)) {
                PointSlot slot = tracker.liveSlot(ord);
                if (slot != null && (from == null || slot.id().compareTo(from) >= 0)
                        && filter.test(slot.id(), slot.payload())) {
                    matches.add(new Match(ord, slot));
                }
            }
            matches.sort(Comparator.comparing(m -> m.slot().id()));
            for (Match m : matches) {
                if (!sink.accept(m.ordinal(), m.slot())) {
                    return;
                }
            }
            return;
        }
        for (Map.Entry<PointId, IdEntry> e : tracker.fromId(from)) {
            int ord = e.getValue().ordinal;
            if (ord < 0) {
                continue;
            }
            PointSlot slot = tracker.liveSlot(ord);
            if (slot != null && (filter == null || filter.test(slot.id(), slot.payload())) && !sink.accept(ord, slot)) {
                return;
            }
        }
    }

    private record Match(int ordinal, PointSlot slot) {
    }

    /** Exact number of live points matching {@code filter} (null = all). */
    long count(Filter filter) {
        if (filter == null) {
            return tracker.liveCount();
        }
        long[] n = {0};
        forEach(filter, (ord, slot) -> {
            n[0]++;
            return true;
        });
        return n[0];
    }
}
