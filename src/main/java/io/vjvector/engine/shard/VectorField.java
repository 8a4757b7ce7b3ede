package io.vjvector.engine.shard;

import io.vjvector.engine.index.VectorValue;

/**
 * One vector field of a shard, addressed by the shard's point ordinals: every ordinal the shard
 * assigns is reserved in every field, holding the point's value or marked absent, so an ordinal
 * means the same point version in all of them. Same concurrency as the indexes behind it: one
 * writer (the shard's write lock, or a state nobody sees yet), lock-free readers.
 */
sealed interface VectorField permits DenseField, SparseField, MultiField {

    VectorFieldSpec spec();

    /**
     * Stores {@code value} (null = the point has no value in this field) under the next ordinal.
     *
     * @param prepared whether the value was read back from a field of the same spec (see
     *                 {@link io.vjvector.engine.index.VectorIndex#addPrepared})
     * @return the ordinal
     */
    int reserve(VectorValue value, boolean prepared);

    /** Makes a reserved ordinal searchable by the field's index; may run on several threads. */
    void link(int ordinal);

    /** Tombstones {@code ordinal}; idempotent. */
    void delete(int ordinal);

    /** The stored value of {@code ordinal} (prepared, as searches see it), or null when it has none. */
    VectorValue value(int ordinal);

    /** Ordinals reserved, absent and deleted ones included. */
    int size();

    long ramBytesUsed();

    /** The {@code m} of the field's graph, 0 for none. */
    int graphM();
}
