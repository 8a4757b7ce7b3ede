package io.vjvector.ops;

import static io.restassured.RestAssured.get;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The node starts on the data directory a previous run left ({@link PreviousRunData}): intact
 * collections come back with every point, a torn log tail is cut and counted, and a damaged
 * collection answers 503 naming the file and offset while the node is ready and serves the rest.
 */
@QuarkusTest
@TestProfile(RestartTest.PreviousRun.class)
class RestartTest {

    public static class PreviousRun implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PreviousRunData.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    @BeforeEach
    void awaitReady() throws InterruptedException {
        for (int i = 0; i < 600 && get("/q/health/ready").statusCode() != 200; i++) {
            Thread.sleep(50);
        }
    }

    private static int count(String collection) {
        return given().contentType(ContentType.JSON).body("{}").post("/collections/" + collection + "/points/count")
                .then().statusCode(200).extract().path("result.count");
    }

    @Test
    void checkpointedAndLoggedPointsComeBack() {
        get("/collections").then().statusCode(200)
                .body("result.collections.name", hasItems("kept", "torn", "broken"));
        assertEquals(PreviousRunData.KEPT, count("kept"));
        given().contentType(ContentType.JSON).body("{\"vector\": [110.2, 0, 0, 0], \"limit\": 1, \"with_payload\": true}")
                .post("/collections/kept/points/search").then().statusCode(200)
                .body("result[0].id", equalTo(110)).body("result[0].payload.n", equalTo(110));
        given().contentType(ContentType.JSON)
                .body("{\"points\": [{\"id\": 1000, \"vector\": [1, 2, 3, 4]}]}")
                .put("/collections/kept/points?wait=true").then().statusCode(200);
        assertEquals(PreviousRunData.KEPT + 1, count("kept"));
    }

    @Test
    void tornTailIsCutAndCounted() {
        assertEquals(PreviousRunData.TORN_SURVIVING, count("torn"));
        String metrics = get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("vjvector_wal_torn_tails_total{collection=\"torn\",shard=\"0\"} 1.0"), metrics);
    }

    @Test
    void damagedCollectionAnswers503WithFileAndOffsetWhileTheNodeIsReady() {
        get("/collections/broken").then().statusCode(503)
                .body("status.error", containsString(".wal is corrupted at byte offset"));
        given().contentType(ContentType.JSON).body("{}").post("/collections/broken/points/count").then().statusCode(503);
        get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks[0].data.'failed: broken'", containsString("offset"));
        assertTrue(get("/q/metrics").asString()
                .contains("vjvector_collection_load_failures_total{collection=\"broken\"} 1.0"));
    }

    @Test
    void aliasesComeBackAndResolve() {
        get("/aliases").then().statusCode(200)
                .body("result.aliases.alias_name", hasItems(PreviousRunData.KEPT_ALIAS))
                .body("result.aliases.find { it.alias_name == '" + PreviousRunData.KEPT_ALIAS + "' }.collection_name",
                        equalTo("kept"));
        assertEquals(count("kept"), count(PreviousRunData.KEPT_ALIAS));
    }
}
