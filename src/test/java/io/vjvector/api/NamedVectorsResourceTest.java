package io.vjvector.api;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Named, sparse and hybrid collections over REST, in Qdrant's shapes. */
@QuarkusTest
class NamedVectorsResourceTest {

    private static final String CREATE = """
            {"vectors": {"dense": {"size": 2, "distance": "Dot"}, "img": {"size": 2, "distance": "Euclid"}},
             "sparse_vectors": {"words": {}, "bm25": {"modifier": "idf"}}}""";

    private static String hybrid(String name) {
        String c = name + "_" + System.nanoTime();
        Qdrant.json(CREATE).put("/collections/" + c).then().statusCode(200);
        Qdrant.upsert(c, """
                {"points": [
                  {"id": 1, "vector": {"dense": [1, 0], "img": [0, 0], "words": {"indices": [1, 2], "values": [1, 1]},
                                       "bm25": {"text": "the quick brown fox", "model": "qdrant/bm25"}}},
                  {"id": 2, "vector": {"dense": [0, 1], "words": {"indices": [2, 3], "values": [3, 1]},
                                       "bm25": {"text": "a lazy dog sleeps", "model": "Qdrant/bm25"}}},
                  {"id": 3, "vector": {"dense": [0.7, 0.7], "img": [5, 5]}}
                ]}""");
        return c;
    }

    @Test
    void collectionInfoReportsNamedAndSparseVectors() {
        String c = hybrid("info");
        io.restassured.RestAssured.get("/collections/" + c).then().statusCode(200)
                .body("result.config.params.vectors.dense.size", equalTo(2))
                .body("result.config.params.vectors.img.distance", equalTo("Euclid"))
                .body("result.config.params.sparse_vectors.bm25.modifier", equalTo("idf"))
                .body("result.points_count", equalTo(3));
    }

    @Test
    void eachNamedVectorIsSearchedOnItsOwnAndPointsWithoutItAreNotFound() {
        String c = hybrid("using");
        Qdrant.json("{\"query\": [0, 0], \"using\": \"img\", \"limit\": 10}")
                .post("/collections/" + c + "/points/query").then().statusCode(200)
                .body("result.points.id", contains(1, 3));
        Qdrant.json("{\"vector\": {\"name\": \"dense\", \"vector\": [1, 0]}, \"limit\": 1}")
                .post("/collections/" + c + "/points/search").then().statusCode(200)
                .body("result[0].id", equalTo(1));
        Qdrant.json("{\"query\": {\"indices\": [2], \"values\": [1]}, \"using\": \"words\", \"limit\": 10}")
                .post("/collections/" + c + "/points/query").then().statusCode(200)
                .body("result.points.id", contains(2, 1))
                .body("result.points.score", contains(3.0f, 1.0f));
    }

    @Test
    void bm25TextQueriesFindTheDocumentThatHasTheWords() {
        String c = hybrid("bm25");
        Qdrant.json("{\"query\": {\"text\": \"dogs\", \"model\": \"qdrant/bm25\"}, \"using\": \"bm25\", \"limit\": 10}")
                .post("/collections/" + c + "/points/query").then().statusCode(200)
                .body("result.points.id", contains(2));
    }

    @Test
    void prefetchesFuseByReciprocalRank() {
        String c = hybrid("rrf");
        // dense ranks 1, 3, 2; words ranks 2, 1. RRF (k = 2, ranks from 0): 1 -> 1/2 + 1/3, 2 -> 1/4 + 1/2, 3 -> 1/3.
        Qdrant.json("""
                {"prefetch": [{"query": [1, 0], "using": "dense", "limit": 3},
                              {"query": {"indices": [2], "values": [1]}, "using": "words", "limit": 3}],
                 "query": {"fusion": "rrf"}, "limit": 3}""")
                .post("/collections/" + c + "/points/query").then().statusCode(200)
                .body("result.points.id", contains(1, 2, 3));
        Qdrant.json("""
                {"prefetch": [{"query": [1, 0], "using": "dense"}], "query": {"fusion": "dbsf"}, "limit": 2,
                 "filter": {"must_not": [{"has_id": [1]}]}}""")
                .post("/collections/" + c + "/points/query").then().statusCode(200)
                .body("result.points.id", contains(3, 2));
    }

    @Test
    void vectorsComeBackByNameAndCanBeUpdatedOrRemovedOneAtATime() {
        String c = hybrid("vectors");
        Qdrant.json("{\"ids\": [3], \"with_vector\": [\"img\"]}").post("/collections/" + c + "/points")
                .then().statusCode(200)
                .body("result[0].vector.img", contains(5.0f, 5.0f))
                .body("result[0].vector.dense", nullValue());
        Qdrant.json("{\"points\": [{\"id\": 2, \"vector\": {\"img\": [1, 1]}}]}")
                .put("/collections/" + c + "/points/vectors?wait=true").then().statusCode(200);
        Qdrant.json("{\"points\": [1], \"vector\": [\"img\", \"words\"]}")
                .post("/collections/" + c + "/points/vectors/delete?wait=true").then().statusCode(200);
        Qdrant.json("{\"ids\": [1, 2], \"with_vector\": true}").post("/collections/" + c + "/points")
                .then().statusCode(200)
                .body("result[0].vector.img", nullValue())
                .body("result[0].vector.words", nullValue())
                .body("result[0].vector.dense", contains(1.0f, 0.0f))
                .body("result[1].vector.img", contains(1.0f, 1.0f))
                .body("result[1].vector.words.indices", contains(2, 3));
    }

