package io.vjvector.api;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DistanceMatrixResourceTest {

    private static String line() {
        String c = Qdrant.createCollection("matrix", 2, "Euclid");
        // Points on a line: each one's nearest neighbours are its neighbours on the line.
        Qdrant.upsert(c, """
                {"points": [
                  {"id": 1, "vector": [0, 0], "payload": {"k": "a"}},
                  {"id": 2, "vector": [1, 0], "payload": {"k": "a"}},
                  {"id": 3, "vector": [3, 0], "payload": {"k": "a"}},
                  {"id": 4, "vector": [7, 0], "payload": {"k": "b"}}
                ]}""");
        return c;
    }

    @Test
    void pairsHoldEachSampledPointsNearestSampledNeighbours() {
        String c = line();
        List<Map<String, Object>> pairs = Qdrant.json("{\"sample\": 4, \"limit\": 1}")
                .post("/collections/" + c + "/points/search/matrix/pairs")
                .then().statusCode(200).body("result.pairs", hasSize(4)).extract().path("result.pairs");
        assertEquals(List.of(List.of(1, 2), List.of(2, 1), List.of(3, 2), List.of(4, 3)),
                pairs.stream().map(p -> List.of(p.get("a"), p.get("b"))).toList());
        assertEquals(1.0f, ((Number) pairs.get(0).get("score")).floatValue(), 1e-6);
    }

    @Test
    void offsetsAreTheSameMatrixInCoordinateFormUnderAFilter() {
        String c = line();
        Qdrant.json("{\"filter\": {\"must\": [{\"key\": \"k\", \"match\": {\"value\": \"a\"}}]}}")
                .post("/collections/" + c + "/points/search/matrix/offsets")
                .then().statusCode(200)
                .body("result.ids", equalTo(List.of(1, 2, 3)))
                .body("result.offsets_row", equalTo(List.of(0, 0, 1, 1, 2, 2)))
                .body("result.offsets_col", equalTo(List.of(1, 2, 0, 2, 1, 0)))
                .body("result.scores", hasSize(6));
    }

    @Test
    void fewerThanTwoPointsGiveAnEmptyMatrix() {
        String c = line();
        Qdrant.json("{\"filter\": {\"must\": [{\"key\": \"k\", \"match\": {\"value\": \"b\"}}]}}")
                .post("/collections/" + c + "/points/search/matrix/pairs")
                .then().statusCode(200).body("result.pairs", hasSize(0));
    }
}
