package io.vjvector.api.dto;

import io.vjvector.engine.index.VectorValue;
import java.util.LinkedHashMap;
import java.util.Map;

/** A point's vectors as Qdrant returns them. */
public final class VectorsView {

    private VectorsView() {
    }

    /**
     * Null when none were asked for; a plain array when the point's only vector is the unnamed
     * dense one; otherwise a map of names to values (dense arrays).
     */
    public static Object of(Map<String, VectorValue> vectors) {
        if (vectors == null) {
            return null;
        }
        if (vectors.size() == 1 && vectors.get("") instanceof VectorValue.Dense d) {
            return d.values();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        vectors.forEach((name, value) -> out.put(name, value(value)));
        return out;
    }

    static Object value(VectorValue value) {
        if (value instanceof VectorValue.Dense d) {
            return d.values();
        }
        if (value instanceof VectorValue.Multi m) {
            return m.vector().rows();
        }
        if (value instanceof VectorValue.Sparse s) {
            return Map.of("indices", s.vector().indices(), "values", s.vector().values());
        }
        throw new IllegalArgumentException("unknown vector kind " + value);
    }
}
