package io.vjvector.collection;

import io.vjvector.engine.quantization.QuantizationConfig;

/**
 * Qdrant's {@code quantization_config} as a collection (or one of its dense vectors) stores it.
 * Stored in this flat form in the catalog and snapshot manifests; reported in Qdrant's shape.
 *
 * @param method    {@value #SCALAR} or {@value #BINARY}; {@value #DISABLED} only in an update, where
 *                  it removes the setting
 * @param quantile  scalar only: null = the whole range (Qdrant's default when none is given)
 * @param alwaysRam null when not given
 */
public record QuantizationSettings(String method, Float quantile, Boolean alwaysRam) {

    public static final String SCALAR = "scalar";
    public static final String BINARY = "binary";
    public static final String DISABLED = "disabled";

    /** An update's {@code "Disabled"}: the setting is removed. */
    public static final QuantizationSettings REMOVE = new QuantizationSettings(DISABLED, null, null);

    public QuantizationSettings {
        if (!SCALAR.equals(method) && !BINARY.equals(method) && !DISABLED.equals(method)) {
            throw new IllegalArgumentException("quantization method must be scalar or binary, got " + method);
        }
        if (quantile != null && !(quantile >= 0.5f && quantile <= 1f)) {
            throw new IllegalArgumentException("quantile must be in [0.5, 1], got " + quantile);
        }
    }

    /** Whether this is an update's removal rather than a setting. */
    public boolean removes() {
        return DISABLED.equals(method);
    }

    /** What the index builds; scalar's absent quantile is 1 (the whole range). */
    public QuantizationConfig toEngine() {
        boolean ram = Boolean.TRUE.equals(alwaysRam);
        return switch (method) {
            case SCALAR -> new QuantizationConfig.Scalar(quantile == null ? 1f : quantile, ram);
            case BINARY -> new QuantizationConfig.Binary(ram);
            default -> throw new IllegalStateException("a removal has no engine form");
        };
    }

    /** {@code current} after applying {@code change} (null = unchanged, {@link #REMOVE} = none). */
    public static QuantizationSettings apply(QuantizationSettings current, QuantizationSettings change) {
        if (change == null) {
            return current;
        }
        return change.removes() ? null : change;
    }
}
