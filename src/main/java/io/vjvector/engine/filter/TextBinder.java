package io.vjvector.engine.filter;

import io.vjvector.engine.payload.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Rewrites a filter so that its full-text matches on text-indexed fields carry the index's
 * analyzer ({@link Match.Tokens}). Keys inside {@code nested} conditions are looked up by their
 * full path ({@code diet[].food} for {@code food} under {@code diet}), as Qdrant looks up indexes
 * of nested fields. Called under {@link PayloadIndexes}' read lock.
 */
final class TextBinder {

    private final Map<JsonPath, FieldIndex> indexes;

    TextBinder(Map<JsonPath, FieldIndex> indexes) {
        this.indexes = indexes;
    }

    Filter bind(Filter filter) {
        return bind(filter, null);
    }

    /** {@code prefix}: the full path of the nested array the filter's keys are relative to, or null. */
    private Filter bind(Filter filter, String prefix) {
        MinShould minShould = filter.minShould();
        if (minShould != null) {
            minShould = new MinShould(bind(minShould.conditions(), prefix), minShould.minCount());
        }
        return Filter.of(bind(filter.must(), prefix), bind(filter.should(), prefix), bind(filter.mustNot(), prefix),
                minShould);
    }

    private List<Condition> bind(List<Condition> conditions, String prefix) {
        List<Condition> out = new ArrayList<>(conditions.size());
        for (Condition c : conditions) {
            out.add(bind(c, prefix));
        }
        return out;
    }

    private Condition bind(Condition condition, String prefix) {
        if (condition instanceof Condition.Sub sub) {
            return new Condition.Sub(bind(sub.filter(), prefix));
        }
        if (condition instanceof Condition.Nested nested) {
            return new Condition.Nested(nested.key(), bind(nested.filter(), arrayPath(prefix, nested.key())));
        }
        if (condition instanceof Condition.Field field && isFullText(field.match())) {
            FieldIndex index = indexes.get(fullPath(prefix, field.key()));
            if (index instanceof TextIndex text) {
                return new Condition.Field(field.key(), Match.Tokens.of(field.match(), text.analyzer()), field.range());
            }
        }
        return condition;
    }

    private static boolean isFullText(Match match) {
        return match instanceof Match.Text || match instanceof Match.TextAny || match instanceof Match.Phrase;
    }

    private static String arrayPath(String prefix, JsonPath key) {
        String path = prefix == null ? key.toString() : prefix + "." + key;
        return path.endsWith("[]") ? path : path + "[]";
    }

    private static JsonPath fullPath(String prefix, JsonPath key) {
        return prefix == null ? key : JsonPath.parse(prefix + "." + key);
    }
}
