package io.vjvector.cluster.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjvector.cluster.transport.NodeUnreachableException;
import io.vjvector.collection.CollectionParams;
import io.vjvector.collection.LocalCollectionService;
import io.vjvector.collection.PointStruct;
import io.vjvector.collection.wire.ShardEndpoint;
import io.vjvector.collection.wire.ShardTransport;
import io.vjvector.engine.index.Distance;
import io.vjvector.engine.kernels.VectorKernelsProvider;
import io.vjvector.engine.point.PointId;
import io.vjvector.error.ErrorKind;
import io.vjvector.error.NotLeaderException;
import io.vjvector.error.VJVectorException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Copy choice, fall-through and re-routing of a replica-set handle, over in-process transports. */
class ReplicaSetShardHandleTest {

    private static final ShardCopy A = new ShardCopy("a", "http://a:6333");
    private static final ShardCopy B = new ShardCopy("b", "http://b:6333");
    private static final ShardCopy C = new ShardCopy("c", "http://c:6333");

    private final LocalCollectionService service = new LocalCollectionService(VectorKernelsProvider.fromSystemProperty());
    private final ShardEndpoint shard;
    private final Copies copies = new Copies();

    ReplicaSetShardHandleTest() {
        service.create("c", new CollectionParams(2, Distance.EUCLID, 1, 1, 1, 16, 100, 0));
        shard = new ShardEndpoint(service.localShard("c", 0));
    }

    /** Routes that hand out {@code first}, then {@code refreshed} on every refresh (counted). */
    private static final class Routes implements ShardRoutes {
        ShardRoute current;
        final ShardRoute refreshed;
        final List<Long> refreshes = new ArrayList<>();

        Routes(ShardRoute first, ShardRoute refreshed) {
            this.current = first;
            this.refreshed = refreshed;
        }

        @Override
        public ShardRoute route(String collection, int shardId) {
            return current;
        }

        @Override
        public ShardRoute refresh(String collection, int shardId, long minEpoch) {
            refreshes.add(minEpoch);
            current = refreshed;
            return current;
        }
    }

    /** Per node: a transport (given the epoch), whether it is available, its calls in flight; records who was called. */
    private static final class Copies implements CopyTransports {
        final Map<String, java.util.function.LongFunction<ShardTransport>> nodes = new HashMap<>();
        final Set<String> unavailable = new HashSet<>();
        final Map<String, Integer> inFlight = new HashMap<>();
        final List<String> called = new ArrayList<>();

        @Override
        public ShardTransport transport(ShardCopy copy, String collection, int shardId, long epoch) {
            return (call, request) -> {
                called.add(copy.nodeId() + ":" + call.wireName());
                return nodes.get(copy.nodeId()).apply(epoch).call(call, request);
            };
        }

        @Override
        public boolean available(ShardCopy copy) {
            return !unavailable.contains(copy.nodeId());
        }

        @Override
        public int inFlight(ShardCopy copy) {
            return inFlight.getOrDefault(copy.nodeId(), 0);
        }
    }

    private ShardTransport serving() {
        return shard::handle;
    }

    private static ShardTransport down(String node) {
        return (call, request) -> {
            throw new NodeUnreachableException(node, "connection refused", false, null);
        };
    }

    private static List<PointStruct> points() {
        return List.of(new PointStruct(PointId.of(1), new float[] {1, 0}, null),
                new PointStruct(PointId.of(2), new float[] {0, 1}, null));
    }

    @Test
    void readsPreferAnAvailableFollowerWithFewestCallsInFlight() {
        ReplicaSetShardHandle handle = new ReplicaSetShardHandle("c", 0, new Routes(
                new ShardRoute(A, 1, List.of(A, B, C)), null), copies);
        ShardRoute route = new ShardRoute(A, 1, List.of(A, B, C));
        copies.inFlight.put("b", 5);
        copies.inFlight.put("c", 1);
        assertEquals(List.of(C, B, A), handle.readOrder(route));
        copies.unavailable.add("c");
        assertEquals(List.of(B, A, C), handle.readOrder(route));
    }

    @Test
    void aReadFallsThroughToTheNextCopyWhenOneIsDown() {
        copies.nodes.put("a", e -> serving());
        copies.nodes.put("b", e -> down("b"));
        ReplicaSetShardHandle handle = new ReplicaSetShardHandle("c", 0, new Routes(
                new ShardRoute(A, 1, List.of(A, B)), null), copies);
        handle.upsert(points());
        copies.called.clear();
        assertEquals(2, handle.count(null));
        assertEquals(List.of("b:count", "a:count"), copies.called);
    }

