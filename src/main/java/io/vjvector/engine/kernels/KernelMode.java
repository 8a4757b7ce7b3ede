package io.vjvector.engine.kernels;

import java.util.Locale;

/** Which kernel implementation to use: {@code vjvector.kernels = auto | vector | scalar}. */
public enum KernelMode {
    /** Vector API when the incubator module is present and we are not in a native image. */
    AUTO,
    /** Vector API, failing if it cannot be used. */
    VECTOR,
    /** Plain loops (what a native image runs). */
    SCALAR;

    public static KernelMode parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "vjvector.kernels must be one of auto, vector, scalar; got '" + value + "'", e);
        }
    }
}
