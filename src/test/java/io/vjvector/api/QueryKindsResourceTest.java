package io.vjvector.api;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.hamcrest.CustomTypeSafeMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.Test;

/**
 * The query kinds beyond nearest and fusion, over Qdrant's four test points (Dot): 1 = [1, 0, 0, 0],
 * 2 = [0.9, 0.1, 0, 0], 3 = [0, 1, 0, 0], U = [0, 0, 1, 0]. Expected scores are worked out by hand
 * from Qdrant's formulas.
 */
@QuarkusTest
class QueryKindsResourceTest {

    private static final String U = "f47ac10b-58cc-4372-a567-0e02b2c3d479";

    private static String collection() {
        String c = Qdrant.createCollection("kinds", 4, "Dot");
        Qdrant.upsertFour(c);
        return c;
    }

    /** A JSON number (read as a Float) within 1e-5 of {@code expected}. */
    private static Matcher<Object> near(double expected) {
        return new CustomTypeSafeMatcher<>("a number within 1e-5 of " + expected) {
            @Override
            protected boolean matchesSafely(Object item) {
                return item instanceof Number n && Math.abs(n.doubleValue() - expected) <= 1e-5;
            }
        };
    }

    private static float scaledSigmoid(float x) {
        return 0.5f * (x / (1 + Math.abs(x)) + 1);
    }

    @Test
    void recommendBestScoreAndSumScoresInQueryAndRecommend() {
        String c = collection();
        // 2: best positive 0.9 beats best negative 0.1; U: 0 vs 0, a negative win at -scaled(0) = -0.5.
        Qdrant.json("{\"query\": {\"recommend\": {\"positive\": [1], \"negative\": [3], \"strategy\": \"best_score\"}}}")
                .post("/collections/" + c + "/points/query").then().statusCode(200)
                .body("result.points.id", contains(2, U))
                .body("result.points[0].score", near(scaledSigmoid(0.9f)))
                .body("result.points[1].score", near(-0.5));
        Qdrant.json("{\"positive\": [1], \"negative\": [3], \"strategy\": \"sum_scores\", \"limit\": 2}")
                .post("/collections/" + c + "/points/recommend").then().statusCode(200)
                .body("result.id", contains(2, U))
                .body("result[0].score", near(0.8))
                .body("result[1].score", near(0.0));
        Qdrant.json("{\"searches\": [{\"positive\": [1], \"limit\": 1}, {\"negative\": [1], \"strategy\": \"best_score\", \"limit\": 1}]}")
                .post("/collections/" + c + "/points/recommend/batch").then().statusCode(200)
                .body("result[0].id", contains(2))
                .body("result[1].id", contains(3));
    }

    @Test
    void discoverAndContextQueriesAndTheOlderDiscoverEndpoints() {
        String c = collection();
        String discover = "{\"target\": [0, 1, 0, 0], \"context\": [{\"positive\": 1, \"negative\": \"" + U + "\"}]";
        // 2: closer to 1 than U (+1), target 0.1; 3: a tie (0), target 1.
        Qdrant.json("{\"query\": {\"discover\": " + discover + "}}, \"limit\": 2}").post("/collections/" + c + "/points/query")
                .then().statusCode(200)
                .body("result.points.id", contains(2, 3))
                .body("result.points[0].score", near(1 + scaledSigmoid(0.1f)))
                .body("result.points[1].score", near(scaledSigmoid(1f)));
        Qdrant.json(discover + ", \"limit\": 2}").post("/collections/" + c + "/points/discover")
                .then().statusCode(200).body("result.id", contains(2, 3));
        Qdrant.json("{\"searches\": [" + discover + ", \"limit\": 1}, {\"context\": [{\"positive\": 2, \"negative\": 3}], \"limit\": 2}]}")
                .post("/collections/" + c + "/points/discover/batch").then().statusCode(200)
                .body("result[0].id", contains(2))
                .body("result[1].id", contains(1, U));
        // 1 is on the positive side (0); U ties, so it is just past Qdrant's margin (below 0).
        Qdrant.json("{\"query\": {\"context\": [{\"positive\": 2, \"negative\": 3}]}}").post("/collections/" + c + "/points/query")
                .then().statusCode(200)
                .body("result.points.id", contains(1, U))
                .body("result.points[0].score", near(0));
    }