    @Test
    void badVectorsNameTheFieldAndChangeNothing() {
        String c = hybrid("bad");
        Qdrant.json("{\"points\": [{\"id\": 9, \"vector\": {\"audio\": [1]}}]}")
                .put("/collections/" + c + "/points?wait=true").then().statusCode(400)
                .body("status.error", containsString("Not existing vector name error: audio"));
        Qdrant.json("{\"points\": [{\"id\": 9, \"vector\": {\"words\": {\"indices\": [1, 1], \"values\": [1, 2]}}}]}")
                .put("/collections/" + c + "/points?wait=true").then().statusCode(400)
                .body("status.error", containsString("points[0].vector.words"));
        Qdrant.json("{\"points\": [{\"id\": 9, \"vector\": {\"dense\": [1, 2, 3]}}]}")
                .put("/collections/" + c + "/points?wait=true").then().statusCode(400)
                .body("status.error", containsString("points[0].vector.dense"));
        Qdrant.json("{\"points\": [{\"id\": 9, \"vector\": {\"dense\": {\"text\": \"x\", \"model\": \"nope\"}}}]}")
                .put("/collections/" + c + "/points?wait=true").then().statusCode(400)
                .body("status.error", containsString("unknown model"));
        Qdrant.json("{\"points\": [{\"id\": 1, \"vector\": {\"img\": [1, 1]}}]}")
                .put("/collections/" + c + "/points/vectors?wait=true").then().statusCode(200);
        Qdrant.json("{\"points\": [99], \"vector\": [\"img\"]}")
                .post("/collections/" + c + "/points/vectors/delete?wait=true").then().statusCode(404);
        Qdrant.json("{\"vectors\": {\"a\": {\"size\": 2, \"distance\": \"Dot\"}}, \"sparse_vectors\": {\"a\": {}}}")
                .put("/collections/bad_clash_" + System.nanoTime()).then().statusCode(400)
                .body("status.error", containsString("sparse_vectors.a"));
        Qdrant.json("{\"prefetch\": {\"query\": [1, 0], \"using\": \"dense\"}, \"query\": {\"fusion\": \"max\"}}")
                .post("/collections/" + c + "/points/query").then().statusCode(400)
                .body("status.error", containsString("query.fusion"));
        Qdrant.json("{\"limit\": 10}").post("/collections/" + c + "/points/scroll").then().statusCode(200)
                .body("result.points", hasSize(3));
    }

    @Test
    void multivectorsAreStoredAndSearchedByMaxSim() {
        String c = "multi_" + System.nanoTime();
        Qdrant.json("""
                {"vectors": {"colbert": {"size": 2, "distance": "Dot", "multivector_config": {"comparator": "max_sim"}}}}""")
                .put("/collections/" + c).then().statusCode(200);
        io.restassured.RestAssured.get("/collections/" + c).then().statusCode(200)
                .body("result.config.params.vectors.colbert.multivector_config.comparator", equalTo("max_sim"));
        Qdrant.upsert(c, """
                {"points": [
                  {"id": 1, "vector": {"colbert": [[1, 0], [0, 1]]}},
                  {"id": 2, "vector": {"colbert": [[1, 0]]}},
                  {"id": 3, "vector": {"colbert": [[-1, 0], [0, -1], [0.5, 0.5]]}}
                ]}""");
        // MaxSim: query rows [1, 0] and [0, 1]; point 1: 1 + 1 = 2, point 2: 1 + 0 = 1, point 3: 0.5 + 0.5 = 1.
        Qdrant.json("{\"query\": [[1, 0], [0, 1]], \"using\": \"colbert\", \"limit\": 3, \"with_vector\": true}")
                .post("/collections/" + c + "/points/query").then().statusCode(200)
                .body("result.points.id", contains(1, 2, 3))
                .body("result.points.score", contains(2.0f, 1.0f, 1.0f))
                .body("result.points[0].vector.colbert", hasSize(2));
        Qdrant.json("{\"points\": [{\"id\": 4, \"vector\": {\"colbert\": [1, 0]}}]}")
                .put("/collections/" + c + "/points?wait=true").then().statusCode(400)
                .body("status.error", containsString("points[0].vector.colbert"));
        Qdrant.json("{\"points\": [{\"id\": 4, \"vector\": {\"colbert\": [[1, 0, 0]]}}]}")
                .put("/collections/" + c + "/points?wait=true").then().statusCode(400)
                .body("status.error", containsString("expected 2 dimensions"));
    }
}
