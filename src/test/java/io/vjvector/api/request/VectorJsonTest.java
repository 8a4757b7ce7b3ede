package io.vjvector.api.request;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vjvector.api.StrictJson;
import io.vjvector.api.dto.QueryBody;
import io.vjvector.api.dto.SearchBody;
import io.vjvector.api.dto.UpsertBody;
import io.vjvector.error.VJVectorException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VectorJsonTest {

    private static final ObjectMapper TREE = new ObjectMapper();
    /** The REST server's mapper. */
    private static final ObjectMapper REQUESTS = new StrictJson(new ObjectMapper()).getContext(Object.class);
    private static final long SEED = Long.getLong("vjvector.test.seed", System.nanoTime());

    private static JsonNode searchVector(String vectorJson) throws Exception {
        return REQUESTS.readValue("{\"vector\": " + vectorJson + ", \"limit\": 3}", SearchBody.class).vector();
    }

    private static JsonNode query(String queryJson) throws Exception {
        return REQUESTS.readValue("{\"query\": " + queryJson + "}", QueryBody.class).query();
    }

    @Test
    void denseVectorsReadAsTheFloatsTheTreeGives() throws Exception {
        System.out.println("VectorJsonTest seed=" + SEED + " (-Dvjvector.test.seed to replay)");
        SplittableRandom random = new SplittableRandom(SEED);
        for (int round = 0; round < 200; round++) {
            int dim = 1 + random.nextInt(800);
            StringBuilder json = new StringBuilder("[");
            for (int i = 0; i < dim; i++) {
                double v = switch (random.nextInt(4)) {
                    case 0 -> random.nextInt(-1000, 1000);
                    case 1 -> random.nextDouble(-1, 1) * 1e-30;
                    case 2 -> random.nextDouble(-1, 1) * 3e38;
                    default -> random.nextGaussian();
                };
                json.append(i == 0 ? "" : ",").append(v == Math.rint(v) && Math.abs(v) < 1e6 ? Long.toString((long) v)
                        : Double.toString(v));
            }
            String vector = json.append(']').toString();
            JsonNode fast = searchVector(vector);
            assertInstanceOf(FloatsNode.class, fast, "round " + round);
            assertArrayEquals(VectorReader.read(TREE.readTree(vector), "vector", dim),
                    VectorReader.read(fast, "vector", dim), "round " + round + ": " + vector);
            assertEquals(TREE.readTree(vector).size(), fast.size());
        }
    }

    @Test
    void theReaderTakesACopyOfTheFloats() throws Exception {
        JsonNode node = searchVector("[1, 2, 3]");
        VectorReader.read(node, "vector", 3)[0] = 42f;
        assertArrayEquals(new float[] {1f, 2f, 3f}, VectorReader.read(node, "vector", 3));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "[1, 2]                  | vector       | expected 3 dimensions, got 2",
            "[1, \"NaN\", 3]         | vector[1]    | must be a number, got \"NaN\"",
            "[1, 1e39, 3]            | vector[1]    | must be a finite 32-bit float, got 1.0E39",
            "[1, -1e400, 3]          | vector[1]    | finite",
            "[1, 123456789012345678901234567890123456789012, 3] | vector[1] | finite",
            "[1, null, 3]            | vector[1]    | must be a number",
            "[1, [2], 3]             | vector[1]    | must be a number",
            "[[1, 2, 3]]             | vector       | not a multivector",
            "{\"indices\": [1], \"values\": [1]} | vector | not a sparse vector",
            "[]                      | vector       | expected 3 dimensions, got 0"})
    void badVectorsAreReportedAsWithoutTheFastPath(String json, String field, String rule) throws Exception {
        for (JsonNode node : new JsonNode[] {TREE.readTree(json), searchVector(json)}) {
            VJVectorException e = assertThrows(VJVectorException.class, () -> VectorReader.read(node, "vector", 3));
            assertEquals(field, e.field());
            assertTrue(e.getMessage().contains(rule), e.getMessage());
        }
    }

    @Test
    void sparseVectorsAndDocumentsKeepTheirJsonTypes() throws Exception {
        JsonNode sparse = searchVector("{\"name\": \"text\", \"vector\": {\"indices\": [1, 7], \"values\": [0.5, 1]}}");
        assertTrue(sparse.get("vector").get("indices").get(0).isInt());
        assertFalse(sparse.get("vector").get("values") instanceof FloatsNode);
        JsonNode named = searchVector("{\"name\": \"image\", \"vector\": [1, 2, 3]}");
        assertEquals("image", named.get("name").textValue());
        assertInstanceOf(FloatsNode.class, named.get("vector"));
        JsonNode document = query("{\"nearest\": {\"text\": \"hi\", \"model\": \"m\", \"options\": {\"k\": [1, 2]}}}");
        assertTrue(document.get("nearest").get("options").get("k").get(0).isInt());
    }

    @Test
    void onlyNearestQueriesReadFloats() throws Exception {
        assertInstanceOf(FloatsNode.class, query("[0.5, 1, 2]"));
        assertInstanceOf(FloatsNode.class, query("{\"nearest\": [0.5, 1, 2], \"mmr\": {\"diversity\": 0.5}}").get("nearest"));
        JsonNode recommend = query("{\"recommend\": {\"positive\": [1, 2, 3]}}");
        assertTrue(recommend.get("recommend").get("positive").get(0).isInt());
        JsonNode formula = query("{\"formula\": {\"sum\": [0.1, \"$score\"]}}");
        assertTrue(formula.get("formula").get("sum").get(0).isDouble());
        assertTrue(query("42").isInt());
        assertTrue(query("null").isNull());
        assertEquals(null, REQUESTS.readValue("{\"limit\": 1}", QueryBody.class).query());
    }

    @Test
    void upsertsReadEveryShapeOfPointVectors() throws Exception {
        UpsertBody points = REQUESTS.readValue("{\"points\": [{\"id\": 1, \"vector\": [1, 2]},"
                + " {\"id\": 2, \"vector\": {\"a\": [3, 4], \"m\": [[1, 2], [3, 4]], \"s\": {\"indices\": [5], \"values\": [1]}}}]}",
                UpsertBody.class);
        assertInstanceOf(FloatsNode.class, points.points().get(0).vector());
        JsonNode named = points.points().get(1).vector();
        assertInstanceOf(FloatsNode.class, named.get("a"));
        assertInstanceOf(FloatsNode.class, named.get("m").get(1));
        assertTrue(named.get("s").get("indices").get(0).isInt());
        UpsertBody batch = REQUESTS.readValue("{\"batch\": {\"ids\": [1, 2], \"vectors\": [[1, 2], null]}}",
                UpsertBody.class);
        assertInstanceOf(FloatsNode.class, batch.batch().vectors().get(0));
        assertTrue(batch.batch().vectors().get(1).isNull());
        UpsertBody named2 = REQUESTS.readValue("{\"batch\": {\"ids\": [1], \"vectors\": {\"a\": [[1, 2]]}}}",
                UpsertBody.class);
        assertArrayEquals(new float[] {1f, 2f}, VectorReader.read(named2.batch().vectors().get("a").get(0), "v", 2));
    }

    @Test
    void aJsonNullVectorStaysANullNode() throws Exception {
        assertTrue(searchVector("null").isNull());
    }
}