    @Test
    void relevanceFeedbackPullsTowardTheBetterJudgedExampleAndLeavesExampleIdsOut() {
        String c = collection();
        // One pair (3 judged 0.9, U judged 0.1): weight c·0.8^b = 4. 1: 1·1 + 4·(0 − 0) = 1;
        // 2: 1·0.9 + 4·(0.1 − 0) = 1.3, so the feedback lifts 2 above 1; 3 and U, given by id, are left out.
        String feedback = "\"feedback\": [{\"example\": 3, \"score\": 0.9}, {\"example\": \"" + U + "\", \"score\": 0.1}], "
                + "\"strategy\": {\"naive\": {\"a\": 1, \"b\": 1, \"c\": 5}}";
        Qdrant.json("{\"query\": {\"relevance_feedback\": {\"target\": [1, 0, 0, 0], " + feedback + "}}}")
                .post("/collections/" + c + "/points/query").then().statusCode(200)
                .body("result.points.id", contains(2, 1))
                .body("result.points[0].score", near(1.3))
                .body("result.points[1].score", near(1.0));
        // Without feedback weight (c = 0) the target alone ranks: 1 before 2.
        Qdrant.json("{\"query\": {\"relevance_feedback\": {\"target\": [1, 0, 0, 0], "
                        + feedback.replace("\"c\": 5", "\"c\": 0") + "}}}")
                .post("/collections/" + c + "/points/query").then().statusCode(200)
                .body("result.points.id", contains(1, 2));
        // A target given by id is left out too.
        Qdrant.json("{\"query\": {\"relevance_feedback\": {\"target\": 1, " + feedback + "}}}")
                .post("/collections/" + c + "/points/query").then().statusCode(200)
                .body("result.points.id", contains(2));
        Qdrant.json("{\"query\": {\"relevance_feedback\": {\"target\": [1, 0, 0, 0], \"feedback\": []}}}")
                .post("/collections/" + c + "/points/query").then().statusCode(400)
                .body("status.error", containsString("query.relevance_feedback.strategy: is required"));
    }

    @Test
    void orderBySampleAndFormulaQueries() {
        String c = collection();
        String query = "/collections/" + c + "/points/query";
        Qdrant.json("{\"field_name\": \"n\", \"field_schema\": \"integer\"}").put("/collections/" + c + "/index")
                .then().statusCode(200);
        Qdrant.json("{\"query\": {\"order_by\": {\"key\": \"n\", \"direction\": \"desc\"}}, \"with_payload\": true}").post(query)
                .then().statusCode(200).body("result.points.id", contains(3, 2, 1))
                .body("result.points[0].payload.n", equalTo(3));
        Qdrant.json("{\"query\": {\"sample\": \"random\"}, \"limit\": 10}").post(query)
                .then().statusCode(200).body("result.points.id", containsInAnyOrder(1, 2, 3, U));
        Qdrant.json("{\"query\": {\"sample\": \"random\"}, \"limit\": 2, \"filter\": {\"must\": {\"key\": \"city\", \"match\": {\"value\": \"Berlin\"}}}}")
                .post(query).then().statusCode(200).body("result.points.id", containsInAnyOrder(1, 3));
        // $score + 0.5·n (n absent = 0): 2 → 0.9 + 1, 1 → 1 + 0.5, 3 → 0 + 1.5, U → 0.
        String prefetch = "\"prefetch\": {\"query\": [1, 0, 0, 0], \"limit\": 4}";
        Qdrant.json("{" + prefetch + ", \"query\": {\"formula\": {\"sum\": [\"$score\", {\"mult\": [0.5, \"n\"]}]},"
                + " \"defaults\": {\"n\": 0}}}").post(query)
                .then().statusCode(200)
                .body("result.points.id", contains(2, 1, 3, U))
                .body("result.points[0].score", near(1.9));
        // A condition counts 1 when it matches; exp_decay is 1 at the target and 0.5 one scale away.
        Qdrant.json("{" + prefetch + ", \"query\": {\"formula\": {\"sum\": [{\"key\": \"city\", \"match\": {\"value\": \"London\"}},"
                + " {\"exp_decay\": {\"x\": \"n\", \"target\": 3, \"scale\": 1}}]}, \"defaults\": {\"n\": 100}}, \"limit\": 2}")
                .post(query).then().statusCode(200)
                .body("result.points.id", contains(2, 3))
                .body("result.points[0].score", near(1.5))
                .body("result.points[1].score", near(1.0));
        Qdrant.json("{" + prefetch + ", \"query\": {\"formula\": {\"sum\": [\"$score\", \"n\"]}}}").post(query)
                .then().statusCode(400).body("status.error", containsString("no value for variable 'n'"));
    }

