package io.vjvector.engine.filter;

import com.fasterxml.jackson.databind.JsonNode;

/** A location in degrees, as Qdrant stores it: {@code {"lon": 13.4, "lat": 52.5}}. */
public record GeoPoint(double lon, double lat) {

    /** The point a stored value holds, or null if it is not an object with numeric lon and lat in range. */
    static GeoPoint of(JsonNode value) {
        if (!value.isObject()) {
            return null;
        }
        JsonNode lon = value.get("lon");
        JsonNode lat = value.get("lat");
        if (lon == null || lat == null || !lon.isNumber() || !lat.isNumber()) {
            return null;
        }
        double x = lon.doubleValue();
        double y = lat.doubleValue();
        return x >= -180 && x <= 180 && y >= -90 && y <= 90 ? new GeoPoint(x, y) : null;
    }
}
