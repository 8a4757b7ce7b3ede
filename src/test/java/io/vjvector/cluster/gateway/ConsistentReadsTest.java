package io.vjvector.cluster.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjvector.cluster.transport.NodeUnreachableException;
import io.vjvector.collection.CollectionParams;
import io.vjvector.collection.LocalCollectionService;
import io.vjvector.collection.PointRecord;
import io.vjvector.collection.PointStruct;
import io.vjvector.collection.ReadConsistency;
import io.vjvector.collection.WithPayload;
import io.vjvector.collection.wire.ShardEndpoint;
import io.vjvector.collection.wire.ShardTransport;
import io.vjvector.engine.index.Distance;
import io.vjvector.engine.kernels.VectorKernelsProvider;
import io.vjvector.engine.point.PointId;
import io.vjvector.engine.shard.VectorSelection;
import io.vjvector.error.ErrorKind;
import io.vjvector.error.VJVectorException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Reads with a {@code consistency} above one copy through a replica-set handle: copies are
 * separate in-process shards, one of them lagging behind the others by one point.
 */
class ConsistentReadsTest {

    private static final ShardCopy A = new ShardCopy("a", "http://a:6333");
    private static final ShardCopy B = new ShardCopy("b", "http://b:6333");
    private static final ShardCopy C = new ShardCopy("c", "http://c:6333");
    private static final List<PointId> IDS = List.of(PointId.of(1), PointId.of(2), PointId.of(3));

    private final Map<String, ShardTransport> nodes = new HashMap<>();
    private final List<String> called = new ArrayList<>();
    private final ExecutorService pool = Executors.newFixedThreadPool(3);
    private ReadConsistency consistency = ReadConsistency.DEFAULT;

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    /** A copy holding points 1 and 2, and 3 too when {@code upToDate}. */
    private static ShardTransport copy(boolean upToDate) {
        LocalCollectionService service = new LocalCollectionService(VectorKernelsProvider.fromSystemProperty());
        service.create("c", new CollectionParams(2, Distance.EUCLID, 1, 1, 1, 16, 100, 0));
        service.upsert("c", List.of(new PointStruct(PointId.of(1), new float[] {1, 0}, null),
                new PointStruct(PointId.of(2), new float[] {0, 1}, null)));
        if (upToDate) {
            service.upsert("c", List.of(new PointStruct(PointId.of(3), new float[] {1, 1}, null)));
        }
        return new ShardEndpoint(service.localShard("c", 0))::handle;
    }

    private static ShardTransport down(String node) {
        return (call, request) -> {
            throw new NodeUnreachableException(node, "connection refused", false, null);
        };
    }

    private ReplicaSetShardHandle handle(ShardRoute route) {
        CopyTransports copies = new CopyTransports() {
            @Override
            public ShardTransport transport(ShardCopy copy, String collection, int shardId, long epoch) {
                return (call, request) -> {
                    synchronized (called) {
                        called.add(copy.nodeId());
                    }
                    return nodes.get(copy.nodeId()).call(call, request);
                };
            }

            @Override
            public boolean available(ShardCopy copy) {
                return true;
            }

            @Override
            public int inFlight(ShardCopy copy) {
                return 0;
            }
        };
        ShardRoutes routes = new ShardRoutes() {
            @Override
            public ShardRoute route(String collection, int shardId) {
                return route;
            }

            @Override
            public ShardRoute refresh(String collection, int shardId, long minEpoch) {
                return route;
            }
        };
        return new ReplicaSetShardHandle("c", 0, routes, copies, () -> consistency, pool);
    }

    private List<PointId> retrieved(ReplicaSetShardHandle handle) {
        return handle.retrieve(IDS, WithPayload.ALL, VectorSelection.ALL).stream().map(PointRecord::id).toList();
    }

    @Test
    void theDefaultAsksOneCopy() {
        nodes.put("a", copy(true));
        nodes.put("b", copy(false));
        ReplicaSetShardHandle handle = handle(new ShardRoute(A, 1, List.of(A, B)));
        assertEquals(2, handle.count(null), "a follower answers first");
        assertEquals(List.of("b"), called);
    }

    @Test
    void allLeavesOutAPointOneCopyLacks() {
        nodes.put("a", copy(true));
        nodes.put("b", copy(false));
        ReplicaSetShardHandle handle = handle(new ShardRoute(A, 1, List.of(A, B)));
        consistency = ReadConsistency.parse("all");
        assertEquals(List.of(PointId.of(1), PointId.of(2)), retrieved(handle));
        assertEquals(2, handle.count(null));
        assertEquals(2, called.stream().distinct().count());
    }

    @Test
    void majorityKeepsAPointMostCopiesHold() {
        nodes.put("a", copy(true));
        nodes.put("b", copy(true));
        nodes.put("c", copy(false));
        ReplicaSetShardHandle handle = handle(new ShardRoute(A, 1, List.of(A, B, C)));
        consistency = ReadConsistency.parse("majority");
        assertEquals(IDS, retrieved(handle));
        assertEquals(3, handle.count(null));
    }

    @Test
    void aNumberAboveTheCopiesReadsEveryCopy() {
        nodes.put("a", copy(true));
        nodes.put("b", copy(true));
        consistency = ReadConsistency.parse("3");
        assertEquals(IDS, retrieved(handle(new ShardRoute(A, 1, List.of(A, B)))));
        assertEquals(2, called.size());
    }

    @Test
    void fewerInSyncCopiesThanAskedForIsUnavailable() {
        nodes.put("a", copy(true));
        consistency = ReadConsistency.parse("all");
        VJVectorException e = assertThrows(VJVectorException.class,
                () -> handle(new ShardRoute(A, 1, List.of(A), 2)).count(null));
        assertEquals(ErrorKind.UNAVAILABLE, e.kind());
        assertTrue(e.getMessage().contains("needs answers from 2 of its 2 copies, but only 1"), e.getMessage());
        assertTrue(called.isEmpty());
    }

    @Test
    void aCopyThatCannotAnswerPassesItsPlaceToASpareOne() {
        nodes.put("a", copy(true));
        nodes.put("b", down("b"));
        nodes.put("c", copy(true));
        consistency = ReadConsistency.parse("quorum");
        assertEquals(3, handle(new ShardRoute(A, 1, List.of(A, B, C))).count(null));
        assertEquals(3, called.size());
    }

    @Test
    void tooFewAnswersIsUnavailableSayingHowManyAnswered() {
        nodes.put("a", copy(true));
        nodes.put("b", down("b"));
        consistency = ReadConsistency.parse("all");
        VJVectorException e = assertThrows(VJVectorException.class,
                () -> handle(new ShardRoute(A, 1, List.of(A, B))).count(null));
        assertEquals(ErrorKind.UNAVAILABLE, e.kind());
        assertTrue(e.getMessage().contains("1 of the 2 asked answered"), e.getMessage());
    }
}
