package io.vjvector.engine.index;

/**
 * The prepared vectors of an index, {@code dimension} floats per ordinal in paged flat arrays
 * (no object per vector). Appends are serialised; reads are lock-free: a reader that saw an
 * ordinal through {@link #size()} (or through a graph link published after the append) sees its
 * vector, because the append publishes the volatile size after writing it.
 */
final class VectorStore {

    /** 4 MiB of floats per page: large enough that the spine stays short, small enough to grow cheaply. */
    private static final int MAX_PAGE_FLOATS = 1 << 20;

    private final int dimension;
    private final PagedArray<float[]> pages;
    private volatile int size;

    VectorStore(int dimension) {
        this.dimension = dimension;
        this.pages = new PagedArray<>(dimension, PagedArray.pageShiftFor(dimension, MAX_PAGE_FLOATS),
                Float.BYTES, true, float[]::new);
    }

    int dimension() {
        return dimension;
    }

    /** Number of stored vectors; ordinals are {@code [0, size)}. */
    int size() {
        return size;
    }

    /** Copies {@code prepared} (length {@link #dimension()}) in and returns its ordinal. */
    int append(float[] prepared) {
        synchronized (pages) {
            int ordinal = size;
            if (ordinal == Integer.MAX_VALUE) {
                throw new IllegalStateException("index is full (2^31-1 vectors)");
            }
            pages.ensureCapacity(ordinal + 1);
            System.arraycopy(prepared, 0, pages.page(ordinal), pages.offset(ordinal), dimension);
            size = ordinal + 1;
            return ordinal;
        }
    }

    /** The page holding {@code ordinal}'s vector; read it at {@link #offset(int)}. */
    float[] page(int ordinal) {
        return pages.page(ordinal);
    }

    /** Offset of {@code ordinal}'s first component inside {@link #page(int)}. */
    int offset(int ordinal) {
        return pages.offset(ordinal);
    }

    /** A copy of {@code ordinal}'s vector. */
    float[] copy(int ordinal) {
        if (ordinal < 0 || ordinal >= size) {
            throw new IndexOutOfBoundsException("ordinal " + ordinal + " of " + size);
        }
        float[] out = new float[dimension];
        System.arraycopy(pages.page(ordinal), pages.offset(ordinal), out, 0, dimension);
        return out;
    }

    long ramBytesUsed() {
        return pages.ramBytesUsed();
    }
}
