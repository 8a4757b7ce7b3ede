package io.vjvector.engine.index;

/**
 * One vector of a point, of whichever kind its field is: a dense float vector, a sparse vector or
 * a multivector (a matrix of dense rows). A point holds one value per vector field it has.
 */
public sealed interface VectorValue {

    /** A dense vector; the array is owned by the value once created and never changed. */
    record Dense(float[] values) implements VectorValue {
    }

    /** A sparse vector (canonical: indices ascending and distinct). */
    record Sparse(io.vjvector.engine.index.sparse.SparseVector vector) implements VectorValue {
    }

    /** A multivector: rows of one dimension, scored against a query matrix by MaxSim. */
    record Multi(io.vjvector.engine.index.multi.MultiVector vector) implements VectorValue {
    }
}
