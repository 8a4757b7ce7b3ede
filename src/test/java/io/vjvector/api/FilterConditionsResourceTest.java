package io.vjvector.api;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

/** Datetime ranges (with and without a datetime index), geo conditions, values_count and nested filters over HTTP. */
@QuarkusTest
class FilterConditionsResourceTest {

    private static final String POINTS = """
            {"points": [
              {"id": 1, "vector": [1, 0, 0, 0], "payload": {"at": "2023-02-08T10:49:00Z",
                "loc": {"lon": 13.4050, "lat": 52.5200}, "tags": ["a", "b", "c"],
                "diet": [{"food": "meat", "likes": false}, {"food": "veg", "likes": true}]}},
              {"id": 2, "vector": [0, 1, 0, 0], "payload": {"at": "2023-02-09 08:00:00+01:00",
                "loc": {"lon": 13.0645, "lat": 52.3906}, "tags": ["a"],
                "diet": [{"food": "meat", "likes": true}]}},
              {"id": 3, "vector": [0, 0, 1, 0], "payload": {"at": "2024-01-01",
                "loc": {"lon": 37.6173, "lat": 55.7558}}}
            ]}""";

    @Test
    void richerConditionsFilterScrollCountAndSearch() {
        String c = Qdrant.createCollection("conditions", 4, "Dot");
        Qdrant.json(POINTS).put("/collections/" + c + "/points?wait=true").then().statusCode(200);

        assertScrollIds(c, "{\"must\": {\"key\": \"at\", \"range\": {\"gte\": \"2023-02-08\", \"lt\": \"2023-02-10\"}}}", 1, 2);
        Qdrant.json("{\"field_name\": \"at\", \"field_schema\": \"datetime\"}").put("/collections/" + c + "/index?wait=true")
                .then().statusCode(200);
        RestAssured.get("/collections/" + c).then().body("result.payload_schema.at.data_type", equalTo("datetime"))
                .body("result.payload_schema.at.points", equalTo(3));
        assertScrollIds(c, "{\"must\": {\"key\": \"at\", \"range\": {\"gte\": \"2023-02-08\", \"lt\": \"2023-02-10\"}}}", 1, 2);
        assertScrollIds(c, "{\"must\": {\"key\": \"at\", \"range\": {\"gt\": \"2023-02-09T07:00:00Z\"}}}", 3);

        assertScrollIds(c, "{\"must\": {\"key\": \"loc\", \"geo_radius\": {\"center\": {\"lon\": 13.4050, \"lat\": 52.5200},"
                + " \"radius\": 30000}}}", 1, 2);
        assertScrollIds(c, "{\"must\": {\"key\": \"loc\", \"geo_bounding_box\": {\"top_left\": {\"lon\": 30, \"lat\": 60},"
                + " \"bottom_right\": {\"lon\": 40, \"lat\": 50}}}}", 3);
        assertScrollIds(c, "{\"must\": {\"key\": \"tags\", \"values_count\": {\"gte\": 2}}}", 1);
        assertScrollIds(c, "{\"must\": {\"nested\": {\"key\": \"diet\", \"filter\": {\"must\": ["
                + "{\"key\": \"food\", \"match\": {\"value\": \"meat\"}}, {\"key\": \"likes\", \"match\": {\"value\": true}}]}}}}", 2);

        Qdrant.json("{\"filter\": {\"must\": {\"key\": \"loc\", \"geo_polygon\": {\"exterior\": {\"points\": ["
                        + "{\"lon\": 13.0, \"lat\": 52.3}, {\"lon\": 13.8, \"lat\": 52.3}, {\"lon\": 13.8, \"lat\": 52.7},"
                        + " {\"lon\": 13.0, \"lat\": 52.7}, {\"lon\": 13.0, \"lat\": 52.3}]}}}}, \"exact\": true}")
                .post("/collections/" + c + "/points/count").then().statusCode(200).body("result.count", equalTo(2));
        Qdrant.json("{\"query\": [0, 0, 1, 0], \"limit\": 3, \"filter\": {\"must\": {\"key\": \"at\", \"range\": {\"lt\": \"2023-12-31\"}}}}")
                .post("/collections/" + c + "/points/query").then().statusCode(200)
                .body("result.points.id", containsInAnyOrder(1, 2));
    }

    @Test
    void malformedConditionsAreRejectedNamingTheField() {
        String c = Qdrant.createCollection("conditions_bad", 4, "Dot");
        Qdrant.json("{\"filter\": {\"must\": {\"key\": \"at\", \"range\": {\"gte\": \"next week\"}}}}")
                .post("/collections/" + c + "/points/scroll").then().statusCode(400)
                .body("status.error", containsString("filter.must.range.gte"))
                .body("status.error", containsString("not a datetime"));
        Qdrant.json("{\"filter\": {\"must\": {\"key\": \"loc\", \"geo_radius\": {\"center\": {\"lon\": 200, \"lat\": 0}, \"radius\": 1}}}}")
                .post("/collections/" + c + "/points/count").then().statusCode(400)
                .body("status.error", containsString("filter.must.geo_radius.center.lon"));
        Qdrant.json("{\"filter\": {\"must\": {\"nested\": {\"key\": \"diet\", \"filter\": {\"must\": {\"has_id\": [1]}}}}}}")
                .post("/collections/" + c + "/points/scroll").then().statusCode(400)
                .body("status.error", containsString("not supported inside a nested filter"));
    }

    private static void assertScrollIds(String collection, String filter, Integer... ids) {
        Qdrant.json("{\"filter\": " + filter + ", \"limit\": 10}").post("/collections/" + collection + "/points/scroll")
                .then().statusCode(200).body("result.points.id", containsInAnyOrder(ids));
    }
}
