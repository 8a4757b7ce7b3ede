package io.vjvector.collection.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.vjvector.engine.filter.DatetimeValues;
import io.vjvector.engine.filter.Filter;
import io.vjvector.engine.payload.JsonPath;
import io.vjvector.engine.point.PointId;
import io.vjvector.error.VJVectorException;
import java.util.ArrayList;
import java.util.List;

/**
 * Qdrant's score-boosting formula ({@code {"formula": ...}} over prefetches): an expression over
 * the prefetches' scores ({@code $score}, {@code $score[i]}), payload values, conditions (1 when the
 * point matches, else 0), constants, geo distances, datetimes, arithmetic and decay functions.
 * Evaluated in double precision, as Qdrant does; a non-finite result of a division, root, power,
 * exponential or logarithm is an error (400), as is a payload variable that is neither in the
 * payload nor in the defaults, or that is not a single number.
 */
public sealed interface Formula {

    /** What an expression reads of one point. */
    interface Point {
        PointId id();

        /** The payload (all of it), never null. */
        JsonNode payload();

        /** Prefetch {@code i}'s score of the point, or the default, or 0 when neither. */
        double score(int prefetch);

        /** The default for a payload key, or null. */
        JsonNode defaultValue(String key);
    }

    double eval(Point p);

    record Constant(double value) implements Formula {
        @Override
        public double eval(Point p) {
            return value;
        }
    }

    /** {@code $score} (prefetch 0) or {@code $score[i]}. */
    record Score(int prefetch) implements Formula {
        @Override
        public double eval(Point p) {
            return p.score(prefetch);
        }
    }

    /** A payload key holding one number. */
    record Variable(String key, JsonPath path) implements Formula {
        @Override
        public double eval(Point p) {
            JsonNode v = value(p, key, path);
            if (!v.isNumber()) {
                throw error("variable '" + key + "' is not a number: " + v);
            }
            return v.doubleValue();
        }
    }

    /** 1 when the point matches the condition, else 0. */
    record Condition(Filter filter) implements Formula {
        @Override
        public double eval(Point p) {
            return filter.test(p.id(), p.payload()) ? 1 : 0;
        }
    }

    /** Haversine distance in metres from {@code origin} to the geo point at {@code key}. */
    record GeoDistance(double lat, double lon, String key, JsonPath path) implements Formula {
        /** The mean Earth radius Qdrant's haversine uses, in metres. */
        static final double EARTH_RADIUS_M = 6_371_008.8;

        @Override
        public double eval(Point p) {
            JsonNode v = value(p, key, path);
            if (!v.isObject() || !v.path("lat").isNumber() || !v.path("lon").isNumber()) {
                throw error("variable '" + key + "' is not a geo point: " + v);
            }
            return haversine(lat, lon, v.get("lat").doubleValue(), v.get("lon").doubleValue());
        }

        static double haversine(double lat1, double lon1, double lat2, double lon2) {
            double dLat = Math.toRadians(lat2 - lat1);
            double dLon = Math.toRadians(lon2 - lon1);
            double a = Math.pow(Math.sin(dLat / 2), 2)
                    + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.pow(Math.sin(dLon / 2), 2);
            return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
        }
    }

    /** A datetime at payload {@code key}, as seconds since the epoch. */
    record DatetimeKey(String key, JsonPath path) implements Formula {
        @Override
        public double eval(Point p) {
            JsonNode v = value(p, key, path);
            Long seconds = v.isTextual() ? DatetimeValues.epochSeconds(v.textValue()) : null;
            if (seconds == null) {
                throw error("variable '" + key + "' is not a datetime: " + v);
            }
            return seconds;
        }
    }

    record Sum(List<Formula> terms) implements Formula {
        @Override
        public double eval(Point p) {
            double sum = 0;
            for (Formula t : terms) {
                sum += t.eval(p);
            }
            return sum;
        }
    }

