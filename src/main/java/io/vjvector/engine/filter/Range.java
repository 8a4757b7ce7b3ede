package io.vjvector.engine.filter;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code "range": {"gt", "gte", "lt", "lte"}}; null bounds are absent, and a range with no bound
 * matches every number. Stored integers and floats both compare as doubles (Qdrant's
 * {@code as_f64}), so {@code 3} is within {@code {"gt": 2.5}}; non-numbers never match.
 */
public record Range(Double gt, Double gte, Double lt, Double lte) {

    /** Whether a stored value (not an array: the field condition looks into those) is in range. */
    public boolean test(JsonNode value) {
        return value.isNumber() && contains(value.doubleValue());
    }

    public boolean contains(double x) {
        return (gt == null || x > gt)
                && (gte == null || x >= gte)
                && (lt == null || x < lt)
                && (lte == null || x <= lte);
    }
}
