package io.vjvector.cluster.gateway;

import io.vjvector.cluster.transport.NodeUnreachableException;
import io.vjvector.collection.CollectionParams;
import io.vjvector.collection.OrderedRecord;
import io.vjvector.collection.PointRecord;
import io.vjvector.collection.PointSelector;
import io.vjvector.collection.PointStruct;
import io.vjvector.collection.PointVectors;
import io.vjvector.collection.ReadConsistency;
import io.vjvector.collection.ScoredPoint;
import io.vjvector.collection.ScrollRequest;
import io.vjvector.collection.SearchRequest;
import io.vjvector.collection.ShardHandle;
import io.vjvector.collection.ShardStats;
import io.vjvector.collection.WithPayload;
import io.vjvector.collection.wire.EncodedShardHandle;
import io.vjvector.collection.wire.RemoteShardException;
import io.vjvector.engine.filter.Filter;
import io.vjvector.engine.filter.PayloadFieldSchema;
import io.vjvector.engine.point.PointId;
import io.vjvector.engine.shard.OrderBy;
import io.vjvector.engine.shard.PayloadUpdate;
import io.vjvector.engine.shard.VectorFieldSpec;
import io.vjvector.engine.shard.VectorSelection;
import io.vjvector.error.ErrorKind;
import io.vjvector.error.NotLeaderException;
import io.vjvector.error.VJVectorException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A shard reached through its copies on other nodes, as the shard table routes it
 * ({@link ShardRoutes}): every write goes to the leader; a read goes to one in-sync copy and, when
 * that copy fails, to the next. Each copy is reached through the wire encoding
 * ({@link EncodedShardHandle}) over a {@link CopyTransports} transport.
 *
 * <p>Choice of a copy for a read: copies whose node takes calls come first, and among them
 * followers before the leader (the leader also carries every write) and fewer calls in flight
 * before more; a copy whose circuit is open is tried only after every other. A copy that gets no
 * answer, fails unexpectedly or answers UNAVAILABLE (still loading, say) passes the read to the
 * next; any other error is the answer (a bad filter is bad on every copy).
 *
 * <p>A read with a {@link ReadConsistency} other than the default asks as many in-sync copies as
 * it names (counted from all of the shard's copies, see {@link ReadConsistency#copiesToAsk}) at
 * once, passes the place of a copy that cannot answer to the next, and fails UNAVAILABLE (503),
 * saying how many answered, when fewer than that can answer; the answers are resolved into one by
 * {@link CopyAgreement}. Reads the collection makes for itself (statistics, IDF counts, samples)
 * always ask one copy. Without the parameter a read costs what it did before it existed.
 *
 * <p>Writes: a leader that answers NOT_LEADER makes the handle refresh the route and re-send the
 * write once, to the leader the refreshed route names; a second refusal, a shard without a leader
 * or a leader that cannot be reached answer UNAVAILABLE (503), a leader that fails the write
 * unexpectedly UPSTREAM_FAILED (502), each saying whether the write may have been applied. A write
 * is never sent twice to a node that may have applied it.
 */
public final class ReplicaSetShardHandle implements ShardHandle {

    private final String collection;
    private final int shardId;
    private final ShardRoutes routes;
    private final CopyTransports copies;
    private final Supplier<ReadConsistency> consistency;
    private final Executor copyReads;

    /** A handle whose reads always ask one copy. */
    public ReplicaSetShardHandle(String collection, int shardId, ShardRoutes routes, CopyTransports copies) {
        this(collection, shardId, routes, copies, () -> ReadConsistency.DEFAULT, Runnable::run);
    }

    /**
     * @param consistency the consistency of the read being served (asked once per read)
     * @param copyReads   runs the reads of several copies of one read, so their latencies overlap
     */
    public ReplicaSetShardHandle(String collection, int shardId, ShardRoutes routes, CopyTransports copies,
                                 Supplier<ReadConsistency> consistency, Executor copyReads) {
        this.collection = collection;
        this.shardId = shardId;
        this.routes = routes;
        this.copies = copies;
        this.consistency = consistency;
        this.copyReads = copyReads;
    }

    @Override
    public int shardId() {
        return shardId;
    }

    // --- Writes: to the leader.

    @Override
    public long upsert(List<PointStruct> points) {
        return write(s -> s.upsert(points));
    }

    @Override
    public long upsert(List<PointStruct> points, Filter updateFilter) {
        return write(s -> s.upsert(points, updateFilter));
    }

    @Override
    public long delete(PointSelector selector) {
        return write(s -> s.delete(selector));
    }

    @Override
    public long updatePayload(PointSelector selector, PayloadUpdate update) {
        return write(s -> s.updatePayload(selector, update));
    }

    @Override
    public long updateVectors(List<PointVectors> points) {
        return write(s -> s.updateVectors(points));
    }

    @Override
    public long deleteVectors(PointSelector selector, Set<String> names) {
        return write(s -> s.deleteVectors(selector, names));
    }

    @Override
    public void addVectorField(String name, VectorFieldSpec spec) {
        write(s -> {
            s.addVectorField(name, spec);
            return null;
        });
    }

    @Override
    public void dropVectorField(String name) {
        write(s -> {
            s.dropVectorField(name);
            return null;
        });
    }

    @Override
    public long createFieldIndex(String key, PayloadFieldSchema schema) {
        return write(s -> s.createFieldIndex(key, schema));
    }

    @Override
    public long deleteFieldIndex(String key) {
        return write(s -> s.deleteFieldIndex(key));
    }

    @Override
    public void configure(CollectionParams params) {
        write(s -> {
            s.configure(params);
            return null;
        });
    }

    // --- Reads: to one in-sync copy, or to as many as the read's consistency asks.

    @Override
    public List<ScoredPoint> search(SearchRequest request, int k) {
        return read(s -> s.search(request, k), CopyAgreement::hits);
    }

    @Override
    public List<PointRecord> scroll(ScrollRequest request) {
        return read(s -> s.scroll(request), CopyAgreement::records);
    }

    @Override
    public List<PointRecord> retrieve(List<PointId> ids, WithPayload withPayload, VectorSelection withVector) {
        return read(s -> s.retrieve(ids, withPayload, withVector), CopyAgreement::records);
    }

    @Override
    public long count(Filter filter) {
        return read(s -> s.count(filter), CopyAgreement::count);
    }

    @Override
    public long[] sparseStatistics(String using, int[] indices) {
        return read(s -> s.sparseStatistics(using, indices));
    }

    @Override
    public Map<Object, Long> facetCounts(String key, Filter filter) {
        return read(s -> s.facetCounts(key, filter), CopyAgreement::facetCounts);
    }

    @Override
    public List<OrderedRecord> scrollOrdered(Filter filter, OrderBy order, int limit, WithPayload withPayload,
                                             boolean withVector) {
        return read(s -> s.scrollOrdered(filter, order, limit, withPayload, withVector), CopyAgreement::ordered);
    }

    @Override
    public List<PointRecord> sample(Filter filter, int n) {
        return read(s -> s.sample(filter, n));
    }

    @Override
    public ShardStats stats() {
        return read(ShardHandle::stats);
    }

    /** A read resolved from several copies' answers when the read's consistency asks for more than one. */
    private <T> T read(Function<ShardHandle, T> call, BiFunction<List<T>, Integer, T> resolve) {
        ReadConsistency asked = consistency.get();
        return asked.isDefault() ? read(call) : readCopies(asked, call, resolve);
    }

    private <T> T read(Function<ShardHandle, T> call) {
        ShardRoute route = routes.route(collection, shardId);
        List<ShardCopy> order = readOrder(route);
        if (order.isEmpty()) {
            throw VJVectorException.unavailable(what() + " has no in-sync copy to read from");
        }
        RuntimeException last = null;
        for (ShardCopy copy : order) {
            try {
                return call.apply(handle(copy, route.epoch()));
            } catch (RuntimeException e) {
                if (!passesOn(e)) {
                    throw e;
                }
                last = e;
            }
        }
        throw new VJVectorException(ErrorKind.UNAVAILABLE, null, "no copy of " + what() + " could answer ("
                + order.size() + " tried); the last failure: " + last.getMessage(), last);
    }

    private <T> T readCopies(ReadConsistency asked, Function<ShardHandle, T> call,
                             BiFunction<List<T>, Integer, T> resolve) {
        ShardRoute route = routes.route(collection, shardId);
        int wanted = asked.copiesToAsk(route.copies());
        if (wanted == 1) {
            return read(call);
        }
        List<ShardCopy> order = readOrder(route);
        if (order.size() < wanted) {
            throw VJVectorException.unavailable(what() + ": read consistency `" + asked + "` needs answers from "
                    + wanted + " of its " + route.copies() + " copies, but only " + order.size()
                    + " are in sync and live");
        }
        Deque<ShardCopy> spare = new ArrayDeque<>(order.subList(wanted, order.size()));
        List<CompletableFuture<T>> pending = new ArrayList<>();
        for (ShardCopy copy : order.subList(0, wanted)) {
            pending.add(ask(copy, route.epoch(), call));
        }
        List<T> answers = new ArrayList<>(wanted);
        List<String> failures = new ArrayList<>();
        // pending grows while it is walked: a failed copy's place passes to a spare one.
        for (int i = 0; i < pending.size(); i++) {
            try {
                answers.add(join(pending.get(i)));
            } catch (RuntimeException e) {
                if (!passesOn(e)) {
                    throw e;
                }
                failures.add(e.getMessage());
                if (!spare.isEmpty()) {
                    pending.add(ask(spare.poll(), route.epoch(), call));
                }
            }
        }
        if (answers.size() < wanted) {
            throw VJVectorException.unavailable(what() + ": read consistency `" + asked + "` needs answers from "
                    + wanted + " copies, " + answers.size() + " of the " + pending.size() + " asked answered;"
                    + " failures: " + String.join("; ", failures));
        }
        return resolve.apply(answers, asked.agreement(answers.size()));
    }

    private <T> CompletableFuture<T> ask(ShardCopy copy, long epoch, Function<ShardHandle, T> call) {
        return CompletableFuture.supplyAsync(() -> call.apply(handle(copy, epoch)), copyReads);
    }

    private static <T> T join(CompletableFuture<T> answer) {
        try {
            return answer.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : e;
        }
    }

    /**
     * Whether a copy's failure passes the read to another copy: no answer, an unexpected failure
     * or UNAVAILABLE (loading, say). Any other error is the answer: a bad filter is bad on every copy.
     */
    private static boolean passesOn(RuntimeException e) {
        return e instanceof RemoteShardException
                || e instanceof VJVectorException v && v.kind() == ErrorKind.UNAVAILABLE;
    }

    /** The in-sync copies in the order a read tries them (see the class comment). */
    List<ShardCopy> readOrder(ShardRoute route) {
        List<ShardCopy> order = new ArrayList<>(route.inSync());
        order.sort(Comparator.comparing((ShardCopy c) -> !copies.available(c))
                .thenComparing(c -> c.equals(route.leader()))
                .thenComparingInt(copies::inFlight));
        return order;
    }

    private <T> T write(Function<ShardHandle, T> call) {
        ShardRoute route = routes.route(collection, shardId);
        if (route.leader() == null) {
            route = routes.refresh(collection, shardId, route.epoch() + 1);
        }
        for (int attempt = 0; ; attempt++) {
            ShardCopy leader = route.leader();
            if (leader == null) {
                throw VJVectorException.unavailable(what() + " has no leader now (an election is under way);"
                        + " the write was not applied, retry it shortly");
            }
            try {
                return call.apply(handle(leader, route.epoch()));
            } catch (NotLeaderException e) {
                if (attempt > 0) {
                    throw new VJVectorException(ErrorKind.UNAVAILABLE, null, what() + ": leadership is changing ("
                            + leader.nodeId() + " at epoch " + route.epoch() + " does not lead: " + e.getMessage()
                            + "); the write was not applied, retry it shortly", e);
                }
                route = routes.refresh(collection, shardId, Math.max(route.epoch() + 1, e.epoch()));
            } catch (NodeUnreachableException e) {
                throw new VJVectorException(ErrorKind.UNAVAILABLE, null, "the leader of " + what() + " ("
                        + leader.nodeId() + " at " + leader.url() + ") cannot be reached: " + e.getMessage()
                        + (e.maybeApplied() ? "; the write may or may not have been applied"
                        : "; the write was not applied"), e);
            } catch (RemoteShardException e) {
                throw new VJVectorException(ErrorKind.UPSTREAM_FAILED, null, "the leader of " + what() + " ("
                        + leader.nodeId() + ") failed the write: " + e.getMessage()
                        + "; it may or may not have been applied", e);
            }
        }
    }

    private ShardHandle handle(ShardCopy copy, long epoch) {
        return new EncodedShardHandle(shardId, copies.transport(copy, collection, shardId, epoch));
    }

    private String what() {
        return "shard " + shardId + " of collection `" + collection + "`";
    }
}
