package io.vjvector.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vjvector.collection.snapshot.Snapshots;
import io.vjvector.tenant.AllTenants;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SnapshotsResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DIM = 24;

    @Inject
    @AllTenants
    Snapshots snapshots;

    @TestHTTPResource("/")
    URL base;

    /** One search hit as the client sees it. */
    record Hit(String id, float score) {
    }

    /**
     * A collection searched through a deliberately coarse HNSW graph (m=4, narrow beams, no exact
     * fallback by size), so that search results depend on the graph's exact shape: a restore that
     * rebuilt the graph would answer differently.
     */
    private static String coarseHnswCollection(String base, int shards) {
        String name = Qdrant.uniqueName(base);
        Qdrant.json("{\"vectors\": {\"size\": " + DIM + ", \"distance\": \"Cosine\"}, \"shard_number\": " + shards
                        + ", \"hnsw_config\": {\"m\": 4, \"ef_construct\": 8, \"full_scan_threshold\": 0}}")
                .put("/collections/" + name).then().statusCode(200);
        return name;
    }

    private static ObjectNode point(Object id, float[] vector, ObjectNode payload) {
        ObjectNode p = JSON.createObjectNode();
        if (id instanceof Long l) {
            p.put("id", l);
        } else {
            p.put("id", id.toString());
        }
        ArrayNode v = p.putArray("vector");
        for (float f : vector) {
            v.add(f);
        }
        p.set("payload", payload);
        return p;
    }

    private static float[] randomVector(Random random, int dim) {
        float[] v = new float[dim];
        for (int i = 0; i < dim; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    private static void upsertRandom(String collection, long seed, int count) {
        Random random = new Random(seed);
        for (int start = 0; start < count; start += 500) {
            ObjectNode body = JSON.createObjectNode();
            ArrayNode points = body.putArray("points");
            for (int i = start; i < Math.min(count, start + 500); i++) {
                ObjectNode payload = JSON.createObjectNode().put("n", i).put("tag", "t" + (i % 5));
                payload.putObject("nested").put("x", i * 0.5).putArray("list").add(i).add("s" + i);
                Object id = i % 7 == 0 ? new java.util.UUID(seed, i) : (Object) (long) i;
                points.add(point(id, randomVector(random, DIM), payload));
            }
            Qdrant.upsert(collection, body.toString());
        }
    }

    private static List<List<Hit>> searches(String collection, long seed) {
        Random random = new Random(seed);
        List<List<Hit>> all = new ArrayList<>();
        for (int q = 0; q < 25; q++) {
            ObjectNode body = JSON.createObjectNode();
            float[] v = randomVector(random, DIM);
            ArrayNode vector = body.putArray("vector");
            for (float f : v) {
                vector.add(f);
            }
            body.put("limit", 10);
            body.putObject("params").put("hnsw_ef", 4);
            if (q % 5 == 4) {
                body.set("filter", JSON.createObjectNode().set("must", JSON.createArrayNode().add(
                        JSON.createObjectNode().put("key", "tag").set("match", JSON.createObjectNode().put("value", "t1")))));
            }
            List<Hit> hits = new ArrayList<>();
            for (JsonNode h : read(Qdrant.json(body.toString()).post("/collections/" + collection + "/points/search")
                    .then().statusCode(200).extract().asString()).get("result")) {
                hits.add(new Hit(h.get("id").asText(), h.get("score").floatValue()));
            }
            all.add(hits);
        }
        return all;
    }

    /** Same ids with the same scores in the same order, query by query. */
    private static void assertSameResults(List<List<Hit>> expected, List<List<Hit>> actual, String what) {
        assertEquals(expected.size(), actual.size(), what);
        for (int q = 0; q < expected.size(); q++) {
            assertEquals(expected.get(q), actual.get(q), what + ": query " + q);
        }
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static String createSnapshot(String collection) {
        return given().post("/collections/" + collection + "/snapshots")
                .then().statusCode(200).body("status", equalTo("ok"))
                .extract().path("result.name");
    }

    private static byte[] download(String collection, String snapshot) {
        return given().get("/collections/" + collection + "/snapshots/" + snapshot)
                .then().statusCode(200).contentType("application/octet-stream")
                .extract().asByteArray();
    }

    private static Response upload(String collection, byte[] file, String query) {
        return given().multiPart("snapshot", "upload.snapshot", file, "application/octet-stream")
                .post("/collections/" + collection + "/snapshots/upload" + query);
    }

    private static void recover(String collection, String location) {
        Qdrant.json("{\"location\": \"" + location + "\", \"priority\": \"snapshot\"}")
                .put("/collections/" + collection + "/snapshots/recover")
                .then().statusCode(200).body("result", equalTo(true));
    }

    private Path snapshotsDir() {
        return snapshots.directory();
    }

    @Test
    void snapshotCycleRestoresIdenticalHnswSearchResults() throws Exception {
        String c = coarseHnswCollection("snap_cycle", 2);
        upsertRandom(c, 11, 2500);
        Qdrant.json("{\"field_name\": \"tag\", \"field_schema\": \"keyword\"}").put("/collections/" + c + "/index?wait=true")
                .then().statusCode(200);
        List<List<Hit>> before = searches(c, 99);

        Response created = given().post("/collections/" + c + "/snapshots?wait=true");
        created.then().statusCode(200)
                .body("result.name", matchesPattern(java.util.regex.Pattern.quote(c) + "-[0-9-]+\\.snapshot"))
                .body("result.creation_time", matchesPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d"))
                .body("result.checksum", matchesPattern("[0-9a-f]{64}"));
        String name = created.path("result.name");
        String checksum = created.path("result.checksum");
        long size = ((Number) created.path("result.size")).longValue();
        given().get("/collections/" + c + "/snapshots").then().statusCode(200)
                .body("result.name", hasItem(name)).body("result.checksum", hasItem(checksum));

        byte[] file = download(c, name);
        assertEquals(size, file.length);
        assertEquals(checksum, sha256(file));

        given().delete("/collections/" + c).then().statusCode(200);
        recover(c, name);
        assertSameResults(before, searches(c, 99), "restored from the snapshot name");
        given().get("/collections/" + c).then().statusCode(200)
                .body("result.points_count", equalTo(2500))
                .body("result.payload_schema", hasKey("tag"));

        String copy = Qdrant.uniqueName("snap_cycle_file");
        recover(copy, snapshotsDir().resolve(c).resolve(name).toUri().toString());
        assertSameResults(before, searches(copy, 99), "restored from a file:// URL");

        String uploaded = Qdrant.uniqueName("snap_cycle_upload");
        upload(uploaded, file, "?wait=true&priority=snapshot&checksum=" + checksum)
                .then().statusCode(200).body("result", equalTo(true));
        assertSameResults(before, searches(uploaded, 99), "restored from an upload");

        given().delete("/collections/" + c + "/snapshots/" + name).then().statusCode(200).body("result", equalTo(true));
        given().get("/collections/" + c + "/snapshots").then().statusCode(200).body("result.name", org.hamcrest.Matchers.not(hasItem(name)));
        given().get("/collections/" + c + "/snapshots/" + name).then().statusCode(404);
    }

    @Test
    void recoverReplacesAnExistingCollectionWhole() {
        String c = coarseHnswCollection("snap_replace", 1);
        upsertRandom(c, 5, 300);
        String name = createSnapshot(c);
        upsertRandom(c, 6, 900);
        Qdrant.json("{\"points\": [1, 2, 3]}").post("/collections/" + c + "/points/delete?wait=true").then().statusCode(200);
        recover(c, name);
        assertEquals(300, Qdrant.count(c));
        given().get("/collections/" + c + "/points/1").then().statusCode(200).body("result.payload.n", equalTo(1));
    }

    /**
     * A writer keeps upserting numbered batches while the snapshot is taken. The restored
     * collection must hold exactly batches 0..k-1 for some k: every batch acknowledged before the
     * snapshot started, no batch in part, no gap, and every point exactly as written.
     */
    @Test
    void snapshotTakenWhileWritingHoldsACompletePrefixOfTheWrites() throws Exception {
        long seed = System.nanoTime();
        System.out.println("snapshotTakenWhileWritingHoldsACompletePrefixOfTheWrites seed=" + seed);
        String c = Qdrant.uniqueName("snap_concurrent");
        Qdrant.json("{\"vectors\": {\"size\": 8, \"distance\": \"Euclid\"}, \"shard_number\": 3}")
                .put("/collections/" + c).then().statusCode(200);
        int batchSize = 25;
        AtomicInteger acknowledged = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        HttpClient http = HttpClient.newHttpClient();
        URI upsert = base.toURI().resolve("/collections/" + c + "/points?wait=true");
        Thread writer = new Thread(() -> {
            try {
                for (int b = 0; !stop.get() && b < 100_000; b++) {
                    ArrayNode points = JSON.createArrayNode();
                    for (int i = 0; i < batchSize; i++) {
                        long id = (long) b * batchSize + i;
                        points.add(point(id, vectorOf(seed, id), JSON.createObjectNode().put("batch", b).put("id", id)));
                    }
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(upsert)
                            .header("Content-Type", "application/json")
                            .PUT(HttpRequest.BodyPublishers.ofString("{\"points\": " + points + "}")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 200) {
                        throw new AssertionError("upsert answered " + r.statusCode() + ": " + r.body());
                    }
                    acknowledged.set(b + 1);
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "snapshot-test-writer");
        writer.start();
        String name;
        int ackedBefore;
        try {
            waitFor(() -> acknowledged.get() >= 20 || failure.get() != null);
            ackedBefore = acknowledged.get();
            name = createSnapshot(c);
            int ackedAfter = acknowledged.get();
            waitFor(() -> acknowledged.get() >= ackedAfter + 5 || failure.get() != null);
        } finally {
            stop.set(true);
            writer.join(30_000);
        }
        if (failure.get() != null) {
            throw new AssertionError("writer failed", failure.get());
        }
        String restored = Qdrant.uniqueName("snap_concurrent_restored");
        recover(restored, c + "/" + name);

        TreeMap<Integer, Integer> perBatch = new TreeMap<>();
        JsonNode points = read(Qdrant.json("{\"limit\": 10000, \"with_payload\": true, \"with_vector\": true}")
                .post("/collections/" + restored + "/points/scroll").then().statusCode(200).extract().asString())
                .get("result").get("points");
        for (JsonNode p : points) {
            long id = p.get("id").asLong();
            int batch = (int) (id / batchSize);
            assertEquals(batch, p.get("payload").get("batch").asInt(), "payload of " + id);
            assertEquals(id, p.get("payload").get("id").asLong(), "payload of " + id);
            float[] vector = new float[8];
            for (int i = 0; i < 8; i++) {
                vector[i] = p.get("vector").get(i).floatValue();
            }
            assertArrayEquals(vectorOf(seed, id), vector, "vector of " + id);
            perBatch.merge(batch, 1, Integer::sum);
        }
        int k = perBatch.size();
        assertTrue(k >= ackedBefore, "batches acknowledged before the snapshot: " + ackedBefore + ", restored: " + k);
        assertEquals(k == 0 ? -1 : k - 1, perBatch.isEmpty() ? -1 : perBatch.lastKey(), "restored batches have a gap");
        perBatch.forEach((batch, n) -> assertEquals(batchSize, n, "batch " + batch + " restored in part"));
    }

    private static float[] vectorOf(long seed, long id) {
        Random r = new Random(seed * 31 + id);
        float[] v = new float[8];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextFloat() * 2 - 1;
        }
        return v;
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out");
            }
            Thread.sleep(5);
        }
    }

    @Test
    void damagedTruncatedOrForeignFilesAnswer400AndChangeNothing() throws Exception {
        String source = coarseHnswCollection("snap_source", 2);
        upsertRandom(source, 21, 400);
        byte[] good = download(source, createSnapshot(source));

        String target = coarseHnswCollection("snap_target", 1);
        upsertRandom(target, 22, 120);
        List<List<Hit>> targetBefore = searches(target, 5);

        Random random = new Random(42);
        List<byte[]> damaged = new ArrayList<>();
        for (int at : new int[] {0, 9, 40, good.length / 3, good.length / 2, good.length - 5, good.length - 1}) {
            byte[] flipped = good.clone();
            flipped[at] ^= (byte) (1 << random.nextInt(8));
            damaged.add(flipped);
        }
        damaged.add(Arrays.copyOf(good, good.length / 2));
        damaged.add(Arrays.copyOf(good, good.length - 1));
        damaged.add(Arrays.copyOf(good, 12));
        damaged.add(new byte[0]);
        byte[] noise = new byte[4096];
        random.nextBytes(noise);
        damaged.add(noise);
        damaged.add("{\"not\": \"a snapshot\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        byte[] appended = Arrays.copyOf(good, good.length + 3);
        damaged.add(appended);

        String absent = Qdrant.uniqueName("snap_never_created");
        for (int i = 0; i < damaged.size(); i++) {
            upload(target, damaged.get(i), "").then().statusCode(400)
                    .body("status.error", containsString("snapshot"));
            upload(absent, damaged.get(i), "").then().statusCode(400);
        }
        assertEquals(120, Qdrant.count(target));
        assertSameResults(targetBefore, searches(target, 5), "collection after refused restores");
        given().get("/collections/" + absent).then().statusCode(404);

        Path dir = Files.createDirectories(snapshotsDir().resolve(target));
        Files.write(dir.resolve("damaged.snapshot"), damaged.get(3));
        Qdrant.json("{\"location\": \"damaged.snapshot\"}").put("/collections/" + target + "/snapshots/recover")
                .then().statusCode(400).body("status.error", containsString("damaged"));
        assertSameResults(targetBefore, searches(target, 5), "collection after refused restores");
    }

    @Test
    void unknownSnapshotsAndCollectionsAre404() {
        String c = Qdrant.createCollection("snap_unknown", 4, "Dot");
        given().get("/collections/" + c + "/snapshots").then().statusCode(200).body("result.size()", equalTo(0));
        given().get("/collections/" + c + "/snapshots/nope.snapshot").then().statusCode(404)
                .body("status.error", containsString("nope.snapshot"));
        given().delete("/collections/" + c + "/snapshots/nope.snapshot").then().statusCode(404);
        given().get("/collections/" + c + "/snapshots/..%2F..%2Fetc%2Fpasswd").then().statusCode(404);
        Qdrant.json("{\"location\": \"nope.snapshot\"}").put("/collections/" + c + "/snapshots/recover")
                .then().statusCode(404);
        String missing = Qdrant.uniqueName("snap_missing");
        given().post("/collections/" + missing + "/snapshots").then().statusCode(404);
        given().get("/collections/" + missing + "/snapshots").then().statusCode(404);
        given().get("/collections/" + missing + "/snapshots/x.snapshot").then().statusCode(404);
    }

    @Test
    void locationsOutsideTheSnapshotsDirectoryOrRemoteAre400NamingLocation() throws Exception {
        String c = Qdrant.createCollection("snap_location", 4, "Dot");
        Path outside = Files.createTempFile("vjvector-outside", ".snapshot");
        try {
            for (String location : List.of("http://127.0.0.1:1/collections/x/snapshots/y.snapshot",
                    "https://example.invalid/s.snapshot", "s3://bucket/s.snapshot",
                    "file:///etc/passwd", outside.toUri().toString(), outside.toString(),
                    "../../../etc/passwd", "file://otherhost/tmp/x.snapshot")) {
                Qdrant.json("{\"location\": \"" + location + "\"}").put("/collections/" + c + "/snapshots/recover")
                        .then().statusCode(400).body("status.error", containsString("location"));
            }
            Qdrant.json("{}").put("/collections/" + c + "/snapshots/recover")
                    .then().statusCode(400).body("status.error", containsString("location"));
        } finally {
            Files.deleteIfExists(outside);
        }
    }

    @Test
    void checksumMismatchAndUnknownPriorityAre400() {
        String c = coarseHnswCollection("snap_checksum", 1);
        upsertRandom(c, 3, 50);
        String name = createSnapshot(c);
        byte[] file = download(c, name);
        String wrong = "0".repeat(64);
        upload(c, file, "?checksum=" + wrong).then().statusCode(400).body("status.error", containsString("checksum"));
        Qdrant.json("{\"location\": \"" + name + "\", \"checksum\": \"" + wrong + "\"}")
                .put("/collections/" + c + "/snapshots/recover").then().statusCode(400)
                .body("status.error", containsString("checksum"));
        Qdrant.json("{\"location\": \"" + name + "\", \"checksum\": \"xyz\"}")
                .put("/collections/" + c + "/snapshots/recover").then().statusCode(400);
        Qdrant.json("{\"location\": \"" + name + "\", \"priority\": \"first\"}")
                .put("/collections/" + c + "/snapshots/recover").then().statusCode(400)
                .body("status.error", containsString("priority"));
        given().multiPart("other", "x", new byte[] {1}).post("/collections/" + c + "/snapshots/upload")
                .then().statusCode(400).body("status.error", containsString("snapshot"));
        assertEquals(50, Qdrant.count(c));
    }
}
