package io.vjvector.engine.shard;

import io.vjvector.engine.index.Distance;
import io.vjvector.engine.index.SearchHits;
import io.vjvector.engine.index.VectorIndex;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Chooses how one shard answers a search and turns index hits into live points.
 *
 * <p><b>Plan.</b> Without a filter: an exact scan when the shard holds at most
 * {@code fullScanThreshold} live points (or {@code exact} is asked), else a graph search. With a
 * filter: the filter is first evaluated into an {@link AllowList} (through the payload indexes when
 * they can narrow it); an exact scan over the allow-list is used when it holds at most
 * {@link #exactScanLimit} ordinals, else a graph search restricted to the allow-list.
 *
 * <p><b>Beam width.</b> {@code ef = max(fetched, hnsw_ef)} where an absent {@code hnsw_ef} means
 * the shard's default, the collection's {@code ef_construct} — Qdrant's rule.
 *
 * <p><b>Stale hits.</b> Searches do not take the write lock, so a hit may be an ordinal replaced or
 * deleted meanwhile. Those are skipped; the planner fetches {@link #STALE_MARGIN} extra hits and,
 * if it still comes up short while the index had more to give, searches again with twice the
 * count (at most {@link #MAX_ATTEMPTS} times). A graph search that still returns fewer than
 * {@code min(k, allowed)} points (and was not cut by the score threshold) is redone exactly.
 */
final class SearchPlanner {

    /** Extra hits fetched to absorb ordinals that turn stale during the search. */
    static final int STALE_MARGIN = 4;
    /** Searches per request before settling for fewer than k live hits. */
    static final int MAX_ATTEMPTS = 3;

    private final VectorIndex index;
    private final IdTracker tracker;
    private final PointMatcher matcher;

    SearchPlanner(VectorIndex index, IdTracker tracker, PointMatcher matcher) {
        this.index = index;
        this.tracker = tracker;
        this.matcher = matcher;
    }

    /**
     * Largest allow-list scanned exactly rather than searched through the graph:
     * {@code max(fullScanThreshold, ceil(k * ln(liveCount)))}. The second term is Lucene's rule:
     * below it an exact scan visits fewer vectors than a filtered graph search is expected to.
     */
    static long exactScanLimit(int k, int liveCount, int fullScanThreshold) {
        long logRule = (long) Math.ceil(k * Math.log(Math.max(liveCount, 2)));
        return Math.max(fullScanThreshold, logRule);
    }

    List<ScoredHit> search(ShardSearch request, int fullScanThreshold, int defaultEf) {
        int k = request.k();
        if (k <= 0) {
            return List.of();
        }
        AllowList allow = null;
        if (request.filter() != null) {
            AllowList collected = new AllowList();
            matcher.forEach(request.filter(), (ord, slot) -> {
                collected.add(ord);
                return true;
            });
            if (collected.count() == 0) {
                return List.of();
            }
            allow = collected;
        }
        int live = tracker.liveCount();
        boolean exact = request.exact() || (allow == null
                ? live <= fullScanThreshold
                : allow.count() <= exactScanLimit(k, live, fullScanThreshold));
        int requestedEf = request.hnswEf() != null ? request.hnswEf() : defaultEf;
        Materialized m = run(request, exact, allow, requestedEf);
        int available = allow == null ? live : allow.count();
        if (!exact && !m.belowThreshold() && m.hits().size() < Math.min(k, available)) {
            // The graph came up short of points that exist: a search racing an insert can descend
            // into a node whose lower-level links are not yet written, and a restrictive
            // allow-list can cut the beam off. An exact scan is the answer that is always right.
            m = run(request, true, allow, requestedEf);
        }
        List<ScoredHit> result = m.hits();
        return result.size() > k ? result.subList(0, k) : result;
    }

    private Materialized run(ShardSearch request, boolean exact, AllowList allow, int requestedEf) {
        int k = request.k();
        int fetch = k + STALE_MARGIN;
        Materialized m = null;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            SearchHits hits = query(request.query(), fetch, Math.max(requestedEf, fetch), exact, allow);
            m = materialize(hits, request);
            if (m.hits().size() >= k || m.belowThreshold() || hits.count() < fetch) {
                break;
            }
            fetch *= 2;
        }
        return m;
    }

    private SearchHits query(float[] q, int fetch, int ef, boolean exact, AllowList allow) {
        if (exact) {
            return allow == null
                    ? index.exactSearch(q, fetch, null)
                    : index.exactSearch(q, fetch, allow.ordinals(), allow.count());
        }
        return index.search(q, fetch, ef, allow == null ? null : allow::contains);
    }

    private record Materialized(List<ScoredHit> hits, boolean belowThreshold) {
    }

    private Materialized materialize(SearchHits hits, ShardSearch request) {
        Distance distance = index.distance();
        List<ScoredHit> out = new ArrayList<>(Math.min(hits.count(), request.k()));
        Set<Object> seen = new HashSet<>();
        for (int i = 0; i < hits.count() && out.size() < request.k(); i++) {
            int ord = hits.ordinal(i);
            PointSlot slot = tracker.liveSlot(ord);
            // The payload may have changed since the allow-list was built: test the slot we return.
            if (slot == null || (request.filter() != null && !request.filter().test(slot.id(), slot.payload()))) {
                continue;
            }
            float score = distance.toScore(hits.similarity(i));
            if (!passes(distance, score, request.scoreThreshold())) {
                return new Materialized(out, true);
            }
            // A point replaced during the search can surface under its old and its new ordinal.
            if (seen.add(slot.id())) {
                out.add(new ScoredHit(new StoredPoint(slot.id(), slot.version(),
                        request.withPayload() ? slot.payload() : null,
                        request.withVector() ? index.vector(ord) : null), score));
            }
        }
        return new Materialized(out, false);
    }

    /** Qdrant's score_threshold: a minimum score for similarities, a maximum for distances. */
    static boolean passes(Distance distance, float score, Float threshold) {
        if (threshold == null) {
            return true;
        }
        return distance.higherScoreIsBetter() ? score >= threshold : score <= threshold;
    }
}
