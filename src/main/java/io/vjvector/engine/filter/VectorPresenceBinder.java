package io.vjvector.engine.filter;

import io.vjvector.engine.point.PointId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * Rewrites a filter so that its {@code has_vector} conditions are answered by a shard: whether
 * the point (by id) has a value for the named vector field.
 */
public final class VectorPresenceBinder {

    private VectorPresenceBinder() {
    }

    /** {@code filter} with every {@link Condition.HasVector} answered by {@code has}; itself when it has none. */
    public static Filter bind(Filter filter, BiPredicate<PointId, String> has) {
        if (!mentionsVectors(filter)) {
            return filter;
        }
        return rewrite(filter, has);
    }

    /** Whether {@code filter} has a {@code has_vector} condition, which only a shard can answer. */
    public static boolean mentionsVectors(Filter filter) {
        return filter != null && contains(filter);
    }

    private static boolean contains(Filter filter) {
        return contains(filter.must()) || contains(filter.should()) || contains(filter.mustNot())
                || (filter.minShould() != null && contains(filter.minShould().conditions()));
    }

    private static boolean contains(List<Condition> conditions) {
        for (Condition c : conditions) {
            if (c instanceof Condition.HasVector
                    || (c instanceof Condition.Sub sub && contains(sub.filter()))) {
                return true;
            }
        }
        return false;
    }

    private static Filter rewrite(Filter filter, BiPredicate<PointId, String> has) {
        MinShould minShould = filter.minShould();
        if (minShould != null) {
            minShould = new MinShould(rewrite(minShould.conditions(), has), minShould.minCount());
        }
        return Filter.of(rewrite(filter.must(), has), rewrite(filter.should(), has), rewrite(filter.mustNot(), has),
                minShould);
    }

    private static List<Condition> rewrite(List<Condition> conditions, BiPredicate<PointId, String> has) {
        List<Condition> out = new ArrayList<>(conditions.size());
        for (Condition c : conditions) {
            if (c instanceof Condition.HasVector hv) {
                out.add(hv.bind(id -> has.test(id, hv.name())));
            } else if (c instanceof Condition.Sub sub) {
                out.add(new Condition.Sub(rewrite(sub.filter(), has)));
            } else {
                out.add(c);
            }
        }
        return out;
    }
}
