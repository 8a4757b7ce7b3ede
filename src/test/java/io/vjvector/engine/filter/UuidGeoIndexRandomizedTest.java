package io.vjvector.engine.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The candidates of {@code uuid} and {@code geo} indexes hold every point the unindexed filter
 * matches, on random data with awkward spellings (upper-case and braced UUIDs) and places (the
 * poles, the antimeridian). Replay a failure with {@code -Dvjvector.uuidgeo.seed=<seed>}.
 */
class UuidGeoIndexRandomizedTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Test
    void candidatesHoldEveryMatch() {
        long seed = Long.getLong("vjvector.uuidgeo.seed", System.nanoTime());
        System.out.println("UuidGeoIndexRandomizedTest seed=" + seed);
        Random r = new Random(seed);
        UUID[] pool = new UUID[20];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = new UUID(r.nextLong(), r.nextLong());
        }
        Map<Integer, JsonNode> payloads = new LinkedHashMap<>();
        int n = 2000;
        for (int i = 0; i < n; i++) {
            payloads.put(i, payload(r, pool));
        }
        PayloadIndexes indexes = new PayloadIndexes();
        indexes.create("u", PayloadSchemaType.UUID, payloads.entrySet());
        indexes.create("g", PayloadSchemaType.GEO, payloads.entrySet());
        long narrowed = 0;
        long matched = 0;
        for (int q = 0; q < 300; q++) {
            String condition = r.nextBoolean() ? uuidCondition(r, pool) : geoCondition(r);
            String where = "seed=" + seed + " " + condition;
            Filter filter = Filter.parse(FullTextMatchRandomizedTest.json("{'must': [" + condition + "]}"));
            BitSet candidates = indexes.candidates(filter).orElseThrow(() -> new AssertionError("not narrowed: " + where));
            int matches = 0;
            for (Map.Entry<Integer, JsonNode> e : payloads.entrySet()) {
                if (filter.test(null, e.getValue())) {
                    matches++;
                    assertTrue(candidates.get(e.getKey()), where + " candidate missing: " + e.getValue());
                }
            }
            assertTrue(indexes.estimate(filter, n) >= matches, where);
            narrowed += n - candidates.cardinality();
            matched += matches;
        }
        assertTrue(narrowed > 0, "the indexes narrow something");
        assertTrue(matched > 0, "some conditions match");
    }

    @Test
    void aNonUuidMatchValueIsNotNarrowedByTheUuidIndex() {
        PayloadIndexes indexes = new PayloadIndexes();
        indexes.create("u", PayloadSchemaType.UUID, java.util.List.of());
        indexes.add(0, NODES.objectNode().put("u", "plain"));
        Filter f = Filter.parse(FullTextMatchRandomizedTest.json("{'must': [{'key': 'u', 'match': {'value': 'plain'}}]}"));
        assertEquals(java.util.Optional.empty(), indexes.candidates(f));
        assertEquals(0, indexes.fields().get("u").points());
    }

    private static String spell(UUID u, Random r) {
        return switch (r.nextInt(4)) {
            case 0 -> u.toString();
            case 1 -> u.toString().toUpperCase(Locale.ROOT);
            case 2 -> "{" + u + "}";
            default -> u.toString().replace("-", "");
        };
    }

    private static JsonNode payload(Random r, UUID[] pool) {
        ObjectNode p = NODES.objectNode();
        switch (r.nextInt(4)) {
            case 0 -> p.put("u", spell(pool[r.nextInt(pool.length)], r));
            case 1 -> p.putArray("u").add(spell(pool[r.nextInt(pool.length)], r)).add("not-a-uuid").add(7);
            case 2 -> p.put("u", "x" + r.nextInt(3));
            default -> {
            }
        }
        switch (r.nextInt(4)) {
            case 0 -> point(p.putObject("g"), r);
            case 1 -> {
                var a = p.putArray("g");
                point(a.addObject(), r);
                point(a.addObject(), r);
            }
            case 2 -> p.putObject("g").put("lon", 200).put("lat", 0);
            default -> {
            }
        }
        return p;
    }

    private static void point(ObjectNode o, Random r) {
        double lon = switch (r.nextInt(4)) {
            case 0 -> 180 - r.nextDouble() * 2;
            case 1 -> -180 + r.nextDouble() * 2;
            case 2 -> Math.floor(r.nextDouble() * 360 - 180);
            default -> r.nextDouble() * 360 - 180;
        };
        double lat = switch (r.nextInt(4)) {
            case 0 -> 90 - r.nextDouble() * 3;
            case 1 -> -90 + r.nextDouble() * 3;
            case 2 -> Math.floor(r.nextDouble() * 180 - 90);
            default -> r.nextDouble() * 180 - 90;
        };
        o.put("lon", lon).put("lat", lat);
    }

    private static String uuidCondition(Random r, UUID[] pool) {
        if (r.nextBoolean()) {
            return "{'key': 'u', 'match': {'value': '" + spell(pool[r.nextInt(pool.length)], r) + "'}}";
        }
        return "{'key': 'u', 'match': {'any': ['" + spell(pool[r.nextInt(pool.length)], r) + "', '"
                + spell(pool[r.nextInt(pool.length)], r) + "']}}";
    }

    private static String geoCondition(Random r) {
        double lon = r.nextDouble() * 360 - 180;
        double lat = r.nextDouble() * 180 - 90;
        if (r.nextInt(4) == 0) {
            lat = r.nextBoolean() ? 89.5 : -89.5;
        }
        switch (r.nextInt(3)) {
            case 0:
                double meters = Math.pow(10, 2 + r.nextDouble() * 5);
                return "{'key': 'g', 'geo_radius': {'center': {'lon': " + lon + ", 'lat': " + lat + "}, 'radius': " + meters + "}}";
            case 1:
                double east = lon + r.nextDouble() * 60;
                if (east > 180) {
                    east -= 360;
                }
                double south = Math.max(-90, lat - r.nextDouble() * 30);
                return "{'key': 'g', 'geo_bounding_box': {'top_left': {'lon': " + lon + ", 'lat': " + lat
                        + "}, 'bottom_right': {'lon': " + east + ", 'lat': " + south + "}}}";
            default:
                double dLon = r.nextDouble() * 40;
                double dLat = r.nextDouble() * 20;
                double lon2 = Math.min(180, lon + dLon);
                double lat2 = Math.max(-90, lat - dLat);
                return "{'key': 'g', 'geo_polygon': {'exterior': {'points': [{'lon': " + lon + ", 'lat': " + lat
                        + "}, {'lon': " + lon2 + ", 'lat': " + lat + "}, {'lon': " + lon + ", 'lat': " + lat2
                        + "}, {'lon': " + lon + ", 'lat': " + lat + "}]}}}";
        }
    }
}
