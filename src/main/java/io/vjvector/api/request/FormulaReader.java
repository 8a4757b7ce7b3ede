package io.vjvector.api.request;

import static io.vjvector.api.request.FieldPath.field;
import static io.vjvector.api.request.FieldPath.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.vjvector.collection.query.Formula;
import io.vjvector.engine.filter.DatetimeValues;
import io.vjvector.engine.filter.Filter;
import io.vjvector.engine.filter.VectorPresenceBinder;
import io.vjvector.engine.payload.JsonPath;
import io.vjvector.engine.payload.JsonPathException;
import io.vjvector.error.VJVectorException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Qdrant's {@code {"formula": expression, "defaults": {...}}} into a {@link Formula}. An
 * expression is a number, a variable string ({@code "$score"}, {@code "$score[i]"} or a payload
 * key), a condition (any filter condition, or a filter), or one of the objects Qdrant documents:
 * {@code sum, mult, neg, abs, sqrt, exp, ln, log10, pow, div, geo_distance, datetime,
 * datetime_key, exp_decay, gauss_decay, lin_decay}. Anything else is a 400 naming it.
 */
@ApplicationScoped
public class FormulaReader {

    private static final Pattern SCORE = Pattern.compile("\\$score(?:\\[(\\d+)])?");
    /** Keys that make an object a condition rather than an operator. */
    private static final Set<String> CONDITION_KEYS = Set.of("key", "has_id", "has_vector", "is_empty", "is_null",
            "nested", "must", "should", "must_not", "min_should");
    private static final Set<String> DECAY_MEMBERS = Set.of("x", "target", "scale", "midpoint");

    private final FilterReader filters;

    public FormulaReader(FilterReader filters) {
        this.filters = filters;
    }

    /** The formula and its defaults (payload keys and {@code $score[i]} → value). */
    public record Read(Formula formula, Map<String, JsonNode> defaults) {
    }

    /** @param query the whole query object, {@code {"formula": ..., "defaults": ...}} */
    public Read read(JsonNode query, String at) {
        QueryKindsReader.members(query, at, "formula", "defaults");
        Formula formula = expression(query.get("formula"), field(at, "formula"));
        Map<String, JsonNode> defaults = new LinkedHashMap<>();
        JsonNode d = query.get("defaults");
        if (JsonValues.present(d)) {
            if (!d.isObject()) {
                throw VJVectorException.badRequest(field(at, "defaults"), "must be an object of variable → value");
            }
            d.fields().forEachRemaining(e -> {
                Matcher m = SCORE.matcher(e.getKey());
                defaults.put(m.matches() ? "$score[" + (m.group(1) == null ? "0" : m.group(1)) + "]" : e.getKey(),
                        e.getValue());
            });
        }
        return new Read(formula, defaults);
    }

    Formula expression(JsonNode node, String path) {
        if (!JsonValues.present(node)) {
            throw VJVectorException.badRequest(path, "is required: a formula expression");
        }
        if (node.isNumber()) {
            return new Formula.Constant(node.doubleValue());
        }
        if (node.isTextual()) {
            return variable(node.textValue(), path);
        }
        if (!node.isObject() || node.isEmpty()) {
            throw VJVectorException.badRequest(path, "must be a number, a variable, a condition or an expression object");
        }
        for (String key : CONDITION_KEYS) {
            if (node.has(key)) {
                return condition(node, path);
            }
        }
        if (node.size() != 1) {
            throw VJVectorException.badRequest(path, "an expression object has exactly one member");
        }
        String op = node.fieldNames().next();
        JsonNode arg = node.get(op);
        String at = field(path, op);
        return switch (op) {
            case "sum" -> new Formula.Sum(list(arg, at));
            case "mult" -> new Formula.Mult(list(arg, at));
            case "neg" -> new Formula.Apply(Formula.Unary.NEG, expression(arg, at));
            case "abs" -> new Formula.Apply(Formula.Unary.ABS, expression(arg, at));
            case "sqrt" -> new Formula.Apply(Formula.Unary.SQRT, expression(arg, at));
            case "exp" -> new Formula.Apply(Formula.Unary.EXP, expression(arg, at));
            case "ln" -> new Formula.Apply(Formula.Unary.LN, expression(arg, at));
            case "log10" -> new Formula.Apply(Formula.Unary.LOG10, expression(arg, at));
            case "pow" -> {
                object(arg, at, "base", "exponent");
                yield new Formula.Pow(expression(arg.get("base"), field(at, "base")),
                        expression(arg.get("exponent"), field(at, "exponent")));
            }
            case "div" -> {
                object(arg, at, "left", "right", "by_zero_default");
                JsonNode byZero = arg.get("by_zero_default");
                if (JsonValues.present(byZero) && !byZero.isNumber()) {
                    throw VJVectorException.format(field(at, "by_zero_default"), "must be a number");
                }
                yield new Formula.Div(expression(arg.get("left"), field(at, "left")),
                        expression(arg.get("right"), field(at, "right")),
                        JsonValues.present(byZero) ? byZero.doubleValue() : null);
            }
            case "geo_distance" -> geoDistance(arg, at);
            case "datetime" -> {
                Long seconds = arg.isTextual() ? DatetimeValues.epochSeconds(arg.textValue()) : null;
                if (seconds == null) {
                    throw VJVectorException.badRequest(at, "must be a datetime such as \"2025-01-31T10:00:00Z\"");
                }
                yield new Formula.Constant(seconds);
            }
            case "datetime_key" -> {
                if (!arg.isTextual()) {
                    throw VJVectorException.badRequest(at, "must be a payload key");
                }
                yield new Formula.DatetimeKey(arg.textValue(), path(arg.textValue(), at));
            }
            case "exp_decay" -> decay(Formula.DecayKind.EXP, arg, at);
            case "gauss_decay" -> decay(Formula.DecayKind.GAUSS, arg, at);
            case "lin_decay" -> decay(Formula.DecayKind.LIN, arg, at);
            default -> throw VJVectorException.badRequest(at, "is not a formula expression VJVector implements (sum, mult,"
                    + " neg, abs, sqrt, exp, ln, log10, pow, div, geo_distance, datetime, datetime_key, exp_decay,"
                    + " gauss_decay, lin_decay, a condition, a number or a variable)");
        };
    }

