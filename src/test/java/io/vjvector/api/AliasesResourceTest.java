package io.vjvector.api;

import static io.restassured.RestAssured.delete;
import static io.restassured.RestAssured.get;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.isA;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AliasesResourceTest {

    private static void change(String actions) {
        Qdrant.json("{\"actions\": [" + actions + "]}").post("/collections/aliases")
                .then().statusCode(200).body("result", equalTo(true)).body("status", equalTo("ok"))
                .body("time", isA(Float.class));
    }

    private static String create(String collection, String alias) {
        return "{\"create_alias\": {\"collection_name\": \"" + collection + "\", \"alias_name\": \"" + alias + "\"}}";
    }

    private static String remove(String alias) {
        return "{\"delete_alias\": {\"alias_name\": \"" + alias + "\"}}";
    }

    /** The collection {@code alias} names in {@code GET /aliases}, or null. */
    private static String target(String alias) {
        List<Map<String, String>> all = get("/aliases").then().statusCode(200).extract().path("result.aliases");
        return all.stream().filter(a -> a.get("alias_name").equals(alias)).map(a -> a.get("collection_name"))
                .findFirst().orElse(null);
    }

    @Test
    void createdAliasesAreListedAllAndPerCollection() {
        String c = Qdrant.createCollection("aliased", 4, "Dot");
        String other = Qdrant.createCollection("unaliased", 4, "Dot");
        String a1 = Qdrant.uniqueName("first");
        String a2 = Qdrant.uniqueName("second");
        change(create(c, a1) + ", " + create(c, a2));

        assertEquals(c, target(a1));
        assertEquals(c, target(a2));
        get("/collections/" + c + "/aliases").then().statusCode(200)
                .body("result.aliases", equalTo(List.of(
                        Map.of("alias_name", a1, "collection_name", c),
                        Map.of("alias_name", a2, "collection_name", c))));
        // Asked through an alias, the list is that of its collection.
        get("/collections/" + a1 + "/aliases").then().statusCode(200).body("result.aliases.alias_name", hasItem(a2));
        get("/collections/" + other + "/aliases").then().statusCode(200).body("result.aliases", empty());
        get("/collections/" + c + "_missing/aliases").then().statusCode(404)
                .body("status.error", startsWith("Not found: Collection `" + c + "_missing` doesn't exist"));
        // POST /collections/aliases takes nothing from a collection named "aliases".
        get("/collections/aliases").then().statusCode(404)
                .body("status.error", startsWith("Not found: Collection `aliases` doesn't exist"));
    }

    @Test
    void anAliasStandsForItsCollectionInDataAndInfoOperations() {
        String c = Qdrant.createCollection("resolved", 4, "Dot");
        String alias = Qdrant.uniqueName("resolved_alias");
        change(create(c, alias));

        Qdrant.upsertFour(alias);
        assertEquals(4, Qdrant.count(c));
        assertEquals(4, Qdrant.count(alias));
        Qdrant.json("{\"vector\": [1, 0, 0, 0], \"limit\": 1}").post("/collections/" + alias + "/points/search")
                .then().statusCode(200).body("result[0].id", equalTo(1));
        get("/collections/" + alias + "/points/2").then().statusCode(200).body("result.payload.city", equalTo("London"));
        get("/collections/" + alias).then().statusCode(200).body("result.points_count", equalTo(4));
        get("/collections/" + alias + "/exists").then().statusCode(200).body("result.exists", equalTo(true));
        Qdrant.json("{\"hnsw_config\": {\"ef_construct\": 200}}").patch("/collections/" + alias)
                .then().statusCode(200);
        get("/collections/" + c).then().body("result.config.hnsw_config.ef_construct", equalTo(200));
        // An alias is not a collection: it is not listed as one.
        get("/collections").then().body("result.collections.name", not(hasItem(alias)));
    }

    @Test
    void aSnapshotTakenThroughAnAliasBelongsToItsCollection() {
        String c = Qdrant.createCollection("snapshotted", 4, "Dot");
        String alias = Qdrant.uniqueName("snapshot_alias");
        change(create(c, alias));
        Qdrant.upsertFour(c);
        String name = Qdrant.json("").post("/collections/" + alias + "/snapshots?wait=true")
                .then().statusCode(200).extract().path("result.name");
        get("/collections/" + c + "/snapshots").then().statusCode(200).body("result.name", hasItem(name));
        get("/collections/" + alias + "/snapshots").then().statusCode(200).body("result.name", hasItem(name));
        Qdrant.json("{\"location\": \"" + name + "\"}").put("/collections/" + alias + "/snapshots/recover")
                .then().statusCode(200);
        assertEquals(4, Qdrant.count(c));
        assertEquals(c, target(alias));
        delete("/collections/" + alias + "/snapshots/" + name).then().statusCode(200);
        get("/collections/" + c + "/snapshots").then().statusCode(200).body("result.name", not(hasItem(name)));
    }

    @Test
    void deletingACollectionByAnAliasNameDeletesNothing() {
        String c = Qdrant.createCollection("kept_by_alias", 4, "Dot");
        String alias = Qdrant.uniqueName("not_deleted");
        change(create(c, alias));
        delete("/collections/" + alias).then().statusCode(200).body("result", equalTo(false));
        get("/collections/" + c).then().statusCode(200);
        assertEquals(c, target(alias));
    }

    @Test
    void creatingAnExistingAliasRepointsItAndRenamingReplacesAnAlias() {
        String c1 = Qdrant.createCollection("repoint_a", 4, "Dot");
        String c2 = Qdrant.createCollection("repoint_b", 4, "Dot");
        String alias = Qdrant.uniqueName("repointed");
        String other = Qdrant.uniqueName("renamed");
        change(create(c1, alias));
        change(create(c2, alias));
        assertEquals(c2, target(alias));

        change(create(c1, other));
        change("{\"rename_alias\": {\"old_alias_name\": \"" + alias + "\", \"new_alias_name\": \"" + other + "\"}}");
        assertEquals(null, target(alias));
        assertEquals(c2, target(other));
        // Deleting an alias that does not exist changes nothing and succeeds.
        change(remove(alias));
    }

    @Test
    void aSwapInOneRequestIsNeverSeenHalfDoneByReaders() throws Exception {
        String blue = Qdrant.createCollection("blue", 4, "Dot");
        String green = Qdrant.createCollection("green", 4, "Dot");
        Qdrant.upsertFour(blue);
        Qdrant.upsert(green, "{\"points\": [{\"id\": 7, \"vector\": [1, 0, 0, 0]}]}");
        String alias = Qdrant.uniqueName("live");
        change(create(blue, alias));

        AtomicBoolean swapping = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
        Thread reader = new Thread(() -> {
            while (swapping.get() || reads.get() == 0) {
                var response = Qdrant.json("{}").post("/collections/" + alias + "/points/count");
                int n = response.statusCode() == 200 ? response.path("result.count") : -1;
                if (n != 4 && n != 1) {
                    unexpected.add(response.statusCode() + " " + response.asString());
                }
                reads.incrementAndGet();
            }
        });
        reader.start();
        try {
            for (int i = 0; i < 60; i++) {
                String to = i % 2 == 0 ? green : blue;
                change(remove(alias) + ", " + create(to, alias));
            }
        } finally {
            swapping.set(false);
            reader.join(60_000);
        }
        assertTrue(unexpected.isEmpty(), "reads during swaps: " + unexpected);
        assertTrue(reads.get() > 0);
        assertEquals(4, Qdrant.count(alias));
    }

    @Test
    void deletingACollectionDropsItsAliases() {
        String c = Qdrant.createCollection("dropped", 4, "Dot");
        String kept = Qdrant.createCollection("survivor", 4, "Dot");
        String alias = Qdrant.uniqueName("dropped_alias");
        String other = Qdrant.uniqueName("survivor_alias");
        change(create(c, alias) + ", " + create(kept, other));
        delete("/collections/" + c).then().statusCode(200).body("result", equalTo(true));
        assertEquals(null, target(alias));
        assertEquals(kept, target(other));
        Qdrant.json("{}").post("/collections/" + alias + "/points/count").then().statusCode(404);
        // The name is free for a collection again.
        Qdrant.createCollection(alias, 4, "Dot");
    }

    @Test
    void aCollectionCannotTakeTheNameOfAnAlias() {
        String c = Qdrant.createCollection("named", 4, "Dot");
        String alias = Qdrant.uniqueName("taken");
        change(create(c, alias));
        Qdrant.json("{\"vectors\": {\"size\": 4, \"distance\": \"Dot\"}}").put("/collections/" + alias)
                .then().statusCode(409).body("status.error", containsString(alias));
        get("/collections").then().body("result.collections.name", not(hasItem(alias)));
    }

    /** Each bad request answers 4xx naming the field and leaves the aliases as they were. */
    @Test
    void badActionsNameTheFieldAndChangeNothing() {
        String c = Qdrant.createCollection("strict", 4, "Dot");
        String existing = Qdrant.uniqueName("existing");
        change(create(c, existing));
        String fresh = Qdrant.uniqueName("fresh");
        String first = create(c, fresh) + ", " + remove(existing) + ", ";
        Map<String, String> cases = Map.of(
                "{}", "400 actions:",
                "{\"actions\": [" + first + "{\"create_alias\": {\"alias_name\": \"x\"}}]}",
                "400 actions[2].create_alias.collection_name: is required",
                "{\"actions\": [" + first + "{\"create_alias\": {\"collection_name\": \"" + c + "\"}}]}",
                "400 actions[2].create_alias.alias_name: is required",
                "{\"actions\": [" + first + "{\"rename\": {\"old_alias_name\": \"a\", \"new_alias_name\": \"b\"}}]}",
                "400 actions[2]: unknown action",
                "{\"actions\": [" + first + create(c + "_missing", "y") + "]}",
                "404 actions[2].create_alias.collection_name: Collection `" + c + "_missing` doesn't exist",
                "{\"actions\": [" + first + create(c, c) + "]}",
                "409 actions[2].create_alias.alias_name: Collection `" + c + "` already exists",
                "{\"actions\": [" + first + create(c, "bad/name") + "]}",
                "400 actions[2].create_alias.alias_name:",
                "{\"actions\": [" + first + "{\"rename_alias\": {\"old_alias_name\": \"" + fresh + "_no\", \"new_alias_name\": \"z\"}}]}",
                "404 actions[2].rename_alias.old_alias_name:",
                "{\"actions\": [" + first + "{\"delete_alias\": {}}]}",
                "400 actions[2].delete_alias.alias_name: is required");
        cases.forEach((body, expected) -> {
            int status = Integer.parseInt(expected.substring(0, 3));
            Qdrant.json(body).post("/collections/aliases").then().statusCode(status)
                    .body("status.error", containsString(expected.substring(4)));
            assertEquals(null, target(fresh), body);
            assertEquals(c, target(existing), body);
        });
    }
}
