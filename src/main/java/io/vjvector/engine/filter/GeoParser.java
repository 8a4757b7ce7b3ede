package io.vjvector.engine.filter;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Qdrant's geo conditions: {@code geo_radius {center, radius}}, {@code geo_bounding_box
 * {top_left, bottom_right}} and {@code geo_polygon {exterior: {points}, interiors: [{points}]}},
 * with points as {@code {"lon", "lat"}} in degrees.
 */
final class GeoParser {

    /** Qdrant's minimum: a closed ring needs three corners and the repeated first point. */
    private static final int MIN_RING_POINTS = 4;

    private GeoParser() {
    }

    static GeoShape.Radius radius(JsonNode node, String path) {
        Map<String, JsonNode> fields = fields(node, path, "center and radius", "center", "radius");
        JsonNode radius = required(fields, "radius", path, "a distance in meters");
        if (!radius.isNumber() || !Double.isFinite(radius.doubleValue()) || radius.doubleValue() < 0) {
            throw new FilterException(path + ".radius", "expected a non-negative number of meters");
        }
        return new GeoShape.Radius(point(required(fields, "center", path, "a {\"lon\", \"lat\"} point"),
                path + ".center"), radius.doubleValue());
    }

    static GeoShape.BoundingBox boundingBox(JsonNode node, String path) {
        Map<String, JsonNode> fields = fields(node, path, "top_left and bottom_right", "top_left", "bottom_right");
        GeoPoint topLeft = point(required(fields, "top_left", path, "a {\"lon\", \"lat\"} point"), path + ".top_left");
        GeoPoint bottomRight = point(required(fields, "bottom_right", path, "a {\"lon\", \"lat\"} point"),
                path + ".bottom_right");
        if (topLeft.lat() < bottomRight.lat()) {
            throw new FilterException(path, "top_left.lat must not be below bottom_right.lat");
        }
        return new GeoShape.BoundingBox(topLeft, bottomRight);
    }

    static GeoShape.Polygon polygon(JsonNode node, String path) {
        Map<String, JsonNode> fields = fields(node, path, "exterior and interiors", "exterior", "interiors");
        List<GeoPoint> exterior = ring(required(fields, "exterior", path, "{\"points\": [...]}"), path + ".exterior");
        List<List<GeoPoint>> interiors = new ArrayList<>();
        JsonNode holes = fields.get("interiors");
        if (holes != null && !holes.isNull()) {
            if (!holes.isArray()) {
                throw new FilterException(path + ".interiors", "expected an array of {\"points\": [...]}");
            }
            for (int i = 0; i < holes.size(); i++) {
                interiors.add(ring(holes.get(i), path + ".interiors[" + i + "]"));
            }
        }
        return new GeoShape.Polygon(exterior, interiors);
    }

    private static List<GeoPoint> ring(JsonNode node, String path) {
        Map<String, JsonNode> fields = fields(node, path, "points", "points");
        JsonNode points = required(fields, "points", path, "an array of {\"lon\", \"lat\"} points");
        String at = path + ".points";
        if (!points.isArray() || points.size() < MIN_RING_POINTS) {
            throw new FilterException(at, "expected an array of at least " + MIN_RING_POINTS
                    + " {\"lon\", \"lat\"} points, the last equal to the first");
        }
        List<GeoPoint> ring = new ArrayList<>(points.size());
        for (int i = 0; i < points.size(); i++) {
            ring.add(point(points.get(i), at + "[" + i + "]"));
        }
        if (!ring.get(0).equals(ring.get(ring.size() - 1))) {
            throw new FilterException(at, "the ring must be closed: the last point must equal the first");
        }
        return ring;
    }

    private static GeoPoint point(JsonNode node, String path) {
        Map<String, JsonNode> fields = fields(node, path, "lon and lat", "lon", "lat");
        double lon = coordinate(required(fields, "lon", path, "a longitude in degrees"), path + ".lon", 180);
        double lat = coordinate(required(fields, "lat", path, "a latitude in degrees"), path + ".lat", 90);
        return new GeoPoint(lon, lat);
    }

    private static double coordinate(JsonNode value, String path, double limit) {
        if (!value.isNumber() || !(Math.abs(value.doubleValue()) <= limit)) {
            throw new FilterException(path, "expected a number from -" + (int) limit + " to " + (int) limit);
        }
        return value.doubleValue();
    }

    /** The members of {@code node}, which must be an object holding only {@code allowed} ones. */
    private static Map<String, JsonNode> fields(JsonNode node, String path, String expected, String... allowed) {
        if (!node.isObject()) {
            throw new FilterException(path, "expected an object with " + expected);
        }
        List<String> names = List.of(allowed);
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!names.contains(field.getKey())) {
                throw new FilterException(path + "." + field.getKey(), "unknown field; expected " + expected);
            }
        }
        Map<String, JsonNode> map = new HashMap<>();
        node.properties().forEach(e -> map.put(e.getKey(), e.getValue()));
        return map;
    }

    private static JsonNode required(Map<String, JsonNode> fields, String name, String path, String what) {
        JsonNode value = fields.get(name);
        if (value == null || value.isNull()) {
            throw new FilterException(path + "." + name, "required: " + what);
        }
        return value;
    }
}
