package io.vjvector.engine.filter;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vjvector.engine.payload.JsonPath;
import io.vjvector.engine.point.PointId;
import java.math.BigInteger;
import java.util.List;

/**
 * Writes a {@link Filter} back as Qdrant's filter JSON, so that {@link Filter#parse} reads an equal
 * filter: the form in which filters cross between nodes. Qdrant's own JSON is the wire form because
 * the receiving node then checks a filter exactly as it checks one from a client, and a gateway can
 * forward a client's filter unchanged.
 *
 * <p>Parsing is not one-to-one (several spellings read to one model), so the writer picks the
 * spelling that reads back to the same conditions: a field condition's parts that the parser split
 * into a {@code should} of single parts are written as that {@code should}; a full-text match bound
 * to an index ({@link Match.Tokens}) is written as the match the client wrote, since binding is the
 * receiving shard's business.
 */
public final class FilterWriter {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private FilterWriter() {
    }

    /** Qdrant's JSON for {@code filter} (an empty object for {@link Filter#matchAll()}). */
    public static ObjectNode write(Filter filter) {
        ObjectNode out = NODES.objectNode();
        clause(out, "must", filter.must());
        clause(out, "should", filter.should());
        clause(out, "must_not", filter.mustNot());
        MinShould minShould = filter.minShould();
        if (minShould != null) {
            ObjectNode min = out.putObject("min_should");
            min.set("conditions", conditions(minShould.conditions()));
            min.put("min_count", minShould.minCount());
        }
        return out;
    }

    private static void clause(ObjectNode out, String name, List<Condition> conditions) {
        if (!conditions.isEmpty()) {
            out.set(name, conditions(conditions));
        }
    }

    private static ArrayNode conditions(List<Condition> conditions) {
        ArrayNode array = NODES.arrayNode(conditions.size());
        for (Condition c : conditions) {
            array.add(condition(c));
        }
        return array;
    }

    private static ObjectNode condition(Condition condition) {
        if (condition instanceof Condition.Field f) {
            ObjectNode out = keyed(f.key());
            if (f.match() != null) {
                out.set("match", match(f.match()));
            }
            if (f.range() != null) {
                out.set("range", range(f.range()));
            }
            return out;
        }
        if (condition instanceof Condition.Values v) {
            ObjectNode out = keyed(v.key());
            valueTest(out, v.test());
            return out;
        }
        if (condition instanceof Condition.Count c) {
            ObjectNode out = keyed(c.key());
            ValuesCount b = c.bounds();
            bounds(out.putObject("values_count"), b.gt(), b.gte(), b.lt(), b.lte());
            return out;
        }
        if (condition instanceof Condition.Nested n) {
            ObjectNode out = NODES.objectNode();
            ObjectNode nested = out.putObject("nested");
            nested.put("key", n.key().toString());
            nested.set("filter", write(n.filter()));
            return out;
        }
        if (condition instanceof Condition.HasVector v) {
            // Written unbound: the receiving shard binds it to its own vectors.
            ObjectNode out = NODES.objectNode();
            out.put("has_vector", v.name());
            return out;
        }
        if (condition instanceof Condition.IsEmpty e) {
            ObjectNode out = NODES.objectNode();
            out.putObject("is_empty").put("key", e.key().toString());
            return out;
        }
        if (condition instanceof Condition.IsNull e) {
            ObjectNode out = NODES.objectNode();
            out.putObject("is_null").put("key", e.key().toString());
            return out;
        }
        if (condition instanceof Condition.HasId h) {
            ObjectNode out = NODES.objectNode();
            ArrayNode ids = out.putArray("has_id");
            // Sorted so that one filter always writes the same bytes (the set has no order).
            h.ids().stream().sorted().forEach(id -> ids.add(pointId(id)));
            return out;
        }
        // A filter as a condition is written as the filter object itself, which the parser reads
        // back as a sub-filter (an object without key, is_empty, is_null, has_id or nested).
        return write(((Condition.Sub) condition).filter());
    }

    private static ObjectNode keyed(JsonPath key) {
        ObjectNode out = NODES.objectNode();
        out.put("key", key.toString());
        return out;
    }

