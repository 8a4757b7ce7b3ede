package io.vjvector.engine.filter;

import com.fasterxml.jackson.databind.JsonNode;
import io.vjvector.engine.payload.JsonPath;

/**
 * The values a payload field is ordered by ({@code order_by} of a scroll): those an index of a
 * range-capable type holds, as doubles on one axis — integers and floats as numbers, datetimes as
 * microseconds since the epoch (within 2^53, so exact as doubles for any plausible date).
 */
public final class OrderValues {

    private OrderValues() {
    }

    /** Whether an index of {@code type} can order points (Qdrant: the types with range conditions). */
    public static boolean rangeCapable(PayloadSchemaType type) {
        return type == PayloadSchemaType.INTEGER || type == PayloadSchemaType.FLOAT || type == PayloadSchemaType.DATETIME;
    }

    /** Receives one value a point is ordered by. */
    @FunctionalInterface
    public interface Sink {
        void accept(double value);
    }

    /** Calls {@code sink} with every value of {@code payload} at {@code path} that an index of {@code type} holds. */
    public static void forEach(JsonPath path, PayloadSchemaType type, JsonNode payload, Sink sink) {
        if (payload == null) {
            return;
        }
        path.anyValue(payload, value -> {
            if (value.isArray()) {
                for (JsonNode element : value) {
                    read(type, element, sink);
                }
            } else {
                read(type, value, sink);
            }
            return false;
        });
    }

    private static void read(PayloadSchemaType type, JsonNode value, Sink sink) {
        switch (type) {
            case INTEGER -> {
                if (Match.isLong(value)) {
                    sink.accept(value.longValue());
                }
            }
            case FLOAT -> {
                if (value.isNumber()) {
                    sink.accept(value.doubleValue());
                }
            }
            case DATETIME -> {
                long micros = value.isTextual() ? Datetimes.parseMicros(value.textValue()) : Long.MIN_VALUE;
                if (micros != Long.MIN_VALUE) {
                    sink.accept(micros);
                }
            }
            default -> throw new IllegalArgumentException("a " + type.qdrantName() + " field cannot order points");
        }
    }

    /**
     * A {@code start_from} on the axis of a field indexed as {@code type}: a number, or for a
     * datetime field also an RFC 3339 datetime.
     *
     * @throws IllegalArgumentException if {@code value} is neither
     */
    public static double startFrom(PayloadSchemaType type, JsonNode value) {
        if (value.isNumber()) {
            return value.doubleValue();
        }
        if (type == PayloadSchemaType.DATETIME && value.isTextual()) {
            long micros = Datetimes.parseMicros(value.textValue());
            if (micros != Long.MIN_VALUE) {
                return micros;
            }
        }
        throw new IllegalArgumentException(type == PayloadSchemaType.DATETIME
                ? "must be a number or a datetime (" + Datetimes.FORMATS + ")"
                : "must be a number");
    }

    /** How a value of a field indexed as {@code type} is reported back ({@code order_value}): integral unless a float field. */
    public static Number reported(PayloadSchemaType type, double value) {
        return type == PayloadSchemaType.FLOAT ? (Number) value : (Number) (long) value;
    }
}
