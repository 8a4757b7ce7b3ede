package io.vjvector.engine.shard;

import io.vjvector.engine.index.Datatype;
import io.vjvector.engine.index.VectorValue;
import io.vjvector.engine.index.multi.MultiVector;
import io.vjvector.engine.index.multi.MultiVectorIndex;

/** A multivector field (late interaction, scored by MaxSim): a {@link MultiVectorIndex}. */
final class MultiField implements VectorField {

    private final VectorFieldSpec.Multi spec;
    final MultiVectorIndex index;

    MultiField(VectorFieldSpec.Multi spec, MultiVectorIndex index) {
        this.spec = spec;
        this.index = index;
    }

    @Override
    public VectorFieldSpec spec() {
        return spec;
    }

    /** Stored rows are rounded to the field's datatype, as a dense field's are. */
    @Override
    public int reserve(VectorValue value, boolean prepared) {
        if (value == null) {
            return index.addAbsent();
        }
        float[][] rows = ((VectorValue.Multi) value).vector().rows();
        Datatype datatype = spec.datatype();
        if (!prepared && datatype != Datatype.FLOAT32) {
            float[][] stored = new float[rows.length][];
            for (int i = 0; i < rows.length; i++) {
                stored[i] = datatype.store(rows[i]);
            }
            rows = stored;
        }
        return index.add(new MultiVector(rows));
    }

    @Override
    public void link(int ordinal) {
        // The index links a point's rows into its row graph when it adds them.
    }

    @Override
    public void delete(int ordinal) {
        index.delete(ordinal);
    }

    @Override
    public VectorValue value(int ordinal) {
        MultiVector v = index.vector(ordinal);
        return v == null ? null : new VectorValue.Multi(v);
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
