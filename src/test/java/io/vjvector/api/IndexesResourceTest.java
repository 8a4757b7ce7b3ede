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

    @Test
    void aTextIndexTokenizesFiltersAndReportsItsParams() {
        String c = Qdrant.createCollection("text-index", 4, "Dot");
        Qdrant.upsert(c, """
                {"points": [
                  {"id": 1, "vector": [1, 0, 0, 0], "payload": {"body": "The quick brown foxes jumped"}},
                  {"id": 2, "vector": [0, 1, 0, 0], "payload": {"body": "A lazy dog sleeps"}},
                  {"id": 3, "vector": [0, 0, 1, 0], "payload": {"body": ["Quick thinking", "brown bread"]}},
                  {"id": 4, "vector": [0, 0, 0, 1], "payload": {"body": 42}}
                ]}""");
        String filterCount = "/collections/" + c + "/points/count";
        // Without the index: exact substrings.
        Qdrant.json("{\"filter\": {\"must\": [{\"key\": \"body\", \"match\": {\"text\": \"fox jump\"}}]}}")
                .post(filterCount).then().statusCode(200).body("result.count", equalTo(0));
        Qdrant.json("{\"filter\": {\"must\": [{\"key\": \"body\", \"match\": {\"text_any\": \"lazy brown\"}}]}}")
                .post(filterCount).then().statusCode(200).body("result.count", equalTo(3));

        Qdrant.json("""
                {"field_name": "body", "field_schema": {"type": "text", "tokenizer": "word", "min_token_len": 2,
                 "stemmer": {"type": "snowball", "language": "english"}, "stopwords": "english",
                 "phrase_matching": true}}""").put("/collections/" + c + "/index?wait=true")
                .then().statusCode(200).body("result.status", equalTo("completed"));
        get("/collections/" + c).then().statusCode(200)
                .body("result.payload_schema.body.data_type", equalTo("text"))
                .body("result.payload_schema.body.points", equalTo(3))
                .body("result.payload_schema.body.params.type", equalTo("text"))
                .body("result.payload_schema.body.params.tokenizer", equalTo("word"))
                .body("result.payload_schema.body.params.min_token_len", equalTo(2))
                .body("result.payload_schema.body.params.stemmer.language", equalTo("english"))
                .body("result.payload_schema.body.params.stopwords", equalTo("english"))
                .body("result.payload_schema.body.params.phrase_matching", equalTo(true));
        // With the index: stemmed, lowercased tokens, all of them (text), any (text_any), in order (phrase).
        Qdrant.json("{\"filter\": {\"must\": [{\"key\": \"body\", \"match\": {\"text\": \"FOX jump\"}}]}}")
                .post(filterCount).then().statusCode(200).body("result.count", equalTo(1));
        Qdrant.json("{\"filter\": {\"must\": [{\"key\": \"body\", \"match\": {\"text_any\": \"dogs bread\"}}]}}")
                .post(filterCount).then().statusCode(200).body("result.count", equalTo(2));
        Qdrant.json("{\"filter\": {\"must\": [{\"key\": \"body\", \"match\": {\"phrase\": \"the quick brown\"}}]}}")
                .post(filterCount).then().statusCode(200).body("result.count", equalTo(1));
        Qdrant.json("{\"filter\": {\"must_not\": [{\"key\": \"body\", \"match\": {\"phrase\": \"brown quick\"}}]}}")
                .post(filterCount).then().statusCode(200).body("result.count", equalTo(4));
        Qdrant.json("{\"vector\": [0, 0, 1, 0], \"limit\": 3, \"filter\": {\"must\": [{\"key\": \"body\","
                        + " \"match\": {\"text\": \"thinks\"}}]}}")
                .post("/collections/" + c + "/points/search").then().statusCode(200)
                .body("result.size()", equalTo(1)).body("result[0].id", equalTo(3));

        Qdrant.json("{\"field_name\": \"tenant\", \"field_schema\": {\"type\": \"keyword\", \"is_tenant\": true}}")
                .put("/collections/" + c + "/index?wait=true").then().statusCode(200);
        Qdrant.json("{\"field_name\": \"loc\", \"field_schema\": \"geo\"}")
                .put("/collections/" + c + "/index?wait=true").then().statusCode(200);
        get("/collections/" + c).then().statusCode(200)
                .body("result.payload_schema.tenant.params.is_tenant", equalTo(true))
                .body("result.payload_schema.loc.data_type", equalTo("geo"))
                .body("result.payload_schema.loc", not(hasKey("params")));
    }
}
