package io.vjvector.collection;

import io.vjvector.engine.index.VectorValue;
import java.util.Map;

/** Reading one field out of a point's vectors. */
public final class NamedVectors {

    private NamedVectors() {
    }

    /** The dense vector {@code name} of {@code vectors}, or null when absent (or {@code vectors} is null). */
    public static float[] dense(Map<String, VectorValue> vectors, String name) {
        VectorValue v = vectors == null ? null : vectors.get(name);
        return v instanceof VectorValue.Dense d ? d.values() : null;
    }
}
