package io.vjvector.engine.index;

/**
 * Qdrant's {@code datatype} of a dense vector field: the precision its components are stored with.
 * Components are rounded to it when a vector is stored, so reads, searches and checkpoints see
 * exactly what a store of that type holds.
 */
public enum Datatype {
    FLOAT32("float32"),
    /** IEEE 754 half precision: 11 significant bits, magnitudes up to 65504. */
    FLOAT16("float16"),
    /** Whole numbers 0..255. */
    UINT8("uint8");

    private final String qdrantName;

    Datatype(String qdrantName) {
        this.qdrantName = qdrantName;
    }

    public String qdrantName() {
        return qdrantName;
    }

    /** The datatype Qdrant calls {@code name}, or null. */
    public static Datatype fromQdrantName(String name) {
        for (Datatype d : values()) {
            if (d.qdrantName.equals(name)) {
                return d;
            }
        }
        return null;
    }

    /**
     * {@code vector} as this datatype stores it: float32 unchanged (the same array), float16
     * rounded to nearest-even half precision, uint8 rounded to the nearest whole number.
     *
     * @throws IllegalArgumentException naming the component when it does not fit the type
     */
    public float[] store(float[] vector) {
        if (this == FLOAT32) {
            return vector;
        }
        float[] out = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            float v = vector[i];
            if (this == UINT8) {
                float r = Math.round(v);
                if (!(r >= 0 && r <= 255)) {
                    throw new IllegalArgumentException("component " + i + " is " + v + ", outside uint8's range 0..255");
                }
                out[i] = r;
            } else {
                if (Math.abs(v) > 65504f) {
                    throw new IllegalArgumentException("component " + i + " is " + v
                            + ", outside float16's range -65504..65504");
                }
                out[i] = toHalfPrecision(v);
            }
        }
        return out;
    }

    /** Rounds to the nearest half-precision value (ties to even), subnormals included. */
    static float toHalfPrecision(float v) {
        if (v == 0f) {
            return v;
        }
        int exponent = Math.getExponent(v);
        // Half precision keeps 10 fraction bits for normal numbers (exponent >= -14) and a fixed
        // quantum of 2^-24 below that.
        int quantumExponent = Math.max(exponent, -14) - 10;
        float quantum = Math.scalb(1f, quantumExponent);
        return (float) (Math.rint(v / (double) quantum) * quantum);
    }
}
