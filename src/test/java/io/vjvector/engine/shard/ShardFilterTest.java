package io.vjvector.engine.shard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vjvector.engine.filter.Filter;
import io.vjvector.engine.filter.PayloadSchemaType;
import io.vjvector.engine.index.Distance;
import io.vjvector.engine.kernels.ScalarKernels;
import io.vjvector.engine.point.PointId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Filtered search, count, scroll and filter-selected writes against a model, on every planner
 * path (exact over the allow-list, graph with the allow-list as predicate) and with and without
 * payload field indexes.
 */
class ShardFilterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DIM = 5;
    private static final int POINTS = 1000;
    private static final String[] COLORS = {"red", "green", "blue", "black"};

    static Filter filter(String json) {
        try {
            return Filter.parse(JSON.readTree(json.replace('\'', '"')));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static final List<String> FILTERS = List.of(
            "{'must': {'key': 'color', 'match': {'value': 'red'}}}",
            "{'must': [{'key': 'color', 'match': {'any': ['green', 'blue']}}, {'key': 'n', 'range': {'gte': 100, 'lt': 900}}]}",
            "{'must': {'key': 'n', 'range': {'lt': 15}}}",
            "{'must_not': {'key': 'color', 'match': {'value': 'black'}}, 'should': [{'key': 'flag', 'match': {'value': true}}]}",
            "{'must': {'key': 'n', 'match': {'value': 77}}}",
            "{'must': {'key': 'color', 'match': {'value': 'purple'}}}");

    private record Model(Map<Long, float[]> vectors, Map<Long, ObjectNode> payloads) {
    }

    private static Model fill(Shard shard, Random rnd) {
        Model model = new Model(new TreeMap<>(), new TreeMap<>());
        List<PointWrite> batch = new ArrayList<>();
        for (long id = 0; id < POINTS; id++) {
            float[] v = new float[DIM];
            for (int i = 0; i < DIM; i++) {
                v[i] = (float) rnd.nextGaussian();
            }
            ObjectNode p = JsonNodeFactory.instance.objectNode()
                    .put("color", COLORS[rnd.nextInt(COLORS.length)])
                    .put("n", (int) id)
                    .put("flag", rnd.nextInt(3) == 0);
            batch.add(new PointWrite(PointId.of(id), v, p));
            model.vectors().put(id, v);
            model.payloads().put(id, p);
        }
        shard.upsert(batch);
        return model;
    }

    @Test
    void filteredSearchEqualsBruteForceOnEveryPlanAndWithFieldIndexes() {
        long seed = System.nanoTime();
        System.out.println("ShardFilterTest seed=" + seed);
        Random rnd = new Random(seed);
        // Threshold 0 and m 0 for the planner's cost rule: the graph path whenever the filter
        // is estimated above k·ln(N) matches. Huge threshold: always an exact scan.
        for (int threshold : new int[] {0, Integer.MAX_VALUE}) {
            Shard shard = Shards.create(DIM, Distance.EUCLID, new SearchDefaults(threshold, 100, 0));
            Model model = fill(shard, new Random(seed));
            for (boolean indexed : new boolean[] {false, true}) {
                if (indexed) {
                    shard.createFieldIndex("color", PayloadSchemaType.KEYWORD);
                    shard.createFieldIndex("n", PayloadSchemaType.INTEGER);
                    shard.createFieldIndex("flag", PayloadSchemaType.BOOL);
                }
                for (String json : FILTERS) {
                    Filter f = filter(json);
                    String where = "seed=" + seed + " threshold=" + threshold + " indexed=" + indexed + " " + json;
                    List<Long> matching = matching(model, f);
                    assertEquals(matching.size(), shard.count(f), where);
                    float[] q = randomVector(rnd);
                    List<Long> expected = nearest(model, matching, q, 10);
                    List<ScoredHit> hits = shard.search(new ShardSearch(q, 10, f, null, false, null, true, false));
                    hits.forEach(h -> assertTrue(f.test(h.point().id(), h.point().payload()), where));
                    assertEquals(expected.size(), hits.size(), where);
                    double recall = expected.isEmpty() ? 1 : overlap(expected, hits) / (double) expected.size();
                    assertTrue(recall >= 0.9, where + " recall " + recall);
                    List<ScoredHit> exact = shard.search(new ShardSearch(q, 10, f, null, true, null, false, false));
                    assertEquals(expected, exact.stream().map(h -> ((PointId.Num) h.point().id()).value()).toList(), where);
                    List<StoredPoint> scrolled = shard.scroll(f, PointId.of(500), 40, false, false);
                    assertEquals(matching.stream().filter(id -> id >= 500).limit(40).toList(),
                            scrolled.stream().map(p -> ((PointId.Num) p.id()).value()).toList(), where);
                }
            }
        }
    }

    @Test
    void fieldIndexStatisticsCountPointsWithAValue() {
        Shard shard = Shards.create(2, Distance.DOT, 0);
        shard.upsert(List.of(
                new PointWrite(PointId.of(1), new float[] {1, 0}, JsonNodeFactory.instance.objectNode().put("k", "a")),
                new PointWrite(PointId.of(2), new float[] {1, 0}, JsonNodeFactory.instance.objectNode().putNull("k")),
                new PointWrite(PointId.of(3), new float[] {1, 0}, null)));
        shard.createFieldIndex("k", PayloadSchemaType.KEYWORD);
        assertEquals(Map.of("k", new FieldIndexInfo(PayloadSchemaType.KEYWORD, 1)), shard.fieldIndexes());
        shard.dropFieldIndex("k");
        assertTrue(shard.fieldIndexes().isEmpty());
    }

    @Test
    void deleteAndPayloadChangesSelectedByFilter() {
        Shard shard = Shards.create(DIM, Distance.DOT, 0);
        Model model = fill(shard, new Random(42));
        shard.createFieldIndex("color", PayloadSchemaType.KEYWORD);
        Filter red = filter("{'must': {'key': 'color', 'match': {'value': 'red'}}}");
        long reds = matching(model, red).size();

        shard.updatePayload(red, new PayloadUpdate.Set(JsonNodeFactory.instance.objectNode().put("color", "pink"), null));
        assertEquals(0, shard.count(red), "the index follows payload changes");
        assertEquals(reds, shard.count(filter("{'must': {'key': 'color', 'match': {'value': 'pink'}}}")));

        Filter blue = filter("{'must': {'key': 'color', 'match': {'value': 'blue'}}}");
        long blues = shard.count(blue);
        shard.delete(blue);
        assertEquals(0, shard.count(blue));
        assertEquals(POINTS - blues, shard.pointCount());
        assertTrue(shard.search(new ShardSearch(randomVector(new Random(1)), 5, blue, null, false, null, false, false)).isEmpty());
    }

    private static List<Long> matching(Model model, Filter f) {
        List<Long> out = new ArrayList<>();
        model.payloads().forEach((id, p) -> {
            if (f.test(PointId.of(id), p)) {
                out.add(id);
            }
        });
        return out;
    }

    private static List<Long> nearest(Model model, List<Long> ids, float[] q, int k) {
        return ids.stream()
                .sorted(Comparator.comparingDouble(id -> ScalarKernels.INSTANCE.squareDistance(q, model.vectors().get(id))))
                .limit(k).toList();
    }

    private static long overlap(List<Long> expected, List<ScoredHit> hits) {
        return hits.stream().filter(h -> expected.contains(((PointId.Num) h.point().id()).value())).count();
    }

    private static float[] randomVector(Random rnd) {
        float[] v = new float[DIM];
        for (int i = 0; i < DIM; i++) {
            v[i] = (float) rnd.nextGaussian();
        }
        return v;
    }
}