    private Formula variable(String text, String path) {
        if (text.startsWith("$")) {
            Matcher m = SCORE.matcher(text);
            if (!m.matches()) {
                throw VJVectorException.badRequest(path, "Invalid reserved variable: " + text
                        + " (only $score and $score[i] are defined)");
            }
            return new Formula.Score(m.group(1) == null ? 0 : Integer.parseInt(m.group(1)));
        }
        return new Formula.Variable(text, path(text, path));
    }

    private static JsonPath path(String key, String at) {
        try {
            return JsonPath.parse(key);
        } catch (JsonPathException e) {
            throw VJVectorException.badRequest(at, "Invalid payload variable: " + key);
        }
    }

    private Formula condition(JsonNode node, String path) {
        var wrapper = JsonNodeFactory.instance.objectNode();
        wrapper.putArray("must").add(node);
        Filter filter = filters.read(wrapper, path);
        if (VectorPresenceBinder.mentionsVectors(filter)) {
            // A formula's conditions are judged on the prefetched points' payloads, away from the
            // shards that know which vectors a point has.
            throw VJVectorException.badRequest(path, "has_vector is not supported in a formula condition");
        }
        return new Formula.Condition(filter);
    }

    private List<Formula> list(JsonNode arg, String at) {
        if (!arg.isArray()) {
            throw VJVectorException.badRequest(at, "must be a list of expressions");
        }
        List<Formula> out = new ArrayList<>(arg.size());
        for (int i = 0; i < arg.size(); i++) {
            out.add(expression(arg.get(i), index(at, i)));
        }
        return out;
    }

    private Formula geoDistance(JsonNode arg, String at) {
        object(arg, at, "origin", "to");
        JsonNode origin = arg.get("origin");
        if (origin == null || !origin.path("lat").isNumber() || !origin.path("lon").isNumber()) {
            throw VJVectorException.badRequest(field(at, "origin"), "must be {\"lat\": number, \"lon\": number}");
        }
        double lat = origin.get("lat").doubleValue();
        double lon = origin.get("lon").doubleValue();
        if (lat < -90 || lat > 90 || lon < -180 || lon > 180) {
            throw VJVectorException.badRequest(field(at, "origin"), "lat must be within [-90, 90] and lon within [-180, 180]");
        }
        JsonNode to = arg.get("to");
        if (to == null || !to.isTextual()) {
            throw VJVectorException.badRequest(field(at, "to"), "is required: the payload key of a geo point");
        }
        return new Formula.GeoDistance(lat, lon, to.textValue(), path(to.textValue(), field(at, "to")));
    }

    private Formula decay(Formula.DecayKind kind, JsonNode arg, String at) {
        if (!arg.isObject()) {
            throw VJVectorException.badRequest(at, "must be {\"x\", \"target\", \"scale\", \"midpoint\"}");
        }
        arg.fieldNames().forEachRemaining(name -> {
            if (!DECAY_MEMBERS.contains(name)) {
                throw VJVectorException.badRequest(field(at, name), "is not a member of a decay (x, target, scale, midpoint)");
            }
        });
        double midpoint = number(arg.get("midpoint"), field(at, "midpoint"), 0.5);
        double scale = number(arg.get("scale"), field(at, "scale"), 1.0);
        if (kind == Formula.DecayKind.LIN ? !(midpoint >= 0 && midpoint <= 1) : !(midpoint > 0 && midpoint < 1)) {
            throw VJVectorException.badRequest(field(at, "midpoint"), kind == Formula.DecayKind.LIN
                    ? "Linear decay midpoint should be in the range [0.0, 1.0]"
                    : "Decay midpoint should be in the range (0.0, 1.0)");
        }
        if (!(scale > 0)) {
            throw VJVectorException.badRequest(field(at, "scale"), "Decay scale should be non-zero positive");
        }
        JsonNode target = arg.get("target");
        return new Formula.Decay(kind, expression(arg.get("x"), field(at, "x")),
                JsonValues.present(target) ? expression(target, field(at, "target")) : null,
                Formula.Decay.lambda(kind, midpoint, scale));
    }

    private static double number(JsonNode node, String path, double absent) {
        if (!JsonValues.present(node)) {
            return absent;
        }
        if (!node.isNumber()) {
            throw VJVectorException.format(path, "must be a number");
        }
        return node.doubleValue();
    }

    private static void object(JsonNode arg, String at, String... members) {
        if (!arg.isObject()) {
            throw VJVectorException.badRequest(at, "must be an object (" + String.join(", ", members) + ")");
        }
        QueryKindsReader.members(arg, at, members);
    }
}
