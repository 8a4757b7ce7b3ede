package io.vjvector.engine.shard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vjvector.engine.filter.Filter;
import io.vjvector.engine.filter.PayloadSchemaType;
import io.vjvector.engine.index.Distance;
import io.vjvector.engine.point.PointId;
import io.vjvector.error.ErrorKind;
import io.vjvector.error.VJVectorException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Facet counts, value-ordered scrolls, samples and conditional upserts of one shard against
 * brute force over the same seeded payloads (seed printed; pass it back with
 * {@code -Dvjvector.shard.reads.seed=...}).
 */
class ShardPayloadReadsTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] TAGS = {"a", "b", "c", "d", "e"};
    private static final int POINTS = 600;

    private static long seed() {
        long seed = Long.getLong("vjvector.shard.reads.seed", System.nanoTime());
        System.out.println("ShardPayloadReadsTest seed=" + seed);
        return seed;
    }

    /** Payloads with a keyword (string or array with repeats, sometimes a number), an integer, a bool and a float. */
    private static List<ObjectNode> payloads(Random rnd) {
        List<ObjectNode> out = new ArrayList<>();
        for (int i = 0; i < POINTS; i++) {
            ObjectNode p = NODES.objectNode();
            switch (rnd.nextInt(4)) {
                case 0 -> p.put("tag", TAGS[rnd.nextInt(TAGS.length)]);
                case 1 -> {
                    ArrayNode tags = p.putArray("tag");
                    for (int j = rnd.nextInt(4); j >= 0; j--) {
                        tags.add(TAGS[rnd.nextInt(TAGS.length)]);
                    }
                }
                case 2 -> p.put("tag", rnd.nextInt(3));
                default -> {
                    // no tag at all
                }
            }
            if (rnd.nextInt(5) > 0) {
                p.put("n", rnd.nextInt(20) - 5);
            }
            p.put("flag", rnd.nextBoolean());
            p.put("price", rnd.nextInt(1000) / 10.0);
            out.add(p);
        }
        return out;
    }

    private static Shard shard(List<ObjectNode> payloads, Random rnd) {
        Shard shard = Shards.create(4, Distance.DOT, 0);
        List<PointWrite> writes = new ArrayList<>();
        for (int i = 0; i < payloads.size(); i++) {
            writes.add(Shards.point(i, payloads.get(i), rnd.nextFloat(), rnd.nextFloat(), rnd.nextFloat(), rnd.nextFloat()));
        }
        shard.upsert(writes);
        // Some deleted and replaced points: facets must count only live ones.
        shard.delete(List.of(PointId.of(1), PointId.of(2), PointId.of(3)));
        payloads.set(1, null);
        payloads.set(2, null);
        payloads.set(3, null);
        return shard;
    }

    private static Filter filter(String json) {
        try {
            return Filter.parse(new ObjectMapper().readTree(json.replace('\'', '"')));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void facetCountsEqualBruteForce() {
        long seed = seed();
        Random rnd = new Random(seed);
        List<ObjectNode> payloads = payloads(rnd);
        Shard shard = shard(payloads, rnd);
        shard.createFieldIndex("tag", PayloadSchemaType.KEYWORD);
        shard.createFieldIndex("n", PayloadSchemaType.INTEGER);
        shard.createFieldIndex("flag", PayloadSchemaType.BOOL);
        Filter flagged = filter("{'must': [{'key': 'flag', 'match': {'value': true}}]}");
        for (Filter f : new Filter[] {null, flagged}) {
            String where = "seed=" + seed + " filter=" + f;
            assertEquals(bruteForce(payloads, "tag", f, JsonNode::isTextual), shard.facetCounts("tag", f), where);
            assertEquals(bruteForce(payloads, "n", f, JsonNode::isIntegralNumber), shard.facetCounts("n", f), where);
            assertEquals(bruteForce(payloads, "flag", f, JsonNode::isBoolean), shard.facetCounts("flag", f), where);
        }
    }

    private static Map<Object, Long> bruteForce(List<ObjectNode> payloads, String key, Filter f,
                                                java.util.function.Predicate<JsonNode> kind) {
        Map<Object, Long> counts = new HashMap<>();
        for (int i = 0; i < payloads.size(); i++) {
            ObjectNode p = payloads.get(i);
            if (p == null || (f != null && !f.test(PointId.of(i), p)) || !p.has(key)) {
                continue;
            }
            Set<Object> seen = new HashSet<>();
            JsonNode v = p.get(key);
            for (JsonNode e : v.isArray() ? v : List.of(v)) {
                if (kind.test(e)) {
                    seen.add(e.isTextual() ? e.textValue() : e.isBoolean() ? (Object) e.booleanValue() : e.longValue());
                }
            }
            seen.forEach(value -> counts.merge(value, 1L, Long::sum));
        }
        return counts;
    }

    @Test
    void facetNeedsAKeywordIntegerOrBoolIndex() {
        Random rnd = new Random(1);
        Shard shard = shard(payloads(rnd), rnd);
        VJVectorException none = assertThrows(VJVectorException.class, () -> shard.facetCounts("tag", null));
        assertEquals(ErrorKind.BAD_REQUEST, none.kind());
        assertEquals("key", none.field());
        assertTrue(none.getMessage().contains("No appropriate index for faceting: `tag`"), none.getMessage());
        shard.createFieldIndex("price", PayloadSchemaType.FLOAT);
        assertThrows(VJVectorException.class, () -> shard.facetCounts("price", null));
        assertThrows(VJVectorException.class, () -> shard.facetCounts("not a path[", null));
    }

    @Test
    void orderedScrollEqualsBruteForce() {
        long seed = seed();
        Random rnd = new Random(seed);
        List<ObjectNode> payloads = payloads(rnd);
        Shard shard = shard(payloads, rnd);
        shard.createFieldIndex("n", PayloadSchemaType.INTEGER);
        shard.createFieldIndex("price", PayloadSchemaType.FLOAT);
        for (boolean descending : new boolean[] {false, true}) {
            for (JsonNode start : new JsonNode[] {null, NODES.numberNode(7)}) {
                for (String key : new String[] {"n", "price"}) {
                    OrderBy order = new OrderBy(key, descending, start);
                    List<OrderedPoint> got = shard.scrollOrdered(null, order, 25, false, false);
                    List<Object[]> expected = new ArrayList<>();
                    for (int i = 0; i < payloads.size(); i++) {
                        ObjectNode p = payloads.get(i);
                        if (p == null || !p.has(key)) {
                            continue;
                        }
                        double v = p.get(key).doubleValue();
                        if (start == null || (descending ? v <= 7 : v >= 7)) {
                            expected.add(new Object[] {v, (long) i});
                        }
                    }
                    Comparator<Object[]> ascending = Comparator.<Object[]>comparingDouble(e -> (double) e[0])
                            .thenComparingLong(e -> (long) e[1]);
                    expected.sort(descending ? ascending.reversed() : ascending);
                    String where = "seed=" + seed + " " + order;
                    assertEquals(Math.min(25, expected.size()), got.size(), where);
                    for (int i = 0; i < got.size(); i++) {
                        assertEquals(PointId.of((long) expected.get(i)[1]), got.get(i).point().id(), where + " at " + i);
                        assertEquals((double) expected.get(i)[0], got.get(i).key(), where);
                    }
                }
            }
        }
        VJVectorException e = assertThrows(VJVectorException.class,
                () -> shard.scrollOrdered(null, new OrderBy("tag", false, null), 5, false, false));
        assertEquals("order_by.key", e.field());
        assertTrue(e.getMessage().contains("No range index for `order_by` key: `tag`"), e.getMessage());
    }

    @Test
    void orderedScrollReadsAPointOncePerDistinctValueAsQdrantDoes() {
        Shard shard = Shards.create(2, Distance.DOT, 0);
        ObjectNode many = NODES.objectNode();
        many.putArray("n").add(1).add(9).add(9);
        shard.upsert(List.of(Shards.point(1, many, 1, 0), Shards.point(2, Shards.payload("n", 5), 0, 1),
                Shards.point(3, Shards.payload("n", 5), 0, 1)));
        shard.createFieldIndex("n", PayloadSchemaType.INTEGER);
        List<OrderedPoint> asc = shard.scrollOrdered(null, new OrderBy("n", false, null), 10, false, false);
        assertEquals(List.of(PointId.of(1), PointId.of(2), PointId.of(3), PointId.of(1)),
                asc.stream().map(p -> p.point().id()).toList());
        assertEquals(List.of(1L, 5L, 5L, 9L), asc.stream().map(OrderedPoint::orderValue).toList());
        // Descending reverses ties too: equal values in descending id order.
        List<OrderedPoint> desc = shard.scrollOrdered(null, new OrderBy("n", true, null), 10, false, false);
        assertEquals(List.of(PointId.of(1), PointId.of(3), PointId.of(2), PointId.of(1)),
                desc.stream().map(p -> p.point().id()).toList());
        List<OrderedPoint> from = shard.scrollOrdered(null, new OrderBy("n", false, NODES.numberNode(2)), 2, false, false);
        assertEquals(List.of(PointId.of(2), PointId.of(3)), from.stream().map(p -> p.point().id()).toList());
    }

    @Test
    void conditionalUpsertReplacesOnlyMatchingPointsAndInsertsNewOnes() {
        Shard shard = Shards.create(2, Distance.DOT, 0);
        shard.upsert(List.of(Shards.point(1, Shards.payload("v", 1), 1, 0), Shards.point(2, Shards.payload("v", 2), 0, 1)));
        Filter v1 = filter("{'must': [{'key': 'v', 'match': {'value': 1}}]}");
        shard.upsert(List.of(Shards.point(1, Shards.payload("v", 10), 1, 1), Shards.point(2, Shards.payload("v", 20), 1, 1),
                Shards.point(3, Shards.payload("v", 30), 1, 1)), v1);
        Map<PointId, Long> values = new HashMap<>();
        for (StoredPoint p : shard.retrieve(List.of(PointId.of(1), PointId.of(2), PointId.of(3)), true, false)) {
            values.put(p.id(), p.payload().get("v").longValue());
        }
        assertEquals(Map.of(PointId.of(1), 10L, PointId.of(2), 2L, PointId.of(3), 30L), values);
    }

    @Test
    void sampleIsTheSmallestSampleKeysAmongMatchingPoints() {
        Random rnd = new Random(7);
        List<ObjectNode> payloads = payloads(rnd);
        Shard shard = shard(payloads, rnd);
        Filter flagged = filter("{'must': [{'key': 'flag', 'match': {'value': true}}]}");
        List<PointId> expected = new ArrayList<>();
        for (int i = 0; i < payloads.size(); i++) {
            if (payloads.get(i) != null && payloads.get(i).get("flag").booleanValue()) {
                expected.add(PointId.of(i));
            }
        }
        expected.sort(PointSample.ORDER);
        List<StoredPoint> sample = shard.sample(flagged, 12);
        assertEquals(expected.subList(0, 12), sample.stream().map(StoredPoint::id).toList());
        assertTrue(sample.stream().allMatch(p -> p.vector() != null && p.vector().length == 4));
    }
}
