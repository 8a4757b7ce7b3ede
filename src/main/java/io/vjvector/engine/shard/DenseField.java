package io.vjvector.engine.shard;

import io.vjvector.engine.index.Tombstones;
import io.vjvector.engine.index.VectorIndex;
import io.vjvector.engine.index.VectorValue;

/** A dense vector field: a {@link VectorIndex} whose absent ordinals are reserved as deleted. */
final class DenseField implements VectorField {

    private final VectorFieldSpec.Dense spec;
    final VectorIndex index;
    /** Ordinals reserved for points without this vector (the index only knows them as deleted). */
    private final Tombstones absent = new Tombstones();

    DenseField(VectorFieldSpec.Dense spec, VectorIndex index) {
        this.spec = spec;
        this.index = index;
    }

    @Override
    public VectorFieldSpec spec() {
        return spec;
    }

    @Override
    public int reserve(VectorValue value, boolean prepared) {
        if (value == null) {
            int ordinal = index.reserveAbsent();
            absent.delete(ordinal);
            return ordinal;
        }
        float[] vector = ((VectorValue.Dense) value).values();
        return index.reserve(prepared ? vector : spec.datatype().store(vector), prepared);
    }

    @Override
    public void link(int ordinal) {
        index.link(ordinal);
    }

    @Override
    public void delete(int ordinal) {
        index.delete(ordinal);
    }

    @Override
    public VectorValue value(int ordinal) {
        // A deleted ordinal keeps its vector: a reader that found it live a moment ago still gets it.
        return absent.isDeleted(ordinal) ? null : new VectorValue.Dense(index.vector(ordinal));
    }

    @Override
    public int size() {
        return index.size();
    }

    @Override
    public long ramBytesUsed() {
        return index.ramBytesUsed() + absent.ramBytesUsed();
    }

    @Override
    public int graphM() {
        return index.graphM();
    }

    /** The absent ordinals among those assigned, as {@link Tombstones#words}; call while no write runs. */
    long[] absentWords() {
        return absent.words(index.size());
    }

    /** Loading a checkpoint: marks the ordinals of {@code words} absent. */
    void restoreAbsent(long[] words) {
        absent.deleteAll(words, index.size());
    }
}
