package io.vjvector.cluster.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vjvector.api.error.ErrorStatus;
import io.vjvector.cluster.ClusterSecretProfile;
import io.vjvector.cluster.transport.CallSettings;
import io.vjvector.cluster.transport.ClusterCredential;
import io.vjvector.cluster.transport.NodeClients;
import io.vjvector.cluster.transport.ShardLeadership;
import io.vjvector.collection.Catalog;
import io.vjvector.collection.CollectionParams;
import io.vjvector.collection.CollectionService;
import io.vjvector.collection.PointRecord;
import io.vjvector.collection.PointSelector;
import io.vjvector.collection.PointStruct;
import io.vjvector.collection.RecommendRequest;
import io.vjvector.collection.ScoredPoint;
import io.vjvector.collection.ScrollRequest;
import io.vjvector.collection.ScrollResult;
import io.vjvector.collection.SearchOptions;
import io.vjvector.collection.WithPayload;
import io.vjvector.collection.wire.ShardMessages;
import io.vjvector.engine.filter.Filter;
import io.vjvector.engine.filter.PayloadSchemaType;
import io.vjvector.engine.index.Distance;
import io.vjvector.engine.point.PointId;
import io.vjvector.error.ErrorKind;
import io.vjvector.error.NotLeaderException;
import io.vjvector.error.VJVectorException;
import io.vjvector.tenant.AllTenants;
import jakarta.inject.Inject;
import java.net.ServerSocket;
import java.net.URL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A gateway whose shard table points every copy at this application's own internal endpoint,
 * reached over real loopback HTTP with the cluster credential: its answers must equal the local
 * service's on the same shards. Also: the endpoint's credential check, a copy with nothing
 * listening, and a leader that says it is not one.
 */
@QuarkusTest
@TestProfile(ClusterSecretProfile.class)
@Tag("cluster")
class GatewayOverHttpTest {

    private static final int DIM = 8;
    private static final int POINTS = 400;
    private static final String[] COLORS = {"red", "green", "blue"};

    /** Every tenant's view: the test calls it outside any request, with no authenticated caller. */
    @Inject
    @AllTenants
    CollectionService local;

    @TestHTTPResource("/")
    URL self;

    private final ExecutorService fanOut = Executors.newFixedThreadPool(4);
    /** One per process, as a gateway has (its guards, per node, outlive a test). */
    private static final NodeClients clients = new NodeClients(
            new ClusterCredential(ClusterSecretProfile.SECRET, Duration.ofSeconds(30), Clock.systemUTC()),
            new CallSettings(Duration.ofSeconds(5), 1, Duration.ofMillis(10), 16, 20, 0.5, Duration.ofSeconds(5), 2));

    @AfterEach
    void stop() {
        fanOut.shutdownNow();
    }

    /** One collection with 3 shards on this node, filled with seeded random points. */
    private String collection(String prefix, long seed) {
        String name = prefix + "_" + Long.toHexString(seed);
        local.create(name, new CollectionParams(DIM, Distance.COSINE, 3, 1, 1, 16, 100, 0));
        local.upsert(name, points(POINTS, 0, new Random(seed)));
        return name;
    }

