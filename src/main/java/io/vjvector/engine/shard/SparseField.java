package io.vjvector.engine.shard;

import io.vjvector.engine.index.VectorValue;
import io.vjvector.engine.index.sparse.SparseIndex;

/** A sparse vector field: a {@link SparseIndex}, searched exactly. */
final class SparseField implements VectorField {

    private final VectorFieldSpec.Sparse spec;
    final SparseIndex index;

    SparseField(VectorFieldSpec.Sparse spec, SparseIndex index) {
        this.spec = spec;
        this.index = index;
    }

    @Override
    public VectorFieldSpec spec() {
        return spec;
    }

    @Override
    public int reserve(VectorValue value, boolean prepared) {
        return value == null ? index.addAbsent() : index.add(((VectorValue.Sparse) value).vector());
    }

    @Override
    public void link(int ordinal) {
        // Added to the postings at once: nothing to link.
    }

    @Override
    public void delete(int ordinal) {
        index.delete(ordinal);
    }

    @Override
    public VectorValue value(int ordinal) {
        var v = index.vector(ordinal);
        return v == null ? null : new VectorValue.Sparse(v);
    }

    @Override
    public int size() {
        return index.size();
    }

    @Override
    public long ramBytesUsed() {
        return index.ramBytesUsed();
    }

    @Override
    public int graphM() {
        return 0;
    }
}
