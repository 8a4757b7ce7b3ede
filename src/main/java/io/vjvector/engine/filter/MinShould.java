package io.vjvector.engine.filter;

import com.fasterxml.jackson.databind.JsonNode;
import io.vjvector.engine.point.PointId;
import java.util.List;

/**
 * {@code "min_should": {"conditions": [...], "min_count": n}}: at least {@code minCount} of the
 * conditions hold. {@code minCount} 0 always holds; more than there are conditions never does.
 */
public record MinShould(List<Condition> conditions, int minCount) {

    public MinShould {
        conditions = List.copyOf(conditions);
        if (minCount < 0) {
            throw new IllegalArgumentException("min_count must be >= 0");
        }
    }

    boolean test(PointId id, JsonNode payload) {
        if (minCount == 0) {
            return true;
        }
        int found = 0;
        for (int i = 0, n = conditions.size(); i < n; i++) {
            if (conditions.get(i).test(id, payload) && ++found == minCount) {
                return true;
            }
        }
        return false;
    }
}
