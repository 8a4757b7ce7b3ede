package io.vjvector.engine.filter;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vjvector.engine.point.PointId;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * For random payloads (mixed types, arrays, nulls, missing keys), random index types (including
 * ones that do not fit the data) and random filters, the index candidates always contain every
 * point the filter matches, and the estimate is never below the true count.
 */
class PayloadIndexesRandomizedTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] FIELDS = {"k", "i", "f", "b", "o.s", "arr[].v", "d"};
    private static final String[] DATETIMES = {
        "2023-02-08T10:49:00Z", "2023-02-08 11:49:00+01:00", "2023-02-08", "2023-02-09T00:00:00.5Z",
        "2024-01-01T00:00", "not a date", "2023-02-30"
    };
    private static final String[] WORDS = {"red", "green", "blue", "", "Red"};
    private static final PayloadSchemaType[] TYPES = PayloadSchemaType.values();

    @Test
    void candidatesAreASupersetOfTheMatches() {
        long seed = System.nanoTime();
        System.out.println("PayloadIndexesRandomizedTest seed=" + seed);
        Random r = new Random(seed);
        for (int round = 0; round < 4; round++) {
            runRound(r, seed, round);
        }
    }

    private void runRound(Random r, long seed, int round) {
        int n = 300 + r.nextInt(700);
        JsonNode[] payloads = new JsonNode[n];
        boolean[] live = new boolean[n];
        PayloadIndexes indexes = new PayloadIndexes();
        // Half the indexes exist before the points arrive, half are built from existing points.
        Map<String, PayloadSchemaType> plan = new LinkedHashMap<>();
        for (String field : FIELDS) {
            if (r.nextInt(5) > 0) {
                plan.put(field, TYPES[r.nextInt(TYPES.length)]);
            }
        }
        plan.forEach((field, type) -> {
            if (r.nextBoolean()) {
                indexes.create(field, type, Map.<Integer, JsonNode>of().entrySet());
            }
        });
        for (int i = 0; i < n; i++) {
            payloads[i] = randomPayload(r);
            live[i] = true;
            indexes.add(i, payloads[i]);
        }
        Map<Integer, JsonNode> existing = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            existing.put(i, payloads[i]);
        }
        plan.forEach((field, type) -> {
            if (!indexes.schema().containsKey(field)) {
                indexes.create(field, type, existing.entrySet());
            }
        });
        for (int i = 0; i < n / 5; i++) {
            int o = r.nextInt(n);
            if (!live[o]) {
                continue;
            }
            if (r.nextBoolean()) {
                indexes.remove(o, payloads[o]);
                live[o] = false;
            } else {
                JsonNode next = randomPayload(r);
                indexes.replace(o, payloads[o], next);
                payloads[o] = next;
            }
        }
        String context = "seed=" + seed + " round=" + round + " indexes=" + indexes.schema();
        int narrowed = 0;
        for (int q = 0; q < 300; q++) {
            JsonNode json = randomFilter(r, 1);
            Filter filter = Filter.parse(json);
            Optional<BitSet> candidates = indexes.candidates(filter);
            long matches = 0;
            for (int i = 0; i < n; i++) {
                if (!live[i] || !filter.test(PointId.of(i), payloads[i])) {
                    continue;
                }
                matches++;
                if (candidates.isPresent() && !candidates.get().get(i)) {
                    throw new AssertionError(context + " filter=" + json + " misses ordinal " + i + " payload=" + payloads[i]);
                }
            }
            narrowed += candidates.isPresent() ? 1 : 0;
            long estimate = indexes.estimate(filter, n);
            assertTrue(estimate >= matches, context + " filter=" + json + " estimate " + estimate + " < " + matches);
        }
        assertTrue(narrowed > 0, context + ": no filter was narrowed; the generator does not exercise the indexes");
    }

    private static ObjectNode randomPayload(Random r) {
        ObjectNode p = NODES.objectNode();
        maybe(r, p, "k", () -> r.nextInt(4) == 0 ? randomArray(r, () -> keyword(r)) : keyword(r));
        maybe(r, p, "i", () -> r.nextInt(4) == 0 ? randomArray(r, () -> number(r)) : number(r));
        maybe(r, p, "f", () -> r.nextInt(4) == 0 ? randomArray(r, () -> number(r)) : number(r));
        maybe(r, p, "b", () -> r.nextInt(4) == 0 ? randomArray(r, () -> anything(r)) : anything(r));
        maybe(r, p, "d", () -> r.nextInt(4) == 0 ? randomArray(r, () -> datetime(r)) : datetime(r));
        if (r.nextInt(3) > 0) {
            ObjectNode o = p.putObject("o");
            maybe(r, o, "s", () -> r.nextInt(3) == 0 ? randomArray(r, () -> keyword(r)) : anything(r));
        }
        if (r.nextInt(3) > 0) {
            ArrayNode arr = p.putArray("arr");
            for (int i = r.nextInt(4); i > 0; i--) {
                ObjectNode e = arr.addObject();
                maybe(r, e, "v", () -> r.nextInt(4) == 0 ? randomArray(r, () -> number(r)) : number(r));
            }
        }
        return p;
    }

    private static void maybe(Random r, ObjectNode target, String key, java.util.function.Supplier<JsonNode> value) {
        if (r.nextInt(6) > 0) {
            target.set(key, value.get());
        }
    }

    private static ArrayNode randomArray(Random r, java.util.function.Supplier<JsonNode> element) {
        ArrayNode a = NODES.arrayNode();
        for (int i = r.nextInt(4); i > 0; i--) {
            a.add(r.nextInt(8) == 0 ? anything(r) : element.get());
        }
        return a;
    }

    private static JsonNode keyword(Random r) {
        return r.nextInt(6) == 0 ? anything(r) : NODES.textNode(WORDS[r.nextInt(WORDS.length)]);
    }

    private static JsonNode number(Random r) {
        return switch (r.nextInt(9)) {
            case 0 -> NODES.numberNode(r.nextInt(7) - 3 + 0.5);
            case 1 -> NODES.numberNode(r.nextBoolean() ? -0.0 : 0.0);
            case 2 -> NODES.numberNode((r.nextBoolean() ? 1L : -1L) * ((1L << 53) + r.nextInt(5)));
            case 3 -> NODES.numberNode(r.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE);
            case 4 -> NODES.numberNode(new java.math.BigInteger("18446744073709551615"));
            case 5 -> anything(r);
            default -> NODES.numberNode(r.nextInt(7) - 3);
        };
    }

    private static JsonNode datetime(Random r) {
        return r.nextInt(6) == 0 ? anything(r) : NODES.textNode(DATETIMES[r.nextInt(DATETIMES.length)]);
    }

    private static JsonNode anything(Random r) {
        return switch (r.nextInt(7)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(r.nextBoolean());
            case 2 -> NODES.textNode(WORDS[r.nextInt(WORDS.length)]);
            case 3 -> NODES.numberNode(r.nextInt(5) - 2);
            case 4 -> NODES.numberNode(r.nextInt(5) - 2.5);
            case 5 -> NODES.arrayNode();
            default -> NODES.objectNode();
        };
    }

    private static ObjectNode randomFilter(Random r, int depth) {
        ObjectNode f = NODES.objectNode();
        for (String clause : new String[] {"must", "should", "must_not"}) {
            if (r.nextInt(clause.equals("must") ? 4 : 3) > 0) {
                ArrayNode list = f.putArray(clause);
                for (int i = r.nextInt(3) + (clause.equals("must") ? 1 : 0); i > 0; i--) {
                    list.add(randomCondition(r, depth));
                }
            }
        }
        if (r.nextInt(5) == 0) {
            ObjectNode ms = f.putObject("min_should");
            ArrayNode list = ms.putArray("conditions");
            int count = r.nextInt(4);
            for (int i = 0; i < count; i++) {
                list.add(randomCondition(r, depth));
            }
            ms.put("min_count", r.nextInt(count + 2));
        }
        return f;
    }

    private static JsonNode randomCondition(Random r, int depth) {
        int kind = r.nextInt(depth < 3 ? 12 : 11);
        ObjectNode c = NODES.objectNode();
        switch (kind) {
            case 0 -> c.putObject("is_empty").put("key", FIELDS[r.nextInt(FIELDS.length)]);
            case 1 -> c.putObject("is_null").put("key", FIELDS[r.nextInt(FIELDS.length)]);
            case 2 -> {
                ArrayNode ids = c.putArray("has_id");
                for (int i = r.nextInt(4); i > 0; i--) {
                    ids.add(r.nextInt(1000));
                }
            }
            case 11 -> {
                return randomFilter(r, depth + 1);
            }
            default -> {
                c.put("key", FIELDS[r.nextInt(FIELDS.length)]);
                if (r.nextInt(3) > 0) {
                    c.set("match", randomMatch(r));
                }
                if (!c.has("match") || r.nextInt(5) == 0) {
                    c.set("range", r.nextInt(3) == 0 ? randomDatetimeRange(r) : randomRange(r));
                }
            }
        }
        return c;
    }

    private static ObjectNode randomMatch(Random r) {
        ObjectNode m = NODES.objectNode();
        boolean strings = r.nextBoolean();
        switch (r.nextInt(5)) {
            case 0, 1 -> {
                if (r.nextInt(3) == 0) {
                    m.put("value", r.nextBoolean());
                } else if (strings) {
                    m.put("value", WORDS[r.nextInt(WORDS.length)]);
                } else {
                    m.set("value", matchInteger(r));
                }
            }
            case 2, 3 -> {
                ArrayNode list = m.putArray(r.nextInt(3) == 0 ? "except" : "any");
                for (int i = r.nextInt(4); i > 0; i--) {
                    if (strings) {
                        list.add(WORDS[r.nextInt(WORDS.length)]);
                    } else {
                        list.add(matchInteger(r));
                    }
                }
            }
            default -> {
                String word = WORDS[r.nextInt(WORDS.length)];
                m.put("text", word.substring(0, Math.min(word.length(), r.nextInt(3))));
            }
        }
        return m;
    }

    private static JsonNode matchInteger(Random r) {
        return r.nextInt(8) == 0 ? NODES.numberNode(Long.MAX_VALUE) : NODES.numberNode(r.nextInt(7) - 3);
    }

    private static ObjectNode randomDatetimeRange(Random r) {
        ObjectNode range = NODES.objectNode();
        for (String op : new String[] {"gt", "gte", "lt", "lte"}) {
            if (r.nextInt(3) == 0) {
                range.put(op, DATETIMES[r.nextInt(5)]);
            }
        }
        if (range.isEmpty()) {
            range.put("gte", DATETIMES[r.nextInt(5)]);
        }
        return range;
    }

    private static ObjectNode randomRange(Random r) {
        ObjectNode range = NODES.objectNode();
        for (String op : new String[] {"gt", "gte", "lt", "lte"}) {
            if (r.nextInt(3) == 0) {
                switch (r.nextInt(5)) {
                    case 0 -> range.put(op, r.nextInt(7) - 3 + 0.5);
                    case 1 -> range.put(op, (double) (1L << 53) + r.nextInt(5) - 2);
                    case 2 -> range.put(op, r.nextBoolean() ? 9.223372036854776E18 : -9.223372036854776E18);
                    case 3 -> range.put(op, r.nextBoolean() ? -0.0 : 0.0);
                    default -> range.put(op, r.nextInt(7) - 3);
                }
            }
        }
        return range;
    }
}
