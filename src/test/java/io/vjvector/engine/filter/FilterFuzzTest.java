package io.vjvector.engine.filter;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vjvector.engine.point.PointId;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random JSON shaped like filters (right keys, wrong types, odd nesting) never makes the parser
 * throw anything but {@link FilterException}, and whatever it accepts evaluates without throwing.
 */
class FilterFuzzTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] KEYS = {
        "must", "should", "must_not", "min_should", "conditions", "min_count", "key", "match", "range",
        "value", "any", "except", "text", "gt", "gte", "lt", "lte", "is_empty", "is_null", "has_id",
        "nested", "filter", "geo_radius", "geo_bounding_box", "geo_polygon", "center", "radius", "top_left",
        "bottom_right", "exterior", "interiors", "points", "lon", "lat", "values_count", "x"
    };
    private static final String[] STRINGS = {
        "a", "a.b", "a[].b", "a[0]", "\"q\"", "", "a..b", "[]", "550e8400-e29b-41d4-a716-446655440000", "red", "a[99999999999]",
        "2023-02-08T10:49:00Z", "2023-02-08 10:49", "2023-02-08", "2023-02-30T00:00:00+01:00"
    };

    @Test
    void parserThrowsOnlyFilterExceptionAndAcceptedFiltersEvaluate() {
        long seed = System.nanoTime();
        System.out.println("FilterFuzzTest seed=" + seed);
        Random random = new Random(seed);
        int accepted = 0;
        for (int i = 0; i < 20_000; i++) {
            JsonNode candidate = random.nextInt(4) == 0 ? randomNode(random, 0) : randomFilter(random, 0);
            Filter filter;
            try {
                filter = Filter.parse(candidate, 1 + random.nextInt(5));
            } catch (FilterException expected) {
                continue;
            } catch (Throwable t) {
                fail("seed=" + seed + " input=" + candidate, t);
                return;
            }
            accepted++;
            JsonNode payload = randomNode(random, 0);
            try {
                filter.test(PointId.of(random.nextInt(3)), payload);
                filter.test(PointId.of(random.nextInt(3)), randomObject(random, 0));
            } catch (Throwable t) {
                fail("seed=" + seed + " filter=" + candidate + " payload=" + payload, t);
            }
        }
        if (accepted == 0) {
            fail("seed=" + seed + ": no random filter was accepted; the generator is too wild to test evaluation");
        }
    }

    private static ObjectNode randomFilter(Random r, int depth) {
        ObjectNode f = NODES.objectNode();
        int clauses = r.nextInt(3);
        for (int i = 0; i < clauses; i++) {
            String clause = new String[] {"must", "should", "must_not"}[r.nextInt(3)];
            ArrayNode list = f.putArray(clause);
            for (int j = r.nextInt(3); j > 0; j--) {
                list.add(randomCondition(r, depth));
            }
        }
        if (r.nextInt(5) == 0) {
            ObjectNode ms = f.putObject("min_should");
            ArrayNode list = ms.putArray("conditions");
            for (int j = r.nextInt(3); j > 0; j--) {
                list.add(randomCondition(r, depth));
            }
            ms.set("min_count", r.nextInt(4) == 0 ? randomNode(r, 3) : NODES.numberNode(r.nextInt(3)));
        }
        if (r.nextInt(10) == 0) {
            f.set(KEYS[r.nextInt(KEYS.length)], randomNode(r, depth + 1));
        }
        return f;
    }

    private static JsonNode randomCondition(Random r, int depth) {
        switch (r.nextInt(6)) {
            case 0 -> {
                return depth < 4 ? randomFilter(r, depth + 1) : NODES.objectNode();
            }
            case 1 -> {
                ObjectNode c = NODES.objectNode();
                c.putObject(r.nextBoolean() ? "is_empty" : "is_null").set("key", randomScalar(r));
                return c;
            }
            case 2 -> {
                ObjectNode c = NODES.objectNode();
                ArrayNode ids = c.putArray("has_id");
                for (int i = r.nextInt(3); i > 0; i--) {
                    ids.add(randomScalar(r));
                }
                return c;
            }
            case 3 -> {
                return randomNode(r, depth + 1);
            }
            default -> {
                ObjectNode c = NODES.objectNode();
                c.set("key", r.nextInt(5) == 0 ? randomScalar(r) : NODES.textNode(STRINGS[r.nextInt(4)]));
                if (r.nextBoolean()) {
                    ObjectNode m = c.putObject("match");
                    m.set(new String[] {"value", "any", "except", "text"}[r.nextInt(4)],
                            r.nextBoolean() ? randomScalar(r) : randomNode(r, 3));
                } else {
                    ObjectNode range = c.putObject("range");
                    range.set(new String[] {"gt", "gte", "lt", "lte"}[r.nextInt(4)], randomScalar(r));
                }
                if (r.nextInt(8) == 0) {
                    c.set(KEYS[r.nextInt(KEYS.length)], randomNode(r, 3));
                }
                return c;
            }
        }
    }

    private static JsonNode randomNode(Random r, int depth) {
        if (depth >= 3 || r.nextInt(3) == 0) {
            return randomScalar(r);
        }
        if (r.nextBoolean()) {
            ArrayNode a = NODES.arrayNode();
            for (int i = r.nextInt(4); i > 0; i--) {
                a.add(randomNode(r, depth + 1));
            }
            return a;
        }
        return randomObject(r, depth);
    }

    private static ObjectNode randomObject(Random r, int depth) {
        ObjectNode o = NODES.objectNode();
        for (int i = r.nextInt(4); i > 0; i--) {
            o.set(r.nextBoolean() ? KEYS[r.nextInt(KEYS.length)] : "a", randomNode(r, depth + 1));
        }
        return o;
    }

    private static JsonNode randomScalar(Random r) {
        return switch (r.nextInt(9)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(r.nextBoolean());
            case 2 -> NODES.numberNode(r.nextInt(5) - 2);
            case 3 -> NODES.numberNode(r.nextDouble() * 10 - 5);
            case 4 -> NODES.numberNode(new BigInteger(70, r).subtract(BigInteger.ONE.shiftLeft(69)));
            case 5 -> NODES.numberNode(r.nextBoolean() ? Double.NaN : Double.POSITIVE_INFINITY);
            case 6 -> NODES.numberNode(r.nextLong());
            default -> NODES.textNode(STRINGS[r.nextInt(STRINGS.length)]);
        };
    }
}
