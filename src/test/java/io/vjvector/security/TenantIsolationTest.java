package io.vjvector.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tenants, as clients meet them: a caller of tenant {@code acme} walks every operation of the
 * OpenAPI document against the collection, alias and snapshot of tenant {@code globex} and gets
 * exactly the answer a collection that never existed gets (status and body), globex's data stays
 * as it was, and names are reused freely. Callers come with real signed OIDC tokens, managed API
 * keys and Qdrant JWTs.
 */
@QuarkusTest
@TestProfile(TenantsProfile.class)
class TenantIsolationTest {

    private static final String MINE = "acme";
    private static final String THEIRS = "globex";
    private static final String THEIR_COLLECTION = "tenants_b_only";
    private static final String THEIR_ALIAS = "tenants_b_alias";
    private static final String MISSING = "tenants_never_was";
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VECTOR = "[0.1,0.2]";

    /** Operations that create what they name: for another tenant's name they make the caller's own (name reuse, tested below). */
    private static final Set<String> CREATING = Set.of("PUT /collections/{collection_name}",
            "POST /collections/{collection_name}/snapshots/upload");

    /** A body that gets past validation, so that the collection is actually looked for. */
    private static final Map<String, String> BODIES = Map.ofEntries(
            Map.entry("POST /collections/{collection_name}/points", "{\"ids\":[1]}"),
            Map.entry("POST /collections/{collection_name}/points/scroll", "{\"limit\":1}"),
            Map.entry("POST /collections/{collection_name}/points/count", "{}"),
            Map.entry("POST /collections/{collection_name}/points/search", "{\"vector\":" + VECTOR + ",\"limit\":1}"),
            Map.entry("POST /collections/{collection_name}/points/search/batch",
                    "{\"searches\":[{\"vector\":" + VECTOR + ",\"limit\":1}]}"),
            Map.entry("POST /collections/{collection_name}/points/recommend", "{\"positive\":[1],\"limit\":1}"),
            Map.entry("POST /collections/{collection_name}/points/recommend/batch",
                    "{\"searches\":[{\"positive\":[1],\"limit\":1}]}"),
            Map.entry("POST /collections/{collection_name}/points/query", "{\"query\":" + VECTOR + ",\"limit\":1}"),
            Map.entry("POST /collections/{collection_name}/points/query/batch",
                    "{\"searches\":[{\"query\":" + VECTOR + ",\"limit\":1}]}"),
            Map.entry("POST /collections/{collection_name}/facet", "{\"key\":\"g\"}"),
            Map.entry("POST /collections/{collection_name}/points/search/groups",
                    "{\"vector\":" + VECTOR + ",\"group_by\":\"g\",\"limit\":1,\"group_size\":1}"),
            Map.entry("POST /collections/{collection_name}/points/recommend/groups",
                    "{\"positive\":[1],\"group_by\":\"g\",\"limit\":1,\"group_size\":1}"),
            Map.entry("POST /collections/{collection_name}/points/query/groups",
                    "{\"query\":" + VECTOR + ",\"group_by\":\"g\",\"limit\":1,\"group_size\":1}"),
            Map.entry("POST /collections/{collection_name}/points/discover",
                    "{\"target\":1,\"context\":[{\"positive\":1,\"negative\":2}],\"limit\":1}"),
            Map.entry("POST /collections/{collection_name}/points/discover/batch",
                    "{\"searches\":[{\"target\":1,\"context\":[{\"positive\":1,\"negative\":2}],\"limit\":1}]}"),
            Map.entry("POST /collections/{collection_name}/points/search/matrix/pairs", "{\"sample\":2,\"limit\":1}"),
            Map.entry("POST /collections/{collection_name}/points/search/matrix/offsets", "{\"sample\":2,\"limit\":1}"),
            Map.entry("PUT /collections/{collection_name}/points", "{\"points\":[{\"id\":9,\"vector\":[1,1]}]}"),
            Map.entry("POST /collections/{collection_name}/points/delete", "{\"points\":[1]}"),
            Map.entry("PUT /collections/{collection_name}/points/vectors", "{\"points\":[{\"id\":1,\"vector\":[1,1]}]}"),
            Map.entry("POST /collections/{collection_name}/points/vectors/delete", "{\"points\":[1],\"vector\":[\"\"]}"),
            Map.entry("POST /collections/{collection_name}/points/payload", "{\"payload\":{\"x\":1},\"points\":[1]}"),
            Map.entry("PUT /collections/{collection_name}/points/payload", "{\"payload\":{\"x\":1},\"points\":[1]}"),
            Map.entry("POST /collections/{collection_name}/points/payload/delete", "{\"keys\":[\"g\"],\"points\":[1]}"),
            Map.entry("POST /collections/{collection_name}/points/payload/clear", "{\"points\":[1]}"),
            Map.entry("POST /collections/{collection_name}/points/batch", "{\"operations\":[{\"delete\":{\"points\":[1]}}]}"),
            Map.entry("PUT /collections/{collection_name}/index", "{\"field_name\":\"h\",\"field_schema\":\"keyword\"}"),
            Map.entry("PUT /collections/{collection_name}/vectors/{vector_name}", "{\"size\":2,\"distance\":\"Dot\"}"),
            Map.entry("PATCH /collections/{collection_name}", "{\"optimizers_config\":{}}"),
            Map.entry("PUT /collections/{collection_name}/snapshots/recover", "{\"location\":\"{snapshot_name}\"}"));

