package io.vjvector.collection;

import static io.vjvector.collection.Collections.filter;
import static io.vjvector.collection.Collections.search;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vjvector.engine.filter.Filter;
import io.vjvector.engine.index.Distance;
import io.vjvector.engine.index.VectorValue;
import io.vjvector.engine.index.sparse.SparseVector;
import io.vjvector.engine.point.PointId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Search and recommend groups over three shards equal a brute-force grouping of the full exact
 * ranking (seed printed; pass it back with {@code -Dvjvector.groups.seed=...}).
 */
class GroupedSearchTest {

    private static final int DIM = 8;
    private static final int POINTS = 500;

    /** Group values: strings, integers, arrays of both (with repeats), and values that put a point in no group. */
    private static JsonNode groupValue(Random rnd) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (rnd.nextInt(7)) {
            case 0, 1 -> f.textNode("s" + rnd.nextInt(12));
            case 2, 3 -> f.numberNode(rnd.nextInt(12));
            case 4 -> {
                ArrayNode a = f.arrayNode();
                for (int j = rnd.nextInt(3); j >= 0; j--) {
                    a.add(rnd.nextBoolean() ? f.textNode("s" + rnd.nextInt(12)) : f.numberNode(rnd.nextInt(12)));
                }
                if (rnd.nextInt(4) == 0) {
                    a.add(f.booleanNode(false));
                }
                yield a;
            }
            case 5 -> f.numberNode(1.5);
            default -> f.booleanNode(true);
        };
    }

    private static List<PointStruct> points(Random rnd) {
        List<PointStruct> out = new ArrayList<>();
        for (int id = 0; id < POINTS; id++) {
            ObjectNode payload = JsonNodeFactory.instance.objectNode().put("color", Collections.COLORS[rnd.nextInt(3)]);
            if (rnd.nextInt(10) > 0) {
                payload.set("g", groupValue(rnd));
            }
            out.add(new PointStruct(PointId.of(id), Collections.vector(DIM, rnd), payload));
        }
        return out;
    }

    /**
     * The test's own reading of group values: strings and integers, arrays one level, each once;
     * any other value there puts the point in no group (Qdrant's rule).
     */
    private static Set<Object> values(JsonNode payload) {
        Set<Object> out = new LinkedHashSet<>();
        JsonNode v = payload.get("g");
        if (v == null) {
            return out;
        }
        for (JsonNode e : v.isArray() ? v : List.of(v)) {
            if (e.isTextual()) {
                out.add(e.textValue());
            } else if (e.isIntegralNumber()) {
                out.add(e.longValue());
            } else {
                return Set.of();
            }
        }
        return out;
    }

    /** Brute force: walk the whole ranking once, filling groups in the order they appear. */
    private static Map<Object, List<PointId>> bruteForce(List<ScoredPoint> ranking, int groupSize, int limit) {
        Map<Object, List<PointId>> groups = new LinkedHashMap<>();
        for (ScoredPoint p : ranking) {
            for (Object value : values(p.payload())) {
                List<PointId> members = groups.computeIfAbsent(value, v -> new ArrayList<>());
                if (members.size() < groupSize) {
                    members.add(p.id());
                }
            }
        }
        Map<Object, List<PointId>> first = new LinkedHashMap<>();
        for (Map.Entry<Object, List<PointId>> e : groups.entrySet()) {
            if (first.size() < limit) {
                first.put(e.getKey(), e.getValue());
            }
        }
        return first;
    }

    private static Map<Object, List<PointId>> asMap(List<PointGroup> groups) {
        Map<Object, List<PointId>> out = new LinkedHashMap<>();
        for (PointGroup g : groups) {
            out.put(g.id(), g.hits().stream().map(ScoredPoint::id).toList());
        }
        return out;
    }

    @Test
    void searchGroupsEqualBruteForceGrouping() {
        long seed = Long.getLong("vjvector.groups.seed", System.nanoTime());
        System.out.println("GroupedSearchTest seed=" + seed);
        Random rnd = new Random(seed);
        LocalCollectionService service = Collections.service();
        service.create("g", Collections.params(DIM, Distance.COSINE, 3, 0));
        service.upsert("g", points(rnd));
        Filter red = filter("{'must': {'key': 'color', 'match': {'value': 'red'}}}");
        int[][] shapes = {{1, 1}, {3, 2}, {5, 10}, {4, 40}};
        for (int q = 0; q < 8; q++) {
            float[] v = Collections.vector(DIM, rnd);
            Filter f = q % 2 == 0 ? null : red;
            int groupSize = shapes[q % shapes.length][0];
            int limit = shapes[q % shapes.length][1];
            List<ScoredPoint> ranking = service.search("g", search(v, f, POINTS, 0, true));
            SearchRequest request = new SearchOptions(f, limit, 0, null, null, true, WithPayload.NONE, false).search(v);
            List<PointGroup> groups = service.searchGroups("g", request, new GroupRequest("g", groupSize, limit, null));
            String where = "seed=" + seed + " query " + q + " group_size " + groupSize + " limit " + limit;
            assertEquals(bruteForce(ranking, groupSize, limit), asMap(groups), where);
            groups.forEach(g -> g.hits().forEach(h -> assertNull(h.payload(), where + ": payload not asked for")));
        }
    }

    @Test
    void recommendGroupsEqualBruteForceGroupingOfTheRecommendation() {
        long seed = Long.getLong("vjvector.groups.seed", System.nanoTime());
        System.out.println("GroupedSearchTest seed=" + seed);
        Random rnd = new Random(seed);
        LocalCollectionService service = Collections.service();
        service.create("r", Collections.params(DIM, Distance.EUCLID, 3, 0));
        service.upsert("r", points(rnd));
        List<PointId> positive = List.of(PointId.of(rnd.nextInt(POINTS)));
        List<PointId> negative = List.of(PointId.of(rnd.nextInt(POINTS)));
        SearchOptions all = new SearchOptions(null, POINTS, 0, null, null, true, WithPayload.ALL, false);
        List<ScoredPoint> ranking = service.recommend("r", all.recommend(positive, List.of(), negative, List.of()));
        SearchOptions options = new SearchOptions(null, 6, 0, null, null, true, WithPayload.ALL, false);
        List<PointGroup> groups = service.recommendGroups("r", options.recommend(positive, List.of(), negative, List.of()),
                new GroupRequest("g", 3, 6, null));
        assertEquals(bruteForce(ranking, 3, 6), asMap(groups), "seed=" + seed);
        groups.forEach(g -> g.hits().forEach(h -> assertNotNull(h.payload())));
    }

    @Test
    void groupsOfANamedOrSparseVectorEqualBruteForceGroupingOfThatVectorsRanking() {
        long seed = Long.getLong("vjvector.groups.seed", System.nanoTime());
        System.out.println("GroupedSearchTest seed=" + seed);
        Random rnd = new Random(seed);
        LocalCollectionService service = Collections.service();
        VectorsConfig vectors = new VectorsConfig(true, Map.of(
                "a", new VectorsConfig.DenseVector(DIM, Distance.COSINE, null, null, null, null, null),
                "b", new VectorsConfig.DenseVector(3, Distance.EUCLID, null, null, null, null, null)),
                Map.of("s", new VectorsConfig.SparseVector(true, null, null, null)));
        service.create("n", new CollectionParams(DIM, Distance.COSINE, 3, 1, 1, 16, 100, 0, null, null, vectors));
        List<PointStruct> named = new ArrayList<>();
        for (PointStruct p : points(rnd)) {
            named.add(new PointStruct(p.id(), Map.of("a", new VectorValue.Dense(Collections.vector(DIM, rnd)),
                    "b", new VectorValue.Dense(Collections.vector(3, rnd)), "s", new VectorValue.Sparse(sparse(rnd))),
                    p.payload()));
        }
        service.upsert("n", named);
        Map<String, VectorValue> queries = Map.of("a", new VectorValue.Dense(Collections.vector(DIM, rnd)),
                "b", new VectorValue.Dense(Collections.vector(3, rnd)), "s", new VectorValue.Sparse(sparse(rnd)));
        SearchOptions all = new SearchOptions(null, POINTS, 0, null, null, true, WithPayload.ALL, false);
        SearchOptions page = new SearchOptions(null, 5, 0, null, null, true, WithPayload.NONE, false);
        GroupRequest group = new GroupRequest("g", 3, 5, null);
        queries.forEach((using, query) -> {
            List<ScoredPoint> ranking = service.search("n", new SearchRequest(using, query, all));
            List<PointGroup> groups = service.searchGroups("n", new SearchRequest(using, query, page), group);
            assertEquals(bruteForce(ranking, 3, 5), asMap(groups), "seed=" + seed + " using " + using);
        });
        List<PointId> positive = List.of(PointId.of(rnd.nextInt(POINTS)));
        List<ScoredPoint> ranking = service.recommend("n",
                new RecommendRequest(positive, List.of(), List.of(), List.of(), all, "b"));
        List<PointGroup> groups = service.recommendGroups("n",
                new RecommendRequest(positive, List.of(), List.of(), List.of(), page, "b"), group);
        assertEquals(bruteForce(ranking, 3, 5), asMap(groups), "seed=" + seed + " recommend using b");
    }

    /** A sparse vector of 1 to 4 positive values over 12 dimensions. */
    private static SparseVector sparse(Random rnd) {
        int n = 1 + rnd.nextInt(4);
        int[] indices = new int[n];
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            indices[i] = i * 3 + rnd.nextInt(3);
            values[i] = 0.1f + rnd.nextFloat();
        }
        return SparseVector.of(indices, values);
    }

    @Test
    void lookupAddsThePointWhoseIdIsTheGroupValue() {
        LocalCollectionService service = Collections.service();
        service.create("items", Collections.params(2, Distance.DOT, 2, 0));
        service.create("owners", Collections.params(2, Distance.DOT, 1, 0));
        JsonNodeFactory f = JsonNodeFactory.instance;
        service.upsert("items", List.of(
                new PointStruct(PointId.of(10), new float[] {1, 0}, f.objectNode().put("owner", 1)),
                new PointStruct(PointId.of(11), new float[] {0.9f, 0}, f.objectNode().put("owner", 2)),
                new PointStruct(PointId.of(12), new float[] {0.8f, 0}, f.objectNode().put("owner", "nobody"))));
        service.upsert("owners", List.of(new PointStruct(PointId.of(1), new float[] {0, 1}, f.objectNode().put("name", "Ann"))));
        SearchRequest request = new SearchOptions(null, 5, 0, null, null, true, WithPayload.NONE, false).search(new float[] {1, 0});
        List<PointGroup> groups = service.searchGroups("items", request,
                new GroupRequest("owner", 1, 5, new GroupRequest.Lookup("owners", WithPayload.ALL, false)));
        assertEquals(List.of(1L, 2L, "nobody"), groups.stream().map(PointGroup::id).toList());
        assertEquals("Ann", groups.get(0).lookup().payload().get("name").textValue());
        assertNull(groups.get(1).lookup());
        assertNull(groups.get(2).lookup());
    }
}
