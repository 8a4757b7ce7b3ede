package io.vjvector.engine.filter;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A test of one stored value that no payload index answers: datetime ranges and geo shapes.
 * Like {@link Match}, it judges a value that is not the array being looked into.
 */
public sealed interface ValueTest permits DatetimeRange, GeoShape {

    boolean test(JsonNode value);
}
