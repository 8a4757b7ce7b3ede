package io.vjvector.engine.filter;

import com.fasterxml.jackson.databind.JsonNode;
import io.vjvector.engine.payload.JsonPath;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Geo points → ordinals by a grid of one-degree cells; answers {@code geo_radius},
 * {@code geo_bounding_box} and {@code geo_polygon} with the ordinals in every cell the shape's
 * bounding box touches (edges included, so a point on a cell border is never lost). Coarse on
 * purpose: the exact test decides; the grid only has to never miss a point.
 */
final class GeoIndex extends FieldIndex {

    /** Slack in degrees around a shape's box, larger than any rounding in the shapes' own tests. */
    private static final double MARGIN = 1e-6;

    private final Postings<Integer> postings = new Postings<>(HashMap::new);

    GeoIndex(JsonPath path) {
        super(path, PayloadSchemaType.GEO);
    }

    /** Cell of a point: 180 latitude rows by 360 longitude columns, poles and 180° in the last ones. */
    private static int cell(GeoPoint p) {
        int row = Math.min(179, (int) Math.floor(p.lat() + 90));
        int column = Math.min(359, (int) Math.floor(p.lon() + 180));
        return row * 360 + column;
    }

    @Override
    boolean addValue(JsonNode value, int ordinal) {
        GeoPoint p = GeoPoint.of(value);
        if (p == null) {
            return false;
        }
        postings.add(cell(p), ordinal);
        return true;
    }

    @Override
    void removeValue(JsonNode value, int ordinal) {
        GeoPoint p = GeoPoint.of(value);
        if (p != null) {
            postings.remove(cell(p), ordinal);
        }
    }

    @Override
    BitSet candidates(ValueTest test) {
        Box box = box(test);
        if (box == null) {
            return null;
        }
        BitSet out = new BitSet();
        for (Map.Entry<Integer, OrdinalSet> e : postings.map().entrySet()) {
            if (box.touches(e.getKey())) {
                e.getValue().orInto(out);
            }
        }
        return out;
    }

    @Override
    long estimate(ValueTest test) {
        Box box = box(test);
        if (box == null) {
            return -1;
        }
        long n = 0;
        for (Map.Entry<Integer, OrdinalSet> e : postings.map().entrySet()) {
            if (box.touches(e.getKey())) {
                n += e.getValue().size();
            }
        }
        return n;
    }

    /** Latitudes {@code [south, north]} and longitude intervals (two when crossing the antimeridian). */
    private record Box(double south, double north, List<double[]> lons) {

        boolean touches(int cell) {
            double row = cell / 360 - 90;
            double column = cell % 360 - 180;
            if (row > north || row + 1 < south) {
                return false;
            }
            for (double[] lon : lons) {
                if (column <= lon[1] && column + 1 >= lon[0]) {
                    return true;
                }
            }
            return false;
        }
    }

    private static final List<double[]> ALL_LONGITUDES = List.of(new double[] {-180, 180});

    private static Box box(ValueTest test) {
        if (test instanceof GeoShape.BoundingBox b) {
            double west = b.topLeft().lon() - MARGIN;
            double east = b.bottomRight().lon() + MARGIN;
            List<double[]> lons = b.topLeft().lon() <= b.bottomRight().lon()
                    ? List.of(new double[] {west, east})
                    : List.of(new double[] {west, 180}, new double[] {-180, east});
            return new Box(b.bottomRight().lat() - MARGIN, b.topLeft().lat() + MARGIN, lons);
        }
        if (test instanceof GeoShape.Polygon polygon) {
            // Holes only remove area; the exterior ring bounds the shape (planar, as the test is).
            double south = 90, north = -90, west = 180, east = -180;
            for (GeoPoint p : polygon.exterior()) {
                south = Math.min(south, p.lat());
                north = Math.max(north, p.lat());
                west = Math.min(west, p.lon());
                east = Math.max(east, p.lon());
            }
            return new Box(south - MARGIN, north + MARGIN, List.of(new double[] {west - MARGIN, east + MARGIN}));
        }
        if (test instanceof GeoShape.Radius r) {
            return radiusBox(r);
        }
        return null;
    }

    /**
     * The box around a haversine circle: a point within angular distance {@code d} of the centre
     * differs from it by at most {@code d} in latitude, and by at most {@code asin(sin d / cos φ)}
     * in longitude unless the circle reaches a pole (then every longitude).
     */
    private static Box radiusBox(GeoShape.Radius r) {
        double d = Math.max(0, r.meters()) / GeoShape.Radius.EARTH_RADIUS_METERS;
        double dDeg = Math.toDegrees(d) + MARGIN;
        double lat = r.center().lat();
        double south = lat - dDeg;
        double north = lat + dDeg;
        if (d >= Math.PI / 2 || north >= 90 || south <= -90) {
            return new Box(south, north, ALL_LONGITUDES);
        }
        double ratio = Math.sin(d) / Math.cos(Math.toRadians(lat));
        if (ratio >= 1) {
            return new Box(south, north, ALL_LONGITUDES);
        }
        double dLon = Math.toDegrees(Math.asin(ratio)) + MARGIN;
        double west = r.center().lon() - dLon;
        double east = r.center().lon() + dLon;
        if (west < -180) {
            return new Box(south, north, List.of(new double[] {west + 360, 180}, new double[] {-180, east}));
        }
        if (east > 180) {
            return new Box(south, north, List.of(new double[] {west, 180}, new double[] {-180, east - 360}));
        }
        return new Box(south, north, List.of(new double[] {west, east}));
    }
}
