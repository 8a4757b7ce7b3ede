package io.vjvector.engine.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class KernelModeTest {

    @Test
    void parsesNamesIgnoringCaseAndSurroundingBlanks() {
        assertEquals(KernelMode.AUTO, KernelMode.parse("auto"));
        assertEquals(KernelMode.VECTOR, KernelMode.parse(" Vector "));
        assertEquals(KernelMode.SCALAR, KernelMode.parse("SCALAR"));
    }

    @Test
    void unknownNameListsTheAllowedOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KernelMode.parse("simd"));
        assertEquals("vjvector.kernels must be one of auto, vector, scalar; got 'simd'", e.getMessage());
    }

    @Test
    void emptyValueIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> KernelMode.parse(""));
    }
}