    private record Endpoint(String method, String template) {
        String key() {
            return method + " " + template;
        }
    }

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    private static String admin(String tenant) {
        return OidcTokensFixture.ofTenant(tenant, "admin");
    }

    private static String operator() {
        return OidcTokensFixture.role("admin");
    }

    private String theirSnapshot;

    @BeforeEach
    void theirCollectionAliasAndSnapshot() {
        String them = admin(THEIRS);
        as(them).delete("/collections/" + THEIR_COLLECTION).then().statusCode(200);
        as(them).body("{\"vectors\":{\"size\":2,\"distance\":\"Dot\"}}").put("/collections/" + THEIR_COLLECTION)
                .then().statusCode(200);
        as(them).body("{\"points\":[{\"id\":1,\"vector\":[0.1,0.2],\"payload\":{\"g\":\"x\"}},"
                        + "{\"id\":2,\"vector\":[0.3,0.1],\"payload\":{\"g\":\"y\"}},{\"id\":3,\"vector\":[0.2,0.2],\"payload\":{\"g\":\"x\"}}]}")
                .put("/collections/" + THEIR_COLLECTION + "/points?wait=true").then().statusCode(200);
        as(them).body("{\"field_name\":\"g\",\"field_schema\":\"keyword\"}").put("/collections/" + THEIR_COLLECTION + "/index")
                .then().statusCode(200);
        as(them).body("{\"actions\":[{\"create_alias\":{\"collection_name\":\"" + THEIR_COLLECTION + "\",\"alias_name\":\""
                + THEIR_ALIAS + "\"}}]}").post("/collections/aliases").then().statusCode(200);
        theirSnapshot = as(them).post("/collections/" + THEIR_COLLECTION + "/snapshots").then().statusCode(200)
                .extract().path("result.name");
    }

