package io.vjvector.api;

import static io.restassured.RestAssured.delete;
import static io.restassured.RestAssured.get;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class IndexesResourceTest {

    @Test
    void createdIndexesShowInPayloadSchemaAndCanBeDropped() {
        String c = Qdrant.createCollection("indexes", 4, "Dot");
        Qdrant.upsertFour(c);
        Qdrant.json("{\"field_name\": \"city\", \"field_schema\": \"keyword\"}").put("/collections/" + c + "/index?wait=true")
                .then().statusCode(200).body("result.status", equalTo("completed"));
        Qdrant.json("{\"field_name\": \"n\", \"field_schema\": {\"type\": \"integer\", \"lookup\": true, \"range\": true}}")
                .put("/collections/" + c + "/index")
                .then().statusCode(200).body("result.status", equalTo("completed"));
        get("/collections/" + c).then().statusCode(200)
                .body("result.payload_schema.city.data_type", equalTo("keyword"))
                .body("result.payload_schema.city.points", equalTo(3))
                .body("result.payload_schema.n.data_type", equalTo("integer"));
        Qdrant.json("{\"filter\": {\"must\": [{\"key\": \"city\", \"match\": {\"value\": \"Berlin\"}}]}}")
                .post("/collections/" + c + "/points/count").then().body("result.count", equalTo(2));

        delete("/collections/" + c + "/index/city").then().statusCode(200).body("result.status", equalTo("completed"));
        get("/collections/" + c).then().body("result.payload_schema", not(hasKey("city")));
    }
}
