package io.vjvector.collection;

import io.vjvector.collection.query.ExampleQuery;
import io.vjvector.engine.filter.Condition;
import io.vjvector.engine.filter.Filter;
import io.vjvector.engine.index.Distance;
import io.vjvector.engine.index.VectorValue;
import io.vjvector.engine.kernels.VectorKernels;
import io.vjvector.engine.point.PointId;
import io.vjvector.engine.shard.VectorSelection;
import io.vjvector.engine.shard.VectorValidator;
import io.vjvector.error.VJVectorException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Runs an {@link ExampleQuery} (recommend {@code best_score} / {@code sum_scores}, {@code discover},
 * {@code context}) over a collection, through the {@link CollectionService} alone, so it runs alike
 * on every role.
 *
 * <p><b>Candidates.</b> Qdrant scores these queries with a custom scorer inside its HNSW search.
 * Here they are answered in two steps: candidates, then exact scores. When the filter leaves at
 * most {@link #SCAN_LIMIT} points, when {@code exact} is asked, or when the query has no seed
 * (negatives only: its best points are far from every example, where no nearest search leads),
 * every matching point is a candidate — a scan, exact by construction. Otherwise the candidates
 * are the {@code max(MIN_CANDIDATES, CANDIDATE_FACTOR × (offset + limit))} nearest points of each
 * seed (see {@link ExampleQuery#seeds}), widened round by round until the best page settles (see
 * {@link #searchAround}). For {@code best_score} this finds the exact answer
 * whenever the nearest searches are exact and fewer than {@code (CANDIDATE_FACTOR − 1) ×
 * (offset + limit)} of the points nearest a positive are won by a negative; for the other kinds
 * it is a heuristic whose recall the tests measure against brute force
 * ({@code ExampleQuerySearchTest}: at least 0.9 at limit 10 over 3,000 points).
 *
 * <p>Scores are the query's own (higher is better); {@code score_threshold} is a minimum; ties go
 * to the lower id. The returned points carry what the options ask for (payload, vectors).
 */
public final class ExampleQuerySearch {

    /** Matching points at or under which every one is scored: a scan of this many is cheap next to the searches. */
    static final long SCAN_LIMIT = 2_000;
    static final int CANDIDATE_FACTOR = 4;
    static final int MIN_CANDIDATES = 64;
    /** Widening rounds of a search around the seeds before the rest is scanned. */
    static final int MAX_ROUNDS = 4;
    private static final int SCAN_PAGE = 512;

    private ExampleQuerySearch() {
    }

    /**
     * @param using    a dense vector field of the collection
     * @param query    its examples already resolved to vectors
     * @param excluded ids never returned (the examples given by id)
     * @throws VJVectorException BAD_REQUEST naming {@code using} for a field that is not dense, or an example of the wrong size
     */
    public static List<ScoredPoint> run(CollectionService service, String collection, String using, ExampleQuery query,
                                        Set<PointId> excluded, SearchOptions options, VectorKernels kernels) {
        VectorsConfig.DenseVector field = service.params(collection).vectors().dense().get(using);
        if (field == null) {
            throw VJVectorException.badRequest("using", "Wrong input: Not existing vector name error: " + using);
        }
        List<float[]> examples = query.examples();
        for (int i = 0; i < examples.size(); i++) {
            VectorValidator.check(examples.get(i), field.size(), "query");
        }
        Distance distance = field.distance();
        ExampleQuery prepared = distance.normalizes() ? query.map(v -> Distance.normalized(kernels, v)) : query;
        int wanted = (int) Math.min(Integer.MAX_VALUE, (long) options.offset() + options.limit());
        if (options.limit() == 0) {
            return List.of();
        }
        Filter filter = excluded.isEmpty() ? options.filter() : Filter.of(
                options.filter() == null ? List.of() : List.of(new Condition.Sub(options.filter())), List.of(),
                List.of(new Condition.HasId(excluded)), null);
        Scorer scorer = new Scorer(prepared, distance, kernels, using, wanted, options.scoreThreshold());
        long matching = service.count(collection, filter);
        boolean scan = options.exact() || prepared.seeds().isEmpty() || matching <= SCAN_LIMIT;
        if (scan) {
            scanAll(service, collection, filter, using, scorer, new HashSet<>());
        } else {
            searchAround(service, collection, filter, using, prepared.seeds(), options, wanted, matching, scorer);
        }
        List<Hit> page = scorer.best();
        if (page.size() <= options.offset()) {
            return List.of();
        }
        return fetch(service, collection, using, examples.get(0), page.subList(options.offset(), page.size()), options);
    }

    /** Offers every matching point not in {@code seen} to {@code scorer}. */
    private static void scanAll(CollectionService service, String collection, Filter filter, String using,
                                Scorer scorer, Set<PointId> seen) {
        PointId from = null;
        while (true) {
            ScrollResult page = service.scroll(collection, new ScrollRequest(filter, SCAN_PAGE, from, WithPayload.NONE,
                    VectorSelection.names(Set.of(using))));
            for (PointRecord p : page.points()) {
                if (seen.add(p.id())) {
                    scorer.offer(p.id(), NamedVectors.dense(p.vectors(), using));
                }
            }
            if (page.nextPageOffset() == null) {
                return;
            }
            from = page.nextPageOffset();
        }
    }

    /**
     * Candidates around the seeds, widened until they settle: each round searches twice as many
     * neighbours of every seed, and the search stops when a round leaves the best page unchanged.
     * A page that has not settled after {@link #MAX_ROUNDS} rounds, or rounds that would ask for
     * as many points as match, end in a scan of the rest. (The best points of a discover or
     * sum_scores query can lie away from every seed; on 3,000 uniform random points a fixed
     * neighbourhood found 6 of the top 10 for some seeds.)
     */
    private static void searchAround(CollectionService service, String collection, Filter filter, String using,
                                     List<float[]> seeds, SearchOptions options, int wanted, long matching,
                                     Scorer scorer) {
        long k = Math.max(MIN_CANDIDATES, (long) CANDIDATE_FACTOR * wanted);
        Set<PointId> seen = new HashSet<>();
        List<PointId> previous = null;
        for (int round = 0; round < MAX_ROUNDS && k * seeds.size() < matching; round++, k *= 2) {
            SearchOptions around = new SearchOptions(filter, (int) Math.min(Integer.MAX_VALUE, k), 0, null,
                    options.hnswEf(), false, WithPayload.NONE, VectorSelection.names(Set.of(using)));
            for (float[] seed : seeds) {
                for (ScoredPoint p : service.search(collection, new SearchRequest(using, new VectorValue.Dense(seed),
                        around))) {
                    if (seen.add(p.id())) {
                        scorer.offer(p.id(), NamedVectors.dense(p.vectors(), using));
                    }
                }
            }
            List<PointId> page = scorer.best().stream().map(Hit::id).toList();
            if (page.equals(previous)) {
                return;
            }
            previous = page;
        }
        scanAll(service, collection, filter, using, scorer, seen);
    }

    /**
     * The page's points as the options ask for them: a search restricted to their ids returns
     * payload, vectors and version alike for every kind of query (the planner answers a filter
     * this small by an exact scan of the ids).
     */
    private static List<ScoredPoint> fetch(CollectionService service, String collection, String using, float[] any,
                                           List<Hit> page, SearchOptions options) {
        Set<PointId> ids = new LinkedHashSet<>();
        page.forEach(h -> ids.add(h.id()));
        Filter only = Filter.of(List.of(new Condition.HasId(ids)), List.of(), List.of(), null);
        SearchOptions projection = new SearchOptions(only, ids.size(), 0, null, null, false, options.withPayload(),
                options.withVector());
        Map<PointId, ScoredPoint> found = new HashMap<>();
        for (ScoredPoint p : service.search(collection, new SearchRequest(using, new VectorValue.Dense(any), projection))) {
            found.put(p.id(), p);
        }
        List<ScoredPoint> out = new ArrayList<>(page.size());
        for (Hit h : page) {
            ScoredPoint p = found.get(h.id());
            if (p != null) {
                out.add(p.withScore(h.score()));
            }
        }
        return out;
    }

    private record Hit(PointId id, float score) {
    }

    /** Best first: higher score, then lower id. */
    private static final Comparator<Hit> ORDER = Comparator.comparingDouble((Hit h) -> -h.score())
            .thenComparing(Hit::id);

    /** Keeps the {@code wanted} best points offered, scoring each once. */
    private static final class Scorer {
        private final ExampleQuery query;
        private final Distance distance;
        private final VectorKernels kernels;
        private final int wanted;
        private final Float threshold;
        private final PriorityQueue<Hit> worstFirst;

        Scorer(ExampleQuery query, Distance distance, VectorKernels kernels, String using, int wanted, Float threshold) {
            this.query = query;
            this.distance = distance;
            this.kernels = kernels;
            this.wanted = wanted;
            this.threshold = threshold;
            this.worstFirst = new PriorityQueue<>(ORDER.reversed());
        }

        void offer(PointId id, float[] vector) {
            if (vector == null) {
                return;
            }
            float[] v = distance.normalizes() ? Distance.normalized(kernels, vector) : vector;
            float score = query.score(example -> distance.similarity(kernels, example, 0, v, 0, v.length));
            if (threshold != null && score < threshold) {
                return;
            }
            Hit hit = new Hit(id, score);
            if (worstFirst.size() < wanted) {
                worstFirst.add(hit);
            } else if (ORDER.compare(hit, worstFirst.peek()) < 0) {
                worstFirst.poll();
                worstFirst.add(hit);
            }
        }

        List<Hit> best() {
            List<Hit> out = new ArrayList<>(worstFirst);
            out.sort(ORDER);
            return out;
        }
    }
}