    @Test
    void aReadFailsWithUnavailableOnlyWhenEveryCopyFailed() {
        copies.nodes.put("a", e -> down("a"));
        copies.nodes.put("b", e -> down("b"));
        ReplicaSetShardHandle handle = new ReplicaSetShardHandle("c", 0, new Routes(
                new ShardRoute(A, 1, List.of(A, B)), null), copies);
        VJVectorException e = assertThrows(VJVectorException.class, () -> handle.count(null));
        assertEquals(ErrorKind.UNAVAILABLE, e.kind());
        assertTrue(e.getMessage().contains("2 tried"), e.getMessage());
    }

    @Test
    void aClientErrorOfOneCopyIsTheAnswerNotAReasonToAskAnother() {
        copies.nodes.put("a", e -> serving());
        copies.nodes.put("b", e -> serving());
        ReplicaSetShardHandle handle = new ReplicaSetShardHandle("c", 0, new Routes(
                new ShardRoute(A, 1, List.of(A, B)), null), copies);
        VJVectorException e = assertThrows(VJVectorException.class, () -> handle.facetCounts("no_index", null));
        assertEquals(ErrorKind.BAD_REQUEST, e.kind());
        assertEquals(1, copies.called.size());
    }

    @Test
    void aWriteToAnUnreachableLeaderIsUnavailableAndNotRetried() {
        copies.nodes.put("a", e -> down("a"));
        copies.nodes.put("b", e -> serving());
        ReplicaSetShardHandle handle = new ReplicaSetShardHandle("c", 0, new Routes(
                new ShardRoute(A, 1, List.of(A, B)), null), copies);
        VJVectorException e = assertThrows(VJVectorException.class, () -> handle.upsert(points()));
        assertEquals(ErrorKind.UNAVAILABLE, e.kind());
        assertTrue(e.getMessage().contains("cannot be reached") && e.getMessage().contains("was not applied"),
                e.getMessage());
        assertEquals(List.of("a:upsert"), copies.called);
    }

    @Test
    void notLeaderRefreshesTheRouteAndReRoutesOnce() {
        copies.nodes.put("a", e -> notLeader(7, "b"));
        copies.nodes.put("b", e -> serving());
        Routes routes = new Routes(new ShardRoute(A, 6, List.of(A, B)), new ShardRoute(B, 7, List.of(A, B)));
        ReplicaSetShardHandle handle = new ReplicaSetShardHandle("c", 0, routes, copies);
        handle.upsert(points());
        assertEquals(List.of(7L), routes.refreshes);
        assertEquals(List.of("a:upsert", "b:upsert"), copies.called);
        assertEquals(2, service.count("c", null));
    }

    @Test
    void aSecondNotLeaderIsUnavailableNotALoop() {
        copies.nodes.put("a", e -> notLeader(7, "b"));
        copies.nodes.put("b", e -> notLeader(8, "c"));
        Routes routes = new Routes(new ShardRoute(A, 6, List.of(A, B)), new ShardRoute(B, 7, List.of(A, B)));
        ReplicaSetShardHandle handle = new ReplicaSetShardHandle("c", 0, routes, copies);
        VJVectorException e = assertThrows(VJVectorException.class, () -> handle.upsert(points()));
        assertEquals(ErrorKind.UNAVAILABLE, e.kind());
        assertTrue(e.getMessage().contains("leadership is changing"), e.getMessage());
        assertEquals(1, routes.refreshes.size());
        assertEquals(0, service.count("c", null));
    }

    @Test
    void aShardWithoutALeaderRefusesWritesAfterOneRefresh() {
        Routes routes = new Routes(new ShardRoute(null, 3, List.of(A)), new ShardRoute(null, 3, List.of(A)));
        ReplicaSetShardHandle handle = new ReplicaSetShardHandle("c", 0, routes, copies);
        VJVectorException e = assertThrows(VJVectorException.class, () -> handle.upsert(points()));
        assertEquals(ErrorKind.UNAVAILABLE, e.kind());
        assertEquals(List.of(4L), routes.refreshes);
    }

    private ShardTransport notLeader(long epoch, String leader) {
        return (call, request) -> call.isRead() ? shard.handle(call, request)
                : ShardEndpoint.errorReply(new NotLeaderException("not the leader", epoch, leader));
    }
}
