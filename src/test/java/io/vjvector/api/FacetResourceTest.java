package io.vjvector.api;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class FacetResourceTest {

    private static String collectionWithTags() {
        String c = Qdrant.createCollection("facet", 4, "Dot");
        Qdrant.upsert(c, """
                {"points": [
                  {"id": 1, "vector": [1, 0, 0, 0], "payload": {"tag": ["x", "y", "x"], "n": 1, "ok": true}},
                  {"id": 2, "vector": [0, 1, 0, 0], "payload": {"tag": "x", "n": 2, "ok": false}},
                  {"id": 3, "vector": [0, 0, 1, 0], "payload": {"tag": "z", "n": 2, "ok": true}},
                  {"id": 4, "vector": [0, 0, 0, 1], "payload": {"tag": 5, "n": 3}}
                ]}""");
        for (String index : List.of("{\"field_name\": \"tag\", \"field_schema\": \"keyword\"}",
                "{\"field_name\": \"n\", \"field_schema\": \"integer\"}", "{\"field_name\": \"ok\", \"field_schema\": \"bool\"}")) {
            Qdrant.json(index).put("/collections/" + c + "/index?wait=true").then().statusCode(200);
        }
        return c;
    }

    @Test
    void countsEachValueOncePerPointMostFrequentFirst() {
        String c = collectionWithTags();
        Qdrant.json("{\"key\": \"tag\"}").post("/collections/" + c + "/facet").then().statusCode(200)
                .body("status", equalTo("ok"))
                .body("result.hits", hasSize(3))
                .body("result.hits[0].value", equalTo("x")).body("result.hits[0].count", equalTo(2))
                .body("result.hits[1].value", equalTo("y")).body("result.hits[1].count", equalTo(1))
                .body("result.hits[2].value", equalTo("z")).body("result.hits[2].count", equalTo(1));
    }

    @Test
    void integerAndBoolValuesUnderAFilterWithALimit() {
        String c = collectionWithTags();
        Qdrant.json("{\"key\": \"n\", \"limit\": 1, \"exact\": true}").post("/collections/" + c + "/facet")
                .then().statusCode(200).body("result.hits", hasSize(1))
                .body("result.hits[0].value", equalTo(2)).body("result.hits[0].count", equalTo(2));
        Qdrant.json("{\"key\": \"ok\", \"filter\": {\"must\": [{\"key\": \"n\", \"match\": {\"value\": 2}}]}}")
                .post("/collections/" + c + "/facet").then().statusCode(200)
                .body("result.hits[0].value", equalTo(false)).body("result.hits[0].count", equalTo(1))
                .body("result.hits[1].value", equalTo(true)).body("result.hits[1].count", equalTo(1));
    }

    @Test
    void aKeyWithoutAnIndexIsABadRequest() {
        String c = collectionWithTags();
        Qdrant.json("{\"key\": \"missing\"}").post("/collections/" + c + "/facet").then().statusCode(400)
                .body("status.error", containsString("No appropriate index for faceting: `missing`"));
    }
}
