package io.vjvector.engine.filter;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * Qdrant's geo conditions over stored {@link GeoPoint}s. A stored value that is not a geo point
 * never matches.
 */
public sealed interface GeoShape extends ValueTest {

    boolean contains(GeoPoint p);

    @Override
    default boolean test(JsonNode value) {
        GeoPoint p = GeoPoint.of(value);
        return p != null && contains(p);
    }

    /** {@code geo_radius}: closer than {@code meters} to {@code center} along the earth's surface (haversine). */
    record Radius(GeoPoint center, double meters) implements GeoShape {

        /** Mean earth radius (IUGG), the one Qdrant's haversine distance uses. */
        static final double EARTH_RADIUS_METERS = 6_371_008.8;

        public Radius {
            Objects.requireNonNull(center, "center");
        }

        @Override
        public boolean contains(GeoPoint p) {
            return distanceMeters(center, p) < meters;
        }

        static double distanceMeters(GeoPoint a, GeoPoint b) {
            double lat1 = Math.toRadians(a.lat());
            double lat2 = Math.toRadians(b.lat());
            double sinLat = Math.sin((lat2 - lat1) / 2);
            double sinLon = Math.sin(Math.toRadians(b.lon() - a.lon()) / 2);
            double h = sinLat * sinLat + Math.cos(lat1) * Math.cos(lat2) * sinLon * sinLon;
            return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1.0, Math.sqrt(h)));
        }
    }

    /**
     * {@code geo_bounding_box}: latitude between the corners and longitude from the top left
     * corner eastwards to the bottom right one, across the antimeridian when top left lies east of
     * bottom right. Edges are inside.
     */
    record BoundingBox(GeoPoint topLeft, GeoPoint bottomRight) implements GeoShape {

        public BoundingBox {
            Objects.requireNonNull(topLeft, "topLeft");
            Objects.requireNonNull(bottomRight, "bottomRight");
        }

        @Override
        public boolean contains(GeoPoint p) {
            if (p.lat() > topLeft.lat() || p.lat() < bottomRight.lat()) {
                return false;
            }
            boolean east = p.lon() >= topLeft.lon();
            boolean west = p.lon() <= bottomRight.lon();
            return topLeft.lon() <= bottomRight.lon() ? east && west : east || west;
        }
    }

    /**
     * {@code geo_polygon}: inside the exterior ring and inside none of the interior rings (holes).
     * Rings are closed (first point = last point) and taken as planar in lon/lat, as Qdrant does.
     */
    record Polygon(List<GeoPoint> exterior, List<List<GeoPoint>> interiors) implements GeoShape {

        public Polygon {
            exterior = List.copyOf(exterior);
            interiors = interiors.stream().map(List::copyOf).toList();
        }

        @Override
        public boolean contains(GeoPoint p) {
            if (!inside(exterior, p)) {
                return false;
            }
            for (List<GeoPoint> hole : interiors) {
                if (inside(hole, p)) {
                    return false;
                }
            }
            return true;
        }

        /** Even-odd rule: a ray going east from {@code p} crosses the ring an odd number of times. */
        private static boolean inside(List<GeoPoint> ring, GeoPoint p) {
            boolean inside = false;
            for (int i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
                GeoPoint a = ring.get(i);
                GeoPoint b = ring.get(j);
                if ((a.lat() > p.lat()) != (b.lat() > p.lat())
                        && p.lon() < (b.lon() - a.lon()) * (p.lat() - a.lat()) / (b.lat() - a.lat()) + a.lon()) {
                    inside = !inside;
                }
            }
            return inside;
        }
    }
}
