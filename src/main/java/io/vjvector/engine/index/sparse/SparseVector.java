package io.vjvector.engine.index.sparse;

import java.util.Arrays;

/**
 * A sparse vector in canonical form: {@code indices} strictly ascending (so distinct) and
 * {@code >= 0}, {@code values[i]} the finite value at {@code indices[i]}. Zero values are kept as
 * given: Qdrant stores them too, so a zero entry still counts as the vector having that dimension.
 *
 * <p>Immutable: the constructor and the accessors copy the arrays. Hot paths read entries with
 * {@link #index(int)} and {@link #value(int)} instead.
 *
 * <p>Qdrant's indices are unsigned 32-bit; this engine keeps them as non-negative {@code int}s,
 * so indices from 2^31 up are rejected (the API layer reports them as out of range).
 */
public record SparseVector(int[] indices, float[] values) {

    public static final SparseVector EMPTY = new SparseVector(new int[0], new float[0]);

    /** Checks the canonical form; use {@link #of} for entries in any order. */
    public SparseVector {
        checkShape(indices, values);
        indices = indices.clone();
        values = values.clone();
        for (int i = 0; i < indices.length; i++) {
            checkEntry(indices[i], values[i]);
            if (i > 0 && indices[i] <= indices[i - 1]) {
                throw new IllegalArgumentException(indices[i] == indices[i - 1]
                        ? "duplicate index " + indices[i]
                        : "indices must be sorted ascending (use SparseVector.of)");
            }
        }
    }

    /**
     * A vector from entries in any order, sorted by index.
     *
     * @throws IllegalArgumentException naming the rule broken: lengths differ, an index is
     *                                  negative or repeated, or a value is not finite
     */
    public static SparseVector of(int[] indices, float[] values) {
        checkShape(indices, values);
        int n = indices.length;
        for (int i = 0; i < n; i++) {
            checkEntry(indices[i], values[i]);
        }
        // Sort (index, position) pairs packed in longs: indices are non-negative, so the packed
        // order is the index order, and one primitive sort avoids boxing.
        long[] packed = new long[n];
        for (int i = 0; i < n; i++) {
            packed[i] = ((long) indices[i] << 32) | i;
        }
        Arrays.sort(packed);
        int[] sortedIndices = new int[n];
        float[] sortedValues = new float[n];
        for (int i = 0; i < n; i++) {
            sortedIndices[i] = (int) (packed[i] >>> 32);
            sortedValues[i] = values[(int) packed[i]];
            if (i > 0 && sortedIndices[i] == sortedIndices[i - 1]) {
                throw new IllegalArgumentException("duplicate index " + sortedIndices[i]);
            }
        }
        return new SparseVector(sortedIndices, sortedValues);
    }

    private static void checkShape(int[] indices, float[] values) {
        if (indices == null || values == null) {
            throw new IllegalArgumentException("indices and values are required");
        }
        if (indices.length != values.length) {
            throw new IllegalArgumentException("indices and values must have the same length (" + indices.length
                    + " indices, " + values.length + " values)");
        }
    }

    private static void checkEntry(int index, float value) {
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0 and below 2^31, got " + Integer.toUnsignedString(index));
        }
        if (!Float.isFinite(value)) {
            throw new IllegalArgumentException("value at index " + index + " must be finite, got " + value);
        }
    }

    /** Number of stored entries. */
    public int size() {
        return indices.length;
    }

    /** The index of entry {@code i} (ascending in {@code i}). */
    public int index(int i) {
        return indices[i];
    }

    /** The value of entry {@code i}. */
    public float value(int i) {
        return values[i];
    }

    /** A copy of the indices. */
    @Override
    public int[] indices() {
        return indices.clone();
    }

    /** A copy of the values. */
    @Override
    public float[] values() {
        return values.clone();
    }

    /**
     * Dot product over the indices both vectors have, summed in ascending index order (the
     * order {@link SparseIndex} accumulates in, so both give the same float).
     */
    public float dot(SparseVector other) {
        int[] a = indices;
        int[] b = other.indices;
        float sum = 0f;
        int i = 0;
        int j = 0;
        while (i < a.length && j < b.length) {
            if (a[i] < b[j]) {
                i++;
            } else if (a[i] > b[j]) {
                j++;
            } else {
                sum += values[i] * other.values[j];
                i++;
                j++;
            }
        }
        return sum;
    }

    /** The indices themselves, for readers in this package that do not modify them. */
    int[] indicesView() {
        return indices;
    }

    /** The values themselves, for readers in this package that do not modify them. */
    float[] valuesView() {
        return values;
    }

    /** Heap bytes of this vector: the record and its two arrays. */
    long ramBytesUsed() {
        return 16L + 2 * 16L + (long) indices.length * (Integer.BYTES + Float.BYTES);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SparseVector v && Arrays.equals(indices, v.indices) && Arrays.equals(values, v.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(indices) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("SparseVector{");
        for (int i = 0; i < indices.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(indices[i]).append('=').append(values[i]);
        }
        return sb.append('}').toString();
    }
}
