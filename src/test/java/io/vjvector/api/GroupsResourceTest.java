package io.vjvector.api;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class GroupsResourceTest {

    private static String shop() {
        String c = Qdrant.createCollection("groups", 2, "Dot");
        Qdrant.upsert(c, """
                {"points": [
                  {"id": 1, "vector": [1.0, 0], "payload": {"brand": "acme", "tags": [1, 2]}},
                  {"id": 2, "vector": [0.9, 0], "payload": {"brand": "acme", "tags": [2]}},
                  {"id": 3, "vector": [0.8, 0], "payload": {"brand": "bolt"}},
                  {"id": 4, "vector": [0.7, 0], "payload": {"brand": "acme"}},
                  {"id": 5, "vector": [0.6, 0], "payload": {"brand": "coil", "tags": 1}},
                  {"id": 6, "vector": [0.5, 0]}
                ]}""");
        return c;
    }

    @Test
    void searchGroupsBestGroupFirstWithItsBestHits() {
        String c = shop();
        Qdrant.json("{\"vector\": [1, 0], \"group_by\": \"brand\", \"group_size\": 2, \"limit\": 2}")
                .post("/collections/" + c + "/points/search/groups").then().statusCode(200)
                .body("result.groups", hasSize(2))
                .body("result.groups[0].id", equalTo("acme"))
                .body("result.groups[0].hits.id", equalTo(List.of(1, 2)))
                .body("result.groups[0].hits[0].payload", nullValue())
                .body("result.groups[0]", not(hasKey("lookup")))
                .body("result.groups[1].id", equalTo("bolt"))
                .body("result.groups[1].hits.id", equalTo(List.of(3)));
    }

    @Test
    void anArrayPutsAPointInSeveralIntegerGroups() {
        String c = shop();
        Qdrant.json("{\"vector\": [1, 0], \"group_by\": \"tags\", \"group_size\": 3, \"limit\": 5, \"with_payload\": true}")
                .post("/collections/" + c + "/points/search/groups").then().statusCode(200)
                .body("result.groups.id", equalTo(List.of(1, 2)))
                .body("result.groups[0].hits.id", equalTo(List.of(1, 5)))
                .body("result.groups[1].hits.id", equalTo(List.of(1, 2)))
                .body("result.groups[0].hits[0].payload.brand", equalTo("acme"));
    }

    @Test
    void recommendGroupsWithALookupByCollectionName() {
        String c = shop();
        String owners = Qdrant.createCollection("group_owners", 2, "Dot");
        Qdrant.upsert(owners, "{\"points\": [{\"id\": 2, \"vector\": [0, 1], \"payload\": {\"name\": \"two\"}}]}");
        Qdrant.json("{\"positive\": [1], \"group_by\": \"tags\", \"group_size\": 1, \"limit\": 3, \"with_lookup\": \""
                        + owners + "\"}")
                .post("/collections/" + c + "/points/recommend/groups").then().statusCode(200)
                .body("result.groups.id", equalTo(List.of(2, 1)))
                .body("result.groups[0].hits.id", equalTo(List.of(2)))
                .body("result.groups[0].lookup.id", equalTo(2))
                .body("result.groups[0].lookup.payload.name", equalTo("two"))
                .body("result.groups[1]", not(hasKey("lookup")));
    }
}
