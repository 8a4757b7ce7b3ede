package io.vjvector.engine.shard;

import io.vjvector.engine.index.VectorIndexes;
import io.vjvector.engine.index.VectorValue;
import io.vjvector.engine.kernels.VectorKernels;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The vector fields of a shard state, by name, in the collection's order. Every point version
 * gets one ordinal, reserved in every field in turn (so ordinals agree across fields) and then
 * linked into the fields' graphs, in parallel for large batches.
 */
final class ShardVectors {

    private final Map<String, VectorField> fields;

    ShardVectors(Map<String, VectorField> fields) {
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** Empty fields for {@code specs}. */
    static ShardVectors create(Map<String, VectorFieldSpec> specs, VectorKernels kernels) {
        Map<String, VectorField> fields = new LinkedHashMap<>();
        specs.forEach((name, spec) -> fields.put(name, createField(spec, kernels)));
        return new ShardVectors(fields);
    }

    static VectorField createField(VectorFieldSpec spec, VectorKernels kernels) {
        if (spec instanceof VectorFieldSpec.Dense d) {
            return new DenseField(d, VectorIndexes.create(d.index(), kernels));
        }
        if (spec instanceof VectorFieldSpec.Multi mv) {
            return new MultiField(mv, new io.vjvector.engine.index.multi.MultiVectorIndex(mv.index(), kernels));
        }
        if (spec instanceof VectorFieldSpec.Sparse sp) {
            return new SparseField(sp, new io.vjvector.engine.index.sparse.SparseIndex());
        }
        throw new IllegalArgumentException("unknown vector field kind " + spec);
    }

    Map<String, VectorField> fields() {
        return fields;
    }

    VectorField field(String name) {
        return fields.get(name);
    }

    Map<String, VectorFieldSpec> specs() {
        Map<String, VectorFieldSpec> out = new LinkedHashMap<>();
        fields.forEach((name, field) -> out.put(name, field.spec()));
        return out;
    }

    /** Ordinals assigned so far. */
    int size() {
        int size = 0;
        for (VectorField f : fields.values()) {
            size = f.size();
        }
        return size;
    }

    /**
     * Stores a batch of points' vectors and returns their ordinals in batch order. Values of names
     * this shard has no field for must have been refused before.
     *
     * @param prepared whether the values were read back from fields of the same specs
     */
    int[] addAll(List<Map<String, VectorValue>> points, boolean prepared) {
        int n = points.size();
        int[] ordinals = new int[n];
        for (int i = 0; i < n; i++) {
            Map<String, VectorValue> values = points.get(i);
            int ordinal = -1;
            for (Map.Entry<String, VectorField> e : fields.entrySet()) {
                int o = e.getValue().reserve(values.get(e.getKey()), prepared);
                if (ordinal >= 0 && o != ordinal) {
                    throw new IllegalStateException("vector field '" + e.getKey() + "' assigned ordinal " + o
                            + " where the others assigned " + ordinal);
                }
                ordinal = o;
            }
            ordinals[i] = ordinal;
        }
        try {
            ParallelInserter.forEach(n, i -> {
                for (VectorField f : fields.values()) {
                    f.link(ordinals[i]);
                }
            });
        } catch (RuntimeException e) {
            // Nothing was published yet: tombstone the batch so no orphan ordinal stays searchable.
            for (int ord : ordinals) {
                delete(ord);
            }
            throw e;
        }
        return ordinals;
    }

    void delete(int ordinal) {
        for (VectorField f : fields.values()) {
            f.delete(ordinal);
        }
    }

    /** The values {@code ordinal} has among {@code names} (null = every field), in field order. */
    Map<String, VectorValue> values(int ordinal, java.util.function.Predicate<String> names) {
        Map<String, VectorValue> out = new LinkedHashMap<>();
        for (Map.Entry<String, VectorField> e : fields.entrySet()) {
            if (names == null || names.test(e.getKey())) {
                VectorValue v = e.getValue().value(ordinal);
                if (v != null) {
                    out.put(e.getKey(), v);
                }
            }
        }
        return out;
    }

    /** Whether {@code ordinal} has a value in field {@code name}. */
    boolean has(int ordinal, String name) {
        VectorField f = fields.get(name);
        return f != null && f.value(ordinal) != null;
    }

    long ramBytesUsed() {
        long bytes = 0;
        for (VectorField f : fields.values()) {
            bytes += f.ramBytesUsed();
        }
        return bytes;
    }
}
