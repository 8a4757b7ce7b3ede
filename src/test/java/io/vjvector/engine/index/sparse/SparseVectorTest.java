package io.vjvector.engine.index.sparse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SparseVectorTest {

    @Test
    void ofSortsEntriesByIndex() {
        SparseVector v = SparseVector.of(new int[] {7, 2, 5}, new float[] {0.7f, 0.2f, 0.5f});
        assertArrayEquals(new int[] {2, 5, 7}, v.indices());
        assertArrayEquals(new float[] {0.2f, 0.5f, 0.7f}, v.values());
        assertEquals(3, v.size());
        assertEquals(5, v.index(1));
        assertEquals(0.5f, v.value(1));
    }

    @Test
    void ofRejectsMismatchedLengths() {
        var e = assertThrows(IllegalArgumentException.class, () -> SparseVector.of(new int[] {1, 2}, new float[] {1f}));
        assertTrue(e.getMessage().contains("indices and values must have the same length"), e.getMessage());
    }

    @Test
    void ofRejectsDuplicateIndex() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> SparseVector.of(new int[] {5, 1, 5}, new float[] {1f, 2f, 3f}));
        assertEquals("duplicate index 5", e.getMessage());
    }

    @Test
    void ofRejectsNegativeIndex() {
        var e = assertThrows(IllegalArgumentException.class, () -> SparseVector.of(new int[] {3, -1}, new float[] {1f, 2f}));
        assertTrue(e.getMessage().startsWith("index must be >= 0"), e.getMessage());
    }

    @Test
    void ofRejectsValuesThatAreNotFinite() {
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            var e = assertThrows(IllegalArgumentException.class, () -> SparseVector.of(new int[] {4}, new float[] {bad}));
            assertTrue(e.getMessage().contains("must be finite"), e.getMessage());
        }
    }

    @Test
    void ofRejectsMissingArrays() {
        assertThrows(IllegalArgumentException.class, () -> SparseVector.of(null, new float[0]));
        assertThrows(IllegalArgumentException.class, () -> SparseVector.of(new int[0], null));
    }

    @Test
    void constructorRequiresCanonicalOrder() {
        var e = assertThrows(IllegalArgumentException.class, () -> new SparseVector(new int[] {3, 1}, new float[] {1f, 2f}));
        assertTrue(e.getMessage().contains("sorted ascending"), e.getMessage());
        var dup = assertThrows(IllegalArgumentException.class, () -> new SparseVector(new int[] {1, 1}, new float[] {1f, 2f}));
        assertEquals("duplicate index 1", dup.getMessage());
    }

    @Test
    void emptyVectorIsValid() {
        SparseVector v = SparseVector.of(new int[0], new float[0]);
        assertEquals(0, v.size());
        assertEquals(SparseVector.EMPTY, v);
        assertEquals(0f, v.dot(SparseVector.of(new int[] {1}, new float[] {1f})));
    }

    @Test
    void dotSumsProductsOfSharedIndices() {
        SparseVector a = SparseVector.of(new int[] {1, 4, 9, 12}, new float[] {2f, -1f, 0.5f, 3f});
        SparseVector b = SparseVector.of(new int[] {0, 4, 9, 30}, new float[] {7f, 3f, 4f, 1f});
        // shared: 4 -> -1 * 3, 9 -> 0.5 * 4
        assertEquals(-1f, a.dot(b));
        assertEquals(-1f, b.dot(a));
        assertEquals(0f, a.dot(SparseVector.of(new int[] {2, 3}, new float[] {1f, 1f})));
    }

    @Test
    void equalsAndHashCodeCompareContent() {
        SparseVector a = SparseVector.of(new int[] {2, 1}, new float[] {0.2f, 0.1f});
        SparseVector b = new SparseVector(new int[] {1, 2}, new float[] {0.1f, 0.2f});
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, SparseVector.of(new int[] {1, 2}, new float[] {0.1f, 0.3f}));
        assertNotEquals(a, SparseVector.of(new int[] {1, 3}, new float[] {0.1f, 0.2f}));
    }

    @Test
    void arraysCannotBeChangedFromOutside() {
        int[] indices = {1, 2};
        float[] values = {1f, 2f};
        SparseVector v = new SparseVector(indices, values);
        indices[0] = 0;
        values[0] = 9f;
        v.indices()[1] = 7;
        v.values()[1] = 7f;
        assertEquals(SparseVector.of(new int[] {1, 2}, new float[] {1f, 2f}), v);
    }
}