    /** A product; stops at the first zero factor (as Qdrant, so later factors are not required then). */
    record Mult(List<Formula> factors) implements Formula {
        @Override
        public double eval(Point p) {
            double product = 1;
            for (Formula f : factors) {
                double v = f.eval(p);
                if (v == 0) {
                    return 0;
                }
                product *= v;
            }
            return product;
        }
    }

    /** {@code left / right}; a zero numerator gives 0 and a zero divisor gives {@code byZero} when set. */
    record Div(Formula left, Formula right, Double byZero) implements Formula {
        @Override
        public double eval(Point p) {
            double l = left.eval(p);
            if (l == 0) {
                return 0;
            }
            double r = right.eval(p);
            if (r == 0 && byZero != null) {
                return byZero;
            }
            return finite(l / r, l + "/" + r);
        }
    }

    enum Unary { NEG, ABS, SQRT, EXP, LN, LOG10 }

    record Apply(Unary op, Formula arg) implements Formula {
        @Override
        public double eval(Point p) {
            double x = arg.eval(p);
            return switch (op) {
                case NEG -> -x;
                case ABS -> Math.abs(x);
                case SQRT -> finite(Math.sqrt(x), "sqrt(" + x + ")");
                case EXP -> finite(Math.exp(x), "exp(" + x + ")");
                case LN -> finite(Math.log(x), "ln(" + x + ")");
                case LOG10 -> finite(Math.log10(x), "log10(" + x + ")");
            };
        }
    }

    record Pow(Formula base, Formula exponent) implements Formula {
        @Override
        public double eval(Point p) {
            double b = base.eval(p);
            double e = exponent.eval(p);
            return finite(Math.pow(b, e), b + "^" + e);
        }
    }

    enum DecayKind { LIN, EXP, GAUSS }

    /**
     * Qdrant's decay functions, in [0, 1], 1 at {@code target} (default 0) and {@code midpoint} at
     * distance {@code scale}: {@code lin = max(0, 1 − λ|x − t|)} with {@code λ = (1 − midpoint) / scale},
     * {@code exp = e^(λ|x − t|)} with {@code λ = ln(midpoint) / scale},
     * {@code gauss = e^(λ(x − t)²)} with {@code λ = ln(midpoint) / scale²}.
     */
    record Decay(DecayKind kind, Formula x, Formula target, double lambda) implements Formula {

        /** λ from Qdrant's parameters (midpoint default 0.5, scale default 1), already range-checked. */
        public static double lambda(DecayKind kind, double midpoint, double scale) {
            return switch (kind) {
                case LIN -> (1 - midpoint) / scale;
                case EXP -> Math.log(midpoint) / scale;
                case GAUSS -> Math.log(midpoint) / (scale * scale);
            };
        }

        @Override
        public double eval(Point p) {
            double v = x.eval(p);
            double t = target == null ? 0 : target.eval(p);
            double diff = v - t;
            return switch (kind) {
                case LIN -> Math.max(0, 1 - lambda * Math.abs(diff));
                case EXP -> Math.exp(lambda * Math.abs(diff));
                case GAUSS -> Math.exp(lambda * diff * diff);
            };
        }
    }

    /** The single value at {@code path} in the payload, else the default; an error when neither has one. */
    private static JsonNode value(Point p, String key, JsonPath path) {
        List<JsonNode> found = new ArrayList<>(1);
        path.anyValue(p.payload(), v -> {
            found.add(v);
            return false;
        });
        JsonNode v = found.size() == 1 ? found.get(0) : null;
        if (found.size() > 1) {
            throw error("variable '" + key + "' has several values");
        }
        if (v == null || v.isNull()) {
            v = p.defaultValue(key);
        }
        if (v == null) {
            throw error("no value for variable '" + key + "' in the payload of point " + p.id() + " nor in defaults");
        }
        return v.isArray() && v.size() == 1 ? v.get(0) : v;
    }

    private static double finite(double v, String expression) {
        if (!Double.isFinite(v)) {
            throw error("the expression " + expression + " is not a finite number");
        }
        return v;
    }

    private static VJVectorException error(String rule) {
        return VJVectorException.badRequest("query.formula", rule);
    }
}
