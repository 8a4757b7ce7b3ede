package io.vjvector.engine.shard;

import io.vjvector.engine.index.VectorIndexes;
import io.vjvector.engine.index.VectorStorage;
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

    /** Replaced whole when a field is added or dropped (under the shard's write lock); read once per use. */
    private volatile Map<String, VectorField> fields;
    /** The fields' specs, kept with {@link #fields}: every write and search validates against them. */
    private volatile Map<String, VectorFieldSpec> specs;
    /** For fields added later; null for a shard built around a given index (tests). */
    private final VectorKernels kernels;
    /** Where on-disk fields, those added later and those of a rebuild included, are mapped from. */
    private final VectorStorage storage;

    ShardVectors(Map<String, VectorField> fields, VectorKernels kernels) {
        this(fields, kernels, VectorStorage.memory());
    }

    ShardVectors(Map<String, VectorField> fields, VectorKernels kernels, VectorStorage storage) {
        this.kernels = kernels;
        this.storage = storage;
        publish(new LinkedHashMap<>(fields));
    }

    /** Empty fields for {@code specs}, on-disk ones mapped from {@code storage}. */
    static ShardVectors create(Map<String, VectorFieldSpec> specs, VectorKernels kernels, VectorStorage storage) {
        Map<String, VectorField> fields = new LinkedHashMap<>();
        specs.forEach((name, spec) -> fields.put(name, createField(spec, kernels, storage)));
        return new ShardVectors(fields, kernels, storage);
    }

    VectorStorage storage() {
        return storage;
    }

    /**
     * Adds field {@code name}, with every ordinal assigned so far absent in it. Call under the
     * shard's write lock.
     *
     * @throws IllegalArgumentException if the field exists
     */
    void addField(String name, VectorFieldSpec spec) {
        Map<String, VectorField> current = fields;
        if (current.containsKey(name)) {
            throw new IllegalArgumentException("vector field '" + name + "' exists");
        }
        VectorField field = createField(spec, kernels, storage);
        int size = size();
        for (int ord = 0; ord < size; ord++) {
            field.reserve(null, true);
        }
        Map<String, VectorField> next = new LinkedHashMap<>(current);
        next.put(name, field);
        publish(next);
    }

    /** Drops field {@code name} and its vectors, if it exists. Call under the shard's write lock. */
    void dropField(String name) {
        Map<String, VectorField> next = new LinkedHashMap<>(fields);
        if (next.remove(name) != null) {
            publish(next);
        }
    }

    private void publish(Map<String, VectorField> next) {
        Map<String, VectorFieldSpec> nextSpecs = new LinkedHashMap<>();
        next.forEach((name, field) -> nextSpecs.put(name, field.spec()));
        specs = Collections.unmodifiableMap(nextSpecs);
        fields = Collections.unmodifiableMap(next);
    }

    /** An empty field; a dense {@code on_disk} one maps its vectors from {@code storage} (multivectors stay in memory). */
    static VectorField createField(VectorFieldSpec spec, VectorKernels kernels, VectorStorage storage) {
        if (spec instanceof VectorFieldSpec.Dense d) {
            return new DenseField(d, VectorIndexes.create(d.index(), d.datatype(), kernels, storage));
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
        return specs;
    }

    /** Ordinals assigned so far (every field has as many; a shard without fields has none). */
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
        Map<String, VectorField> fields = this.fields;
        int n = points.size();
        int[] ordinals = new int[n];
        for (int i = 0; i < n; i++) {
            Map<String, VectorValue> values = points.get(i);
            int ordinal = -1;
            for (Map.Entry<String, VectorField> e : fields.entrySet()) {
                // A value that does not fit its field can only come from replaying a log written
                // before the field was dropped and added again under another definition: it
                // belongs to the dropped field, so the point has no value in the new one.
                VectorValue value = values.get(e.getKey());
                int o = e.getValue().reserve(fits(e.getValue().spec(), value) ? value : null, prepared);
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

    private static boolean fits(VectorFieldSpec spec, VectorValue value) {
        if (value == null) {
            return true;
        }
        if (spec instanceof VectorFieldSpec.Dense d) {
            return value instanceof VectorValue.Dense v && v.values().length == d.index().dimension();
        }
        if (spec instanceof VectorFieldSpec.Multi m) {
            return value instanceof VectorValue.Multi v && v.vector().dimension() == m.index().dimension();
        }
        return value instanceof VectorValue.Sparse;
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