    private static List<Endpoint> endpoints() throws Exception {
        String document = as(operator()).queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
        JsonNode paths = JSON.readTree(document).get("paths");
        List<Endpoint> endpoints = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            for (String method : METHODS) {
                if (path.getValue().has(method)) {
                    endpoints.add(new Endpoint(method.toUpperCase(Locale.ROOT), path.getKey()));
                }
            }
        }
        assertTrue(endpoints.size() > 40, "the OpenAPI document lists " + endpoints.size() + " operations");
        return endpoints;
    }

    /** The request with every name of their collection (and the snapshot named after it) replaced by {@code collection}. */
    private Response call(String token, Endpoint e, String collection) {
        String path = e.template().replace("{collection_name}", THEIR_COLLECTION).replace("{snapshot_name}", theirSnapshot)
                .replace("{field_name}", "g").replace("{id}", "1").replace("{document_id}", "d").replace("{vector_name}", "v").replace("{operation_id}", "1")
                .replace(THEIR_COLLECTION, collection);
        String body = BODIES.getOrDefault(e.key(), "{}").replace("{snapshot_name}", theirSnapshot).replace(THEIR_COLLECTION, collection);
        return as(token).body(body).request(e.method(), path);
    }

    private static String normalized(Response r, String collection) {
        return r.statusCode() + " " + r.asString().replace(collection, "{c}").replaceAll("\"time\":[0-9.Ee-]+", "\"time\":0");
    }

    @Test
    void everyOperationOnAnotherTenantsCollectionAnswersAsAMissingOneWouldAndChangesNothing() throws Exception {
        String me = admin(MINE);
        List<String> leaks = new ArrayList<>();
        int walked = 0;
        int notFound = 0;
        for (Endpoint e : endpoints()) {
            if (!e.template().contains("{collection_name}") || CREATING.contains(e.key())) {
                continue;
            }
            walked++;
            for (String theirs : List.of(THEIR_COLLECTION, THEIR_ALIAS)) {
                String asked = normalized(call(me, e, theirs), theirs);
                String missing = normalized(call(me, e, MISSING), MISSING);
                notFound += asked.startsWith("404 ") ? 1 : 0;
                if (!asked.equals(missing)) {
                    leaks.add(e.key() + " on " + theirs + ": " + asked + " | missing: " + missing);
                } else if (asked.startsWith("5")) {
                    leaks.add(e.key() + " on " + theirs + " failed: " + asked);
                } else if (asked.startsWith("2") && !Set.of("GET /collections/{collection_name}/exists",
                        "DELETE /collections/{collection_name}").contains(e.key())) {
                    leaks.add(e.key() + " on " + theirs + " succeeded: " + asked);
                }
            }
        }
        assertEquals(List.of(), leaks);
        assertTrue(walked > 40, walked + " operations walked");
        // Most operations reach the lookup of the collection (the rest refuse their body first, alike for both).
        assertTrue(notFound > walked, notFound + " of " + 2 * walked + " answers were 404");
        theirCollectionIsAsItWas();
    }

    /** The bodies of the walk reach a collection: its owner reads with them. */
    @Test
    void theWalksReadingBodiesSucceedForTheOwner() throws Exception {
        List<String> failed = new ArrayList<>();
        for (Endpoint e : endpoints()) {
            EndpointRules.Match match = EndpointRules.match(e.method(), e.template()).orElseThrow();
            if (match.rule().permission() == Permission.READ && e.template().contains("{collection_name}")
                    && !e.template().contains("documents") && !e.template().endsWith("/rag")) {
                Response r = call(admin(THEIRS), e, THEIR_COLLECTION);
                if (r.statusCode() != 200) {
                    failed.add(e.key() + ": " + r.statusCode() + " " + r.asString());
                }
            }
        }
        assertEquals(List.of(), failed);
    }

    private void theirCollectionIsAsItWas() {
        String them = admin(THEIRS);
        as(them).body("{\"exact\":true}").post("/collections/" + THEIR_COLLECTION + "/points/count").then().statusCode(200)
                .body("result.count", equalTo(3));
        as(them).get("/collections/" + THEIR_COLLECTION + "/aliases").then().statusCode(200)
                .body("result.aliases.alias_name", hasItem(THEIR_ALIAS));
        as(them).get("/collections/" + THEIR_COLLECTION + "/snapshots").then().statusCode(200)
                .body("result.name", hasItem(theirSnapshot));
        as(them).body("{\"ids\":[1],\"with_payload\":true}").post("/collections/" + THEIR_COLLECTION + "/points").then()
                .statusCode(200).body("result[0].payload.g", equalTo("x"));
    }

    @Test
    void searchesAnsweredOnAWorkerThreadKeepTheCallersTenant() {
        // A filter (or exact search) takes a search off the event loop: the caller must follow it.
        String them = admin(THEIRS);
        for (String path : List.of("/points/search", "/points/query")) {
            String field = path.endsWith("search") ? "vector" : "query";
            as(them).body("{\"" + field + "\":" + VECTOR + ",\"limit\":5,\"filter\":{\"must\":[{\"key\":\"g\","
                            + "\"match\":{\"value\":\"x\"}}]}}")
                    .post("/collections/" + THEIR_COLLECTION + path).then().statusCode(200);
            as(them).body("{\"" + field + "\":" + VECTOR + ",\"limit\":5,\"params\":{\"exact\":true}}")
                    .post("/collections/" + THEIR_COLLECTION + path).then().statusCode(200);
        }
        as(them).body("{\"searches\":[{\"vector\":" + VECTOR + ",\"limit\":5,\"filter\":{\"must\":[{\"key\":\"g\","
                        + "\"match\":{\"value\":\"x\"}}]}}]}")
                .post("/collections/" + THEIR_COLLECTION + "/points/search/batch").then().statusCode(200);
    }

    @Test
    void listingsShowOnlyTheCallersTenantAndTheOperatorSeesStoredNames() {
        String me = admin(MINE);
        as(me).body("{\"vectors\":{\"size\":2,\"distance\":\"Dot\"}}").put("/collections/tenants_a_only").then().statusCode(200);
        as(me).get("/collections").then().statusCode(200)
                .body("result.collections.name", hasItem("tenants_a_only"))
                .body("result.collections.name", not(hasItem(THEIR_COLLECTION)));
        as(me).get("/aliases").then().statusCode(200).body("result.aliases.alias_name", not(hasItem(THEIR_ALIAS)));
        as(admin(THEIRS)).get("/aliases").then().statusCode(200)
                .body("result.aliases.alias_name", hasItem(THEIR_ALIAS))
                .body("result.aliases.collection_name", hasItem(THEIR_COLLECTION));
        as(operator()).get("/collections").then().statusCode(200)
                .body("result.collections.name", hasItems("acme~tenants_a_only", "globex~" + THEIR_COLLECTION));
        as(operator()).get("/collections/globex~" + THEIR_COLLECTION).then().statusCode(200);
        as(me).get("/collections/tenants_a_only").then().statusCode(200);
    }

    @Test
    void anotherTenantsNameIsFreeToReuse() {
        String me = admin(MINE);
        as(me).delete("/collections/" + THEIR_COLLECTION).then().statusCode(200);
        as(me).body("{\"vectors\":{\"size\":2,\"distance\":\"Dot\"}}").put("/collections/" + THEIR_COLLECTION).then().statusCode(200);
        as(me).body("{\"points\":[{\"id\":7,\"vector\":[1,1]}]}").put("/collections/" + THEIR_COLLECTION + "/points?wait=true")
                .then().statusCode(200);
        as(me).body("{\"exact\":true}").post("/collections/" + THEIR_COLLECTION + "/points/count").then().body("result.count", equalTo(1));
        theirCollectionIsAsItWas();
        as(me).delete("/collections/" + THEIR_COLLECTION).then().statusCode(200).body("result", equalTo(true));
        theirCollectionIsAsItWas();
    }

    @Test
    void namesInsideRequestsStayInTheTenant() {
        String me = admin(MINE);
        as(me).body("{\"vectors\":{\"size\":2,\"distance\":\"Dot\"}}").put("/collections/tenants_a_mine").then().statusCode(200);
        as(me).body("{\"points\":[{\"id\":1,\"vector\":[1,1],\"payload\":{\"g\":\"1\"}}]}").put("/collections/tenants_a_mine/points?wait=true")
                .then().statusCode(200);
        // lookup_from another tenant's collection: as missing.
        as(me).body("{\"query\":{\"recommend\":{\"positive\":[1]}},\"lookup_from\":{\"collection\":\"" + THEIR_COLLECTION + "\"}}")
                .post("/collections/tenants_a_mine/points/query").then().statusCode(404)
                .body("status.error", equalTo("Not found: Collection `" + THEIR_COLLECTION + "` doesn't exist!"));
        // with_lookup of groups: as missing.
        as(me).body("{\"vector\":[1,1],\"group_by\":\"g\",\"limit\":1,\"group_size\":1,\"with_lookup\":\"" + THEIR_COLLECTION + "\"}")
                .post("/collections/tenants_a_mine/points/search/groups").then().statusCode(404);
        // An alias to another tenant's collection: as missing.
        as(me).body("{\"actions\":[{\"create_alias\":{\"collection_name\":\"" + THEIR_COLLECTION + "\",\"alias_name\":\"tenants_a_alias\"}}]}")
                .post("/collections/aliases").then().statusCode(404);
        // init_from another tenant's collection: as missing.
        as(me).body("{\"vectors\":{\"size\":2,\"distance\":\"Dot\"},\"init_from\":{\"collection\":\"" + THEIR_COLLECTION + "\"}}")
                .put("/collections/tenants_a_copy").then().statusCode(404);
        // Their snapshot by path, or any file location: refused.
        as(me).body("{\"location\":\"" + THEIR_COLLECTION + "/" + theirSnapshot + "\"}")
                .put("/collections/tenants_a_restored/snapshots/recover").then().statusCode(404);
        as(me).body("{\"location\":\"file:///tmp/x.snapshot\"}").put("/collections/tenants_a_restored/snapshots/recover")
                .then().statusCode(400);
        as(me).body("{\"location\":\"../globex~" + THEIR_COLLECTION + "/x.snapshot\"}")
                .put("/collections/tenants_a_restored/snapshots/recover").then().statusCode(400);
        as(me).body("{\"vectors\":{\"size\":2,\"distance\":\"Dot\"}}").put("/collections/globex~" + THEIR_COLLECTION).then()
                .statusCode(400);
        theirCollectionIsAsItWas();
    }

    @Test
    void aTenantRestoresItsOwnSnapshotsUnderItsOwnNames() {
        String them = admin(THEIRS);
        assertFalse(theirSnapshot.contains("~"), theirSnapshot);
        assertTrue(theirSnapshot.startsWith(THEIR_COLLECTION + "-"), theirSnapshot);
        as(them).body("{\"location\":\"" + theirSnapshot + "\"}").put("/collections/" + THEIR_COLLECTION + "/snapshots/recover")
                .then().statusCode(200);
        as(them).body("{\"location\":\"" + THEIR_COLLECTION + "/" + theirSnapshot + "\"}")
                .put("/collections/tenants_b_copy/snapshots/recover").then().statusCode(200);
        as(them).body("{\"exact\":true}").post("/collections/tenants_b_copy/points/count").then().body("result.count", equalTo(3));
        byte[] file = as(them).get("/collections/" + THEIR_COLLECTION + "/snapshots/" + theirSnapshot).then().statusCode(200)
                .header("Content-Disposition", "attachment; filename=\"" + theirSnapshot + "\"").extract().asByteArray();
        assertTrue(file.length > 0);
        as(operator()).get("/collections/globex~" + THEIR_COLLECTION + "/snapshots").then().statusCode(200)
                .body("result.name", hasItem("globex~" + theirSnapshot));
    }

    @Test
    void metricsShowATenantItsOwnCollectionsUnqualifiedAndNeverAnotherTenantsWhileTelemetryNeedsACallerWithoutATenant() {
        String me = admin(MINE);
        String mine = "tenants_a_metrics";
        as(me).body("{\"vectors\":{\"size\":2,\"distance\":\"Dot\"}}").put("/collections/" + mine).then().statusCode(200);
        as(me).body("{\"points\":[{\"id\":1,\"vector\":" + VECTOR + "}]}").put("/collections/" + mine + "/points?wait=true")
                .then().statusCode(200);
        String all = as(operator()).get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(all.contains("collection=\"" + MINE + "~" + mine + "\"") && all.contains(
                "collection=\"" + THEIRS + "~" + THEIR_COLLECTION + "\""), "an operator sees every tenant's collections");
        for (String path : List.of("/q/metrics", "/metrics")) {
            String text = as(me).get(path).then().statusCode(200).extract().asString();
            assertTrue(text.contains("collection=\"" + mine + "\""), path + " shows my collection as I name it:\n" + text);
            assertFalse(text.contains(THEIR_COLLECTION) || text.contains(THEIRS), path + " names nothing of another tenant");
            assertFalse(text.contains(MINE + "~"), path + " shows no stored (qualified) name");
            assertFalse(text.contains("http_server_requests"), path + " hides every tenant's traffic");
            assertTrue(text.contains("jvm_"), path + " shows the process");
        }
        for (String path : List.of("/q/metrics", "/metrics")) {
            var open = as(me).accept("application/openmetrics-text; version=1.0.0; charset=utf-8").get(path)
                    .then().statusCode(200).header("Content-Type", startsWith("application/openmetrics-text"))
                    .extract().asString();
            assertTrue(open.endsWith("# EOF\n"), path + " in OpenMetrics:\n" + open);
            assertTrue(open.contains("collection=\"" + mine + "\""), open);
            assertFalse(open.contains(THEIR_COLLECTION) || open.contains(THEIRS) || open.contains(MINE + "~")
                    || open.contains("http_server_requests"), path + " filters the same series in OpenMetrics");
        }
        // One scraper gets one format, whichever caller it scrapes as.
        for (String accept : List.of("application/openmetrics-text; version=1.0.0; charset=utf-8", "*/*",
                "text/plain", "text/plain;version=0.0.4;q=0.5,*/*;q=0.1")) {
            String full = as(operator()).accept(accept).get("/q/metrics").then().statusCode(200).extract().contentType();
            String filtered = as(me).accept(accept).get("/q/metrics").then().statusCode(200).extract().contentType();
            assertEquals(full, filtered, "Accept: " + accept);
        }
        String posted = as(me).post("/q/metrics").then().extract().asString();
        assertFalse(posted.contains(THEIR_COLLECTION) || posted.contains(THEIRS), "another method is filtered too");
        String theirs = as(admin(THEIRS)).get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(theirs.contains("collection=\"" + THEIR_COLLECTION + "\"") && !theirs.contains(mine), theirs);
        as(me).get("/telemetry").then().statusCode(403);
        as(OidcTokensFixture.ofTenant(MINE, "reader")).get("/q/metrics").then().statusCode(403);
        as(operator()).get("/metrics").then().statusCode(200);
    }

    @Test
    void anAdminOfATenantManagesItsTenantsKeysOnly() {
        String me = admin(MINE);
        String mine = as(me).body("{\"role\":\"reader\"}").post("/auth/api-keys").then().statusCode(200).extract().path("result.id");
        String theirs = as(admin(THEIRS)).body("{\"role\":\"reader\"}").post("/auth/api-keys").then().statusCode(200)
                .extract().path("result.id");
        as(me).body("{\"role\":\"reader\",\"tenant\":\"" + THEIRS + "\"}").post("/auth/api-keys").then().statusCode(400);
        as(me).get("/auth/api-keys").then().statusCode(200)
                .body("result.id", hasItem(mine)).body("result.id", not(hasItem(theirs)))
                .body("result.tenant", not(hasItem(THEIRS)));
        as(me).delete("/auth/api-keys/" + theirs).then().statusCode(404);
        as(operator()).get("/auth/api-keys").then().statusCode(200).body("result.id", hasItems(mine, theirs));
        as(me).delete("/auth/api-keys/" + mine).then().statusCode(200);
    }

    @Test
    void aManagedKeyOfATenantSeesThatTenant() {
        String key = given().header("api-key", ApiKeyProfile.ADMIN_KEY).contentType(ContentType.JSON)
                .body("{\"role\":\"reader\",\"tenant\":\"" + THEIRS + "\"}").post("/auth/api-keys").then().statusCode(200)
                .extract().path("result.key");
        given().header("api-key", key).get("/collections").then().statusCode(200)
                .body("result.collections.name", hasItem(THEIR_COLLECTION));
        given().header("api-key", key).contentType(ContentType.JSON).body("{\"exact\":true}")
                .post("/collections/" + THEIR_ALIAS + "/points/count").then().statusCode(200).body("result.count", equalTo(3));
        given().header("api-key", ApiKeyProfile.ADMIN_KEY).contentType(ContentType.JSON)
                .body("{\"role\":\"reader\",\"tenant\":\"a~b\"}").post("/auth/api-keys").then().statusCode(400);
    }

    @Test
    void aQdrantJwtWithATenantClaimSeesThatTenant() {
        long exp = System.currentTimeMillis() / 1000 + 60;
        String token = QdrantTokens.hs256(ApiKeyProfile.ADMIN_KEY, "{\"exp\":" + exp + ",\"access\":\"r\",\"tenant\":\"" + MINE + "\"}");
        given().header("api-key", token).get("/collections/" + THEIR_COLLECTION).then().statusCode(404);
        String theirs = QdrantTokens.hs256(ApiKeyProfile.ADMIN_KEY, "{\"exp\":" + exp + ",\"access\":\"r\",\"tenant\":\"" + THEIRS + "\"}");
        given().header("api-key", theirs).get("/collections/" + THEIR_COLLECTION).then().statusCode(200);
    }

    @Test
    void aTokenWithAnUnusableTenantIsRefused() {
        String token = OidcTokensFixture.rsa(OidcTokensFixture.claims("odd", "reader").claim("tenant", "a~b"));
        as(token).get("/collections").then().statusCode(403);
    }
}
