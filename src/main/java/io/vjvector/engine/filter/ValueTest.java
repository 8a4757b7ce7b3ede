package io.vjvector.engine.filter;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A test of one stored value beyond {@link Match} and numeric ranges: datetime ranges (answered by a
 * {@code datetime} index) and geo shapes (by a {@code geo} index).
 * Like {@link Match}, it judges a value that is not the array being looked into.
 */
public sealed interface ValueTest permits DatetimeRange, GeoShape {

    boolean test(JsonNode value);
}
