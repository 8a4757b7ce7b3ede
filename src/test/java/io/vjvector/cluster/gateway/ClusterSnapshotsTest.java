package io.vjvector.cluster.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vjvector.collection.CollectionParams;
import io.vjvector.collection.LocalCollectionService;
import io.vjvector.collection.PointRecord;
import io.vjvector.collection.PointStruct;
import io.vjvector.collection.ScrollRequest;
import io.vjvector.collection.WithPayload;
import io.vjvector.collection.snapshot.CollectionSnapshots;
import io.vjvector.collection.snapshot.SnapshotLocations;
import io.vjvector.collection.snapshot.SnapshotStore;
import io.vjvector.engine.filter.PayloadSchemaType;
import io.vjvector.engine.index.Distance;
import io.vjvector.engine.kernels.VectorKernels;
import io.vjvector.engine.kernels.VectorKernelsProvider;
import io.vjvector.engine.point.PointId;
import io.vjvector.engine.storage.EncryptionKeys;
import io.vjvector.engine.storage.Sealer;
import io.vjvector.error.ErrorKind;
import io.vjvector.error.VJVectorException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ClusterSnapshots} against an in-memory collection service standing in for a cluster's
 * (the real one is exercised by ClusterSnapshotsIT): snapshot files move between a one-shard
 * standalone collection and a three-shard one with every point, vector, payload and payload index.
 * Prints its seed; {@code -Dvjvector.snapshot.seed=N} replays one.
 */
@Tag("cluster")
class ClusterSnapshotsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final VectorKernels kernels = VectorKernelsProvider.fromSystemProperty();
    private final LocalCollectionService standalone = new LocalCollectionService(kernels);
    private final LocalCollectionService cluster = new LocalCollectionService(kernels);
    private final long seed = Long.getLong("vjvector.snapshot.seed", System.nanoTime());

    private SnapshotStore store() {
        return new SnapshotStore(dir.resolve("snapshots"));
    }

    private CollectionSnapshots standaloneSnapshots() {
        SnapshotStore store = store();
        return new CollectionSnapshots(standalone, store, new SnapshotLocations(store, List.of()),
                new Sealer(EncryptionKeys.none()), JSON, Clock.systemUTC());
    }

    private ClusterSnapshots clusterSnapshots() {
        SnapshotStore store = store();
        return new ClusterSnapshots(cluster, kernels, store, new SnapshotLocations(store, List.of()),
                new Sealer(EncryptionKeys.none()), JSON, Clock.systemUTC());
    }

    private static CollectionParams params(int shards, int replication) {
        return new CollectionParams(4, Distance.COSINE, shards, replication, 1, 16, 100, 10_000);
    }

    private void fill(LocalCollectionService service, String name, int shards, int points) {
        System.out.println("ClusterSnapshotsTest seed=" + seed);
        Random random = new Random(seed);
        service.create(name, params(shards, 1));
        List<PointStruct> batch = new ArrayList<>();
        for (int i = 0; i < points; i++) {
            PointId id = i % 4 == 0 ? PointId.of(new UUID(seed, i)) : PointId.of(i);
            batch.add(new PointStruct(id, new float[] {random.nextFloat(), random.nextFloat(), random.nextFloat(), 1},
                    JSON.createObjectNode().put("n", i)));
        }
        service.upsert(name, batch);
        service.createFieldIndex(name, "n", PayloadSchemaType.INTEGER);
    }

    private static List<PointRecord> all(LocalCollectionService service, String name) {
        return service.scroll(name, new ScrollRequest(null, 100_000, null, WithPayload.ALL, true)).points();
    }

    /**
     * Vectors within 1e-6: writing points through a collection service normalises Cosine vectors
     * again (as any upsert does), which can move the last bit; a checkpoint restore keeps them exact.
     */
    private static void assertSamePoints(List<PointRecord> expected, List<PointRecord> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).id(), actual.get(i).id());
            assertEquals(expected.get(i).payload(), actual.get(i).payload());
            assertArrayEquals(expected.get(i).vector(), actual.get(i).vector(), 1e-6f);
        }
    }

    @Test
    void aStandaloneSnapshotFillsAnEmptyClusterCollectionKeepingItsShardCount() {
        fill(standalone, "docs", 1, 1_100);
        String name = standaloneSnapshots().create("docs").name();
        cluster.create("docs", params(3, 2));

        clusterSnapshots().recover("docs", name, null, null);

        assertEquals(3, cluster.params("docs").shardNumber());
        assertEquals(2, cluster.params("docs").replicationFactor());
        assertSamePoints(all(standalone, "docs"), all(cluster, "docs"));
        assertEquals(PayloadSchemaType.INTEGER, cluster.info("docs").payloadSchema().get("n").type());
    }

    @Test
    void anAbsentClusterCollectionIsCreatedWithTheSnapshotsSettings() {
        fill(standalone, "docs", 2, 300);
        String name = standaloneSnapshots().create("docs").name();

        clusterSnapshots().recover("copy", "docs/" + name, null, null);

        assertEquals(standalone.params("docs"), cluster.params("copy"));
        assertSamePoints(all(standalone, "docs"), all(cluster, "copy"));
    }

    @Test
    void aClusterSnapshotRestoresOnAStandaloneNodeWithTheClustersShardCount() {
        fill(cluster, "docs", 3, 1_100);
        String name = clusterSnapshots().create("docs").name();

        standaloneSnapshots().recover("back", "docs/" + name, null, null);

        assertEquals(3, standalone.params("back").shardNumber());
        assertSamePoints(all(cluster, "docs"), all(standalone, "back"));
        assertEquals(PayloadSchemaType.INTEGER, standalone.info("back").payloadSchema().get("n").type());
        assertEquals(List.of(name), clusterSnapshots().list("docs").stream().map(d -> d.name()).toList());
    }

    @Test
    void aClusterCollectionHoldingPointsOrOtherVectorsIsNotOverwritten() {
        fill(standalone, "docs", 1, 50);
        String name = standaloneSnapshots().create("docs").name();
        fill(cluster, "docs", 3, 10);
        VJVectorException held = assertThrows(VJVectorException.class,
                () -> clusterSnapshots().recover("docs", name, null, null));
        assertEquals(ErrorKind.CONFLICT, held.kind());
        assertEquals(10, cluster.count("docs", null));

        cluster.create("other", new CollectionParams(8, Distance.COSINE, 3, 1, 1, 16, 100, 10_000));
        VJVectorException vectors = assertThrows(VJVectorException.class,
                () -> clusterSnapshots().recover("other", "docs/" + name, null, null));
        assertEquals(ErrorKind.BAD_REQUEST, vectors.kind());
    }

    @Test
    void unknownCollectionsAndSnapshotsAreNotFound() {
        assertEquals(ErrorKind.NOT_FOUND, assertThrows(VJVectorException.class,
                () -> clusterSnapshots().list("none")).kind());
        assertEquals(ErrorKind.NOT_FOUND, assertThrows(VJVectorException.class,
                () -> clusterSnapshots().create("none")).kind());
        cluster.create("docs", params(3, 1));
        assertEquals(List.of(), clusterSnapshots().list("docs"));
        assertEquals(ErrorKind.NOT_FOUND, assertThrows(VJVectorException.class,
                () -> clusterSnapshots().file("docs", "none.snapshot")).kind());
    }
}