    private static ObjectNode match(Match match) {
        ObjectNode out = NODES.objectNode();
        if (match instanceof Match.Keyword k) {
            out.put("value", k.value());
        } else if (match instanceof Match.Integral i) {
            out.put("value", i.value());
        } else if (match instanceof Match.Bool b) {
            out.put("value", b.value());
        } else if (match instanceof Match.Any a) {
            out.set("any", values(a.values()));
        } else if (match instanceof Match.Except e) {
            out.set("except", values(e.values()));
        } else if (match instanceof Match.Text t) {
            out.put("text", t.text());
        } else if (match instanceof Match.TextAny t) {
            out.put("text_any", t.text());
        } else if (match instanceof Match.Phrase p) {
            out.put("phrase", p.text());
        } else {
            return match(((Match.Tokens) match).source());
        }
        return out;
    }

    private static ArrayNode values(MatchValues values) {
        ArrayNode out = NODES.arrayNode(values.size());
        if (values.isKeywords()) {
            // Sorted so that one filter always writes the same bytes (the set has no order).
            values.keywordSet().stream().sorted().forEach(out::add);
        } else {
            for (long v : values.integerArray()) {
                out.add(v);
            }
        }
        return out;
    }

    private static ObjectNode range(Range r) {
        ObjectNode out = NODES.objectNode();
        bounds(out, r.gt(), r.gte(), r.lt(), r.lte());
        return out;
    }

    private static void valueTest(ObjectNode out, ValueTest test) {
        if (test instanceof DatetimeRange d) {
            ObjectNode range = out.putObject("range");
            putDatetime(range, "gt", d.gt());
            putDatetime(range, "gte", d.gte());
            putDatetime(range, "lt", d.lt());
            putDatetime(range, "lte", d.lte());
        } else if (test instanceof GeoShape.Radius r) {
            ObjectNode radius = out.putObject("geo_radius");
            radius.set("center", point(r.center()));
            radius.put("radius", r.meters());
        } else if (test instanceof GeoShape.BoundingBox b) {
            ObjectNode box = out.putObject("geo_bounding_box");
            box.set("top_left", point(b.topLeft()));
            box.set("bottom_right", point(b.bottomRight()));
        } else {
            GeoShape.Polygon p = (GeoShape.Polygon) test;
            ObjectNode polygon = out.putObject("geo_polygon");
            polygon.set("exterior", ring(p.exterior()));
            ArrayNode interiors = polygon.putArray("interiors");
            for (List<GeoPoint> hole : p.interiors()) {
                interiors.add(ring(hole));
            }
        }
    }

    private static void putDatetime(ObjectNode out, String name, Long micros) {
        if (micros != null) {
            out.put(name, Datetimes.formatMicros(micros));
        }
    }

    private static ObjectNode ring(List<GeoPoint> points) {
        ObjectNode out = NODES.objectNode();
        ArrayNode array = out.putArray("points");
        for (GeoPoint p : points) {
            array.add(point(p));
        }
        return out;
    }

    private static ObjectNode point(GeoPoint p) {
        ObjectNode out = NODES.objectNode();
        out.put("lon", p.lon());
        out.put("lat", p.lat());
        return out;
    }

    /** Writes the non-null bounds; numbers keep their type (a {@link Double} or a {@link Long}). */
    private static void bounds(ObjectNode out, Number gt, Number gte, Number lt, Number lte) {
        bound(out, "gt", gt);
        bound(out, "gte", gte);
        bound(out, "lt", lt);
        bound(out, "lte", lte);
    }

    private static void bound(ObjectNode out, String name, Number value) {
        if (value instanceof Double d) {
            out.put(name, d);
        } else if (value != null) {
            out.put(name, value.longValue());
        }
    }

    /** A point id as Qdrant writes it: an unsigned integer (up to 2^64-1) or a UUID string. */
    public static com.fasterxml.jackson.databind.JsonNode pointId(PointId id) {
        if (id instanceof PointId.Num n) {
            return n.value() >= 0 ? NODES.numberNode(n.value())
                    : NODES.numberNode(new BigInteger(Long.toUnsignedString(n.value())));
        }
        return NODES.textNode(id.toString());
    }
}