    @Test
    void lookupFromReadsExampleIdsInAnotherCollection() {
        String c = collection();
        String other = Qdrant.createCollection("kinds_lookup", 4, "Dot");
        Qdrant.upsert(other, "{\"points\": [{\"id\": 10, \"vector\": {\"\": [0, 1, 0, 0]}}]}");
        String lookup = "\"lookup_from\": {\"collection\": \"" + other + "\", \"vector\": \"\"}";
        Qdrant.json("{\"query\": 10, " + lookup + ", \"limit\": 1}").post("/collections/" + c + "/points/query")
                .then().statusCode(200).body("result.points.id", contains(3));
        Qdrant.json("{\"query\": {\"recommend\": {\"positive\": [10], \"strategy\": \"best_score\"}}, " + lookup + ", \"limit\": 1}")
                .post("/collections/" + c + "/points/query").then().statusCode(200).body("result.points.id", contains(3));
        Qdrant.json("{\"positive\": [10], \"limit\": 2, " + lookup + "}").post("/collections/" + c + "/points/recommend")
                .then().statusCode(200).body("result.id", contains(3, 2));
        Qdrant.json("{\"query\": 11, " + lookup + "}").post("/collections/" + c + "/points/query")
                .then().statusCode(404);
    }

    @Test
    void queryGroupsAndBatchesOfTheNewKinds() {
        String c = collection();
        Qdrant.json("{\"field_name\": \"n\", \"field_schema\": \"integer\"}").put("/collections/" + c + "/index")
                .then().statusCode(200);
        Qdrant.json("{\"query\": [1, 0, 0, 0], \"group_by\": \"city\", \"group_size\": 2, \"limit\": 2}")
                .post("/collections/" + c + "/points/query/groups").then().statusCode(200)
                .body("result.groups", hasSize(2))
                .body("result.groups[0].id", equalTo("Berlin"))
                .body("result.groups[0].hits.id", equalTo(List.of(1, 3)))
                .body("result.groups[1].id", equalTo("London"));
        Qdrant.json("{\"query\": {\"recommend\": {\"positive\": [3], \"strategy\": \"sum_scores\"}}, \"group_by\": \"city\","
                + " \"group_size\": 1, \"limit\": 1, \"with_lookup\": \"" + c + "\"}")
                .post("/collections/" + c + "/points/query/groups").then().statusCode(200)
                .body("result.groups", hasSize(1))
                .body("result.groups[0].id", equalTo("London"));
        Qdrant.json("{\"searches\": [{\"query\": {\"order_by\": \"n\"}, \"filter\": {\"must\": {\"key\": \"n\", \"range\": {\"gte\": 2}}}},"
                + " {\"query\": {\"context\": {\"positive\": 2, \"negative\": 3}}, \"limit\": 1},"
                + " {\"query\": [1, 0, 0, 0], \"limit\": 1, \"params\": {\"hnsw_ef\": 64, \"exact\": false, \"indexed_only\": true,"
                + " \"quantization\": {\"ignore\": false, \"rescore\": true, \"oversampling\": 2.0}}}]}")
                .post("/collections/" + c + "/points/query/batch").then().statusCode(200)
                .body("result[0].points.id", contains(2, 3))
                .body("result[1].points.id", contains(1))
                .body("result[2].points.id", contains(1));
    }
}
