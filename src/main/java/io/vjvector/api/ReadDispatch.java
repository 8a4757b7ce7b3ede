package io.vjvector.api;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vjvector.collection.CollectionParams;
import io.vjvector.collection.SearchOptions;
import io.vjvector.collection.SearchRequest;
import io.vjvector.collection.VectorsConfig;
import io.vjvector.collection.query.QueryPlan;
import io.vjvector.engine.index.VectorValue;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Where a search runs. The search and query resources are non-blocking: their request is read and
 * checked on the connection's event loop (unless it names an inference model: embedding text may
 * take milliseconds or call another service). A short search then runs right there too; anything
 * else goes to the worker pool, as every blocking endpoint does.
 *
 * <p>Why: a search of an HNSW graph takes 0.05–0.3 ms, and handing it to a worker thread and the
 * answer back to the event loop cost about as much again on this project's 2-core machine (two
 * thread wake-ups; measured with {@code -Dbench=http}: the single-client p50 overhead over the
 * in-process search fell from 0.38 to 0.13 ms at 20k × 128 when only the hop went, and with the
 * streaming vector reader from 0.25 to 0.14 ms at 100k × 128, 0.41 to 0.10 ms at 50k × 768; see
 * the README's benchmark figures). But an event loop serves many connections, so whatever runs on
 * it must be bounded by the request alone, never by the collection: a <em>short</em> search is a plain nearest-vector search of a dense field that
 * has a graph ({@code m > 0}), without a filter (whose allow-list, or exact scan of its matches,
 * grows with the collection), not {@code exact}, fetching at most {@link #MAX_QUICK_FETCH} points
 * with a beam of at most {@link #MAX_QUICK_EF}. Its work is about {@code ef × 2m} vector
 * comparisons per shard. A shard at or below {@code full_scan_threshold} points is scanned exactly
 * instead, which bounds that scan by the threshold (10,000 points by default: ~2 ms at 768
 * dimensions). Everything else — filters, sparse and multivector queries, recommend, fusion,
 * larger batches, groups — runs on a worker, as do writes, which may wait for an fsync.
 */
final class ReadDispatch {

    /** offset + limit of a short search; larger pages widen the beam and the response. */
    static final int MAX_QUICK_FETCH = 256;
    /** Searches of a batch that may run on the event loop, each of them short. */
    static final int MAX_QUICK_BATCH = 4;
    /** {@code hnsw_ef} of a short search (the collection's {@code ef_construct} when absent). */
    static final int MAX_QUICK_EF = 512;

    private ReadDispatch() {
    }

    /**
     * Reads a request and runs it: both on the calling event loop when the request can be read
     * there ({@code readHere}: it names no inference model, which would embed text while reading)
     * and is then {@code quick}; else the rest from the first step that cannot, on a worker.
     */
    static <R, T> Uni<T> run(boolean readHere, Supplier<R> read, Predicate<R> quick, Function<R, T> work) {
        if (!readHere) {
            return onWorker(() -> work.apply(read.get()));
        }
        R request = read.get();
        return quick.test(request) ? Uni.createFrom().item(() -> work.apply(request))
                : onWorker(() -> work.apply(request));
    }

    /**
     * Runs {@code work} on a worker thread. On a request's (duplicated) Vert.x context the work
     * keeps that context, so what the request carries there (the authenticated caller, which
     * scopes collection names to its tenant) is still current on the worker.
     */
    private static <T> Uni<T> onWorker(Supplier<T> work) {
        Context context = Vertx.currentContext();
        if (context == null) {
            return Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        }
        return Uni.createFrom().completionStage(() -> context.<T>executeBlocking(work::get, false).toCompletionStage());
    }

    /** Whether {@code plan} is a short search (see the class comment). */
    static boolean isQuick(QueryPlan plan, CollectionParams params) {
        return plan instanceof QueryPlan.Nearest nearest && isQuick(nearest.request(), params);
    }

    /** Whether {@code requests} are few ({@link #MAX_QUICK_BATCH}) and every one is short. */
    static boolean isQuickBatch(List<SearchRequest> requests, CollectionParams params) {
        return requests.size() <= MAX_QUICK_BATCH && requests.stream().allMatch(r -> isQuick(r, params));
    }

    /** Whether {@code plans} are few ({@link #MAX_QUICK_BATCH}) and every one is a short search. */
    static boolean isQuickPlans(List<QueryPlan> plans, CollectionParams params) {
        return plans.size() <= MAX_QUICK_BATCH && plans.stream().allMatch(p -> isQuick(p, params));
    }

    /** Whether {@code request} is a short search (see the class comment). */
    static boolean isQuick(SearchRequest request, CollectionParams params) {
        SearchOptions o = request.options();
        VectorsConfig.DenseVector field = params.vectors().dense().get(request.using());
        if (field == null || field.multivector() != null || !(request.query() instanceof VectorValue.Dense)) {
            return false;
        }
        int m = field.m() != null ? field.m() : params.m();
        int ef = o.hnswEf() != null ? o.hnswEf() : field.efConstruct() != null ? field.efConstruct() : params.efConstruct();
        return m > 0 && o.filter() == null && !o.exact() && (long) o.offset() + o.limit() <= MAX_QUICK_FETCH
                && ef <= MAX_QUICK_EF;
    }
}
