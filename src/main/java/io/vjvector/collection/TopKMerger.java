package io.vjvector.collection;

import io.vjvector.engine.index.Distance;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Merges per-shard result lists (each best first) into one page. Ordered by score in the
 * distance's direction; equal scores by point id, so the order does not depend on which shard
 * answered first.
 */
public final class TopKMerger {

    private final Comparator<ScoredPoint> order;

    public TopKMerger(Distance distance) {
        Comparator<ScoredPoint> byScore = Comparator.comparingDouble(ScoredPoint::score);
        this.order = (distance.higherScoreIsBetter() ? byScore.reversed() : byScore)
                .thenComparing(ScoredPoint::id);
    }

    /** Best-first comparator used for merging. */
    public Comparator<ScoredPoint> order() {
        return order;
    }

    /**
     * Skips the best {@code offset}, returns the next {@code limit}; points whose id is in
     * {@code excluded} are left out before counting.
     */
    public List<ScoredPoint> merge(List<List<ScoredPoint>> perShard, int offset, int limit, Set<?> excluded) {
        long wanted = (long) offset + limit;
        PriorityQueue<ScoredPoint> worstFirst = new PriorityQueue<>(order.reversed());
        for (List<ScoredPoint> hits : perShard) {
            for (ScoredPoint p : hits) {
                if (excluded.contains(p.id())) {
                    continue;
                }
                worstFirst.add(p);
                if (worstFirst.size() > wanted) {
                    worstFirst.poll();
                }
            }
        }
        List<ScoredPoint> best = new ArrayList<>(worstFirst);
        best.sort(order);
        return offset >= best.size() ? List.of() : best.subList(offset, (int) Math.min(best.size(), wanted));
    }
}