    private static List<PointStruct> points(int n, int firstId, Random rnd) {
        List<PointStruct> points = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ObjectNode payload = JsonNodeFactory.instance.objectNode()
                    .put("color", COLORS[rnd.nextInt(COLORS.length)]).put("n", firstId + i);
            points.add(new PointStruct(PointId.of(firstId + i), vector(rnd), payload));
        }
        return points;
    }

    private static float[] vector(Random rnd) {
        float[] v = new float[DIM];
        for (int i = 0; i < DIM; i++) {
            v[i] = (float) rnd.nextGaussian();
        }
        return v;
    }

    private String selfUrl() {
        String s = self.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /** A gateway whose catalog is the local service's and whose routes are {@code routes}. */
    private GatewayCollectionService gateway(String name, ShardRoutes routes) {
        return new GatewayCollectionService(new OneCollection(name, local.params(name)), routes,
                CopyTransports.http(clients), fanOut);
    }

    /** Every shard led by this node under epoch 1, with no other copy. */
    private ShardRoutes toSelf() {
        ShardRoute route = ShardRoute.single(new ShardCopy("self", selfUrl()), 1);
        return fixed((c, s) -> route);
    }

    private static ShardRoutes fixed(BiFunction<String, Integer, ShardRoute> table) {
        return new ShardRoutes() {
            @Override
            public ShardRoute route(String collection, int shardId) {
                return table.apply(collection, shardId);
            }

            @Override
            public ShardRoute refresh(String collection, int shardId, long minEpoch) {
                return table.apply(collection, shardId);
            }
        };
    }

    private static Filter red() {
        return Filter.parse(JsonNodeFactory.instance.objectNode().set("must", JsonNodeFactory.instance.objectNode()
                .put("key", "color").set("match", JsonNodeFactory.instance.objectNode().put("value", "red"))));
    }

    private static SearchOptions options(Filter filter, int limit, int offset, boolean exact) {
        return new SearchOptions(filter, limit, offset, null, null, exact, WithPayload.ALL, false);
    }

    private static void assertSameHits(List<ScoredPoint> expected, List<ScoredPoint> actual, String where) {
        assertEquals(expected.stream().map(ScoredPoint::id).toList(), actual.stream().map(ScoredPoint::id).toList(), where);
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).score(), actual.get(i).score(), where);
            assertEquals(expected.get(i).payload(), actual.get(i).payload(), where);
        }
    }

    private static List<PointId> ids(List<PointRecord> records) {
        return records.stream().map(PointRecord::id).toList();
    }

    @Test
    void searchesScrollsCountsAndRecommendationsThroughTheGatewayEqualTheLocalAnswers() {
        long seed = Long.getLong("vjvector.gateway.seed", System.nanoTime());
        System.out.println("GatewayOverHttpTest seed=" + seed + " (-Dvjvector.gateway.seed=" + seed + " replays it)");
        String name = collection("gw_read", seed);
        GatewayCollectionService gateway = gateway(name, toSelf());
        Random rnd = new Random(seed + 1);

        assertEquals(local.count(name, null), gateway.count(name, null));
        assertEquals(local.count(name, red()), gateway.count(name, red()));
        assertEquals(POINTS, gateway.info(name).pointsCount());
        for (int q = 0; q < 10; q++) {
            float[] v = vector(rnd);
            Filter f = q % 2 == 0 ? null : red();
            for (boolean exact : new boolean[] {true, false}) {
                String where = "seed=" + seed + " query " + q + " exact=" + exact;
                assertSameHits(local.search(name, options(f, 10, q % 3, exact).search(v)),
                        gateway.search(name, options(f, 10, q % 3, exact).search(v)), where);
            }
            RecommendRequest r = new RecommendRequest(List.of(PointId.of(q), PointId.of(q + 50)), List.of(),
                    List.of(PointId.of(q + 100)), List.of(), options(f, 7, 0, true));
            assertSameHits(local.recommend(name, r), gateway.recommend(name, r), "recommend " + q);
        }
        PointId offset = null;
        int pages = 0;
        do {
            ScrollRequest s = new ScrollRequest(red(), 37, offset, WithPayload.ALL, true);
            ScrollResult expected = local.scroll(name, s);
            ScrollResult actual = gateway.scroll(name, s);
            assertEquals(ids(expected.points()), ids(actual.points()));
            assertEquals(expected.nextPageOffset(), actual.nextPageOffset());
            for (int i = 0; i < expected.points().size(); i++) {
                assertEquals(expected.points().get(i).payload(), actual.points().get(i).payload());
                assertTrue(java.util.Arrays.equals(expected.points().get(i).vector(), actual.points().get(i).vector()));
            }
            offset = actual.nextPageOffset();
            pages++;
        } while (offset != null);
        assertTrue(pages > 1, "scrolled " + pages + " pages");
        List<PointId> asked = List.of(PointId.of(3), PointId.of(999_999), PointId.of(1));
        assertEquals(ids(local.retrieve(name, asked, WithPayload.ALL, false)),
                ids(gateway.retrieve(name, asked, WithPayload.ALL, false)));
    }

    @Test
    void writesThroughTheGatewayReachTheShardLeaders() {
        long seed = Long.getLong("vjvector.gateway.seed", System.nanoTime());
        System.out.println("GatewayOverHttpTest seed=" + seed);
        String name = collection("gw_write", seed);
        GatewayCollectionService gateway = gateway(name, toSelf());

        gateway.upsert(name, points(50, POINTS, new Random(seed + 2)));
        assertEquals(POINTS + 50, local.count(name, null));
        gateway.deletePoints(name, PointSelector.ids(List.of(PointId.of(0), PointId.of(POINTS))));
        assertEquals(POINTS + 48, local.count(name, null));
        gateway.setPayload(name, JsonNodeFactory.instance.objectNode().put("tag", "x"),
                PointSelector.ids(List.of(PointId.of(5))), null);
        assertEquals("x", local.retrieve(name, List.of(PointId.of(5)), WithPayload.ALL, false).get(0)
                .payload().get("tag").asText());
        gateway.createFieldIndex(name, "color", PayloadSchemaType.KEYWORD);
        assertEquals(local.facet(name, "color", null, 10), gateway.facet(name, "color", null, 10));

        // Schema changes are checked at the gateway as a standalone node checks them, before the catalog sees them.
        VJVectorException refused = assertThrows(VJVectorException.class, () -> gateway.deleteVector(name, ""));
        assertEquals(400, ErrorStatus.httpStatus(refused.kind()));
        assertTrue(refused.getMessage().contains("at least one vector"), refused.getMessage());
    }

    @Test
    void theInternalEndpointTakesOnlyAValidCurrentClusterCredential() {
        String name = collection("gw_auth", 1);
        String path = "/internal/v1/collections/" + name + "/shards/0/count";
        byte[] body = ShardMessages.bytes(JsonNodeFactory.instance.objectNode().putNull("filter"));
        ClusterCredential right = new ClusterCredential(ClusterSecretProfile.SECRET, Duration.ofSeconds(30), Clock.systemUTC());
        ClusterCredential wrong = new ClusterCredential("not-the-secret", Duration.ofSeconds(30), Clock.systemUTC());
        ClusterCredential past = new ClusterCredential(ClusterSecretProfile.SECRET, Duration.ofSeconds(30),
                Clock.fixed(Instant.now().minusSeconds(300), ZoneOffset.UTC));

        given().contentType("application/octet-stream").body(body).post(path)
                .then().statusCode(401).body("status.error", containsString("cluster credential"));
        given().contentType("application/octet-stream").header(ClusterCredential.HEADER, wrong.sign("POST", path))
                .body(body).post(path).then().statusCode(401).body("status.error", containsString("not valid"));
        given().contentType("application/octet-stream").header(ClusterCredential.HEADER, past.sign("POST", path))
                .body(body).post(path).then().statusCode(401).body("status.error", containsString("expired"));
        // A user's admin key is no cluster credential.
        given().contentType("application/octet-stream").header("api-key", ClusterSecretProfile.ADMIN_KEY)
                .body(body).post(path).then().statusCode(401);
        // The right signature needs no user credential.
        String reply = given().contentType("application/octet-stream").header(ClusterCredential.HEADER, right.sign("POST", path))
                .body(body).post(path).then().statusCode(200).extract().asString();
        assertTrue(reply.startsWith("{\"ok\":"), reply);
        // ...and user endpoints still need one.
        given().get("/collections").then().statusCode(401);
        // Not user API: the OpenAPI document does not list it.
        given().header("api-key", ClusterSecretProfile.ADMIN_KEY).queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200).body(not(containsString("/internal/")));
    }

    @Test
    void readsFallThroughToALiveCopyAndWritesToADeadLeaderAre503() throws Exception {
        String name = collection("gw_down", 2);
        ShardCopy dead = new ShardCopy("dead", "http://127.0.0.1:" + freePort());
        ShardCopy live = new ShardCopy("self", selfUrl());
        // The dead copy is a follower: reads try it first and go on to the live leader.
        GatewayCollectionService reads = gateway(name, fixed((c, s) -> new ShardRoute(live, 1, List.of(dead, live))));
        assertEquals(POINTS, reads.count(name, null));
        float[] v = vector(new Random(3));
        assertSameHits(local.search(name, options(null, 5, 0, true).search(v)),
                reads.search(name, options(null, 5, 0, true).search(v)), "search past a dead copy");

        GatewayCollectionService writes = gateway(name, fixed((c, s) -> new ShardRoute(dead, 1, List.of(dead, live))));
        VJVectorException e = assertThrows(VJVectorException.class,
                () -> writes.upsert(name, points(3, POINTS, new Random(4))));
        assertEquals(ErrorKind.UNAVAILABLE, e.kind());
        assertEquals(503, ErrorStatus.httpStatus(e.kind()));
        assertTrue(e.getMessage().contains("dead") && e.getMessage().contains("not applied"), e.getMessage());
        assertEquals(POINTS, local.count(name, null));
    }

    @Test
    void notLeaderFromTheNodeMakesTheGatewayReRouteOnce() {
        String name = collection("gw_leader", 5);
        // This node leads under epoch 7: writes routed under an older epoch are refused.
        QuarkusMock.installMockForType((ShardLeadership) (c, s, callerEpoch) -> {
            if (callerEpoch < 7) {
                throw new NotLeaderException("this copy leads under epoch 7, not " + callerEpoch, 7, "self-b");
            }
        }, ShardLeadership.class);
        AtomicInteger refreshes = new AtomicInteger();
        ShardRoute stale = ShardRoute.single(new ShardCopy("self-a", selfUrl()), 6);
        ShardRoute fresh = ShardRoute.single(new ShardCopy("self-b", selfUrl()), 7);
        ShardRoutes routes = new ShardRoutes() {
            volatile ShardRoute current = stale;

            @Override
            public ShardRoute route(String collection, int shardId) {
                return current;
            }

            @Override
            public ShardRoute refresh(String collection, int shardId, long minEpoch) {
                assertEquals(7, minEpoch);
                refreshes.incrementAndGet();
                current = fresh;
                return current;
            }
        };
        GatewayCollectionService gateway = gateway(name, routes);
        gateway.upsert(name, List.of(points(1, POINTS, new Random(6)).get(0)));
        assertEquals(1, refreshes.get());
        assertEquals(POINTS + 1, local.count(name, null));
        // Reads are not a leader's business: any in-sync copy answers them, whatever its epoch.
        assertEquals(POINTS + 1, gateway(name, fixed((c, s) -> stale)).count(name, null));
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A catalog of one collection, as the control plane's would list it. */
    private record OneCollection(String name, CollectionParams params) implements Catalog {
        @Override
        public List<Entry> entries() {
            return List.of(new Entry(name, name, params));
        }

        @Override
        public Map<String, String> aliases() {
            return Map.of();
        }

        @Override
        public Entry newEntry(String name, CollectionParams params) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void put(Entry entry) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void remove(String name, Map<String, String> nextAliases) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void putAliases(Map<String, String> next) {
            throw new UnsupportedOperationException();
        }
    }
}
