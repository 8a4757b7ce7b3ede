package io.vjvector.engine.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class KernelTuningTest {

    @Test
    void absentOrBlankMeansPreferredWidthAndAutoFma() {
        KernelTuning expected = new KernelTuning(KernelTuning.PREFERRED, KernelTuning.Fma.AUTO);
        assertEquals(expected, KernelTuning.parse(null, null));
        assertEquals(expected, KernelTuning.parse(" ", ""));
        assertEquals(expected, KernelTuning.parse("Preferred", "AUTO"));
    }

    @Test
    void acceptsSupportedWidthsAndFmaSwitches() {
        assertEquals(new KernelTuning(128, KernelTuning.Fma.ON), KernelTuning.parse("128", "on"));
        assertEquals(new KernelTuning(256, KernelTuning.Fma.OFF), KernelTuning.parse("256", " off "));
        assertEquals(512, KernelTuning.parse("512", null).vectorBits());
    }

    @Test
    void rejectsOtherWidthsNamingTheProperty() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KernelTuning.parse("1024", null));
        assertEquals("vjvector.kernels.vector-bits must be one of preferred, 128, 256, 512; got '1024'", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> KernelTuning.parse("wide", null));
    }

    @Test
    void rejectsOtherFmaValuesNamingTheProperty() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KernelTuning.parse(null, "yes"));
        assertEquals("vjvector.kernels.fma must be one of auto, on, off; got 'yes'", e.getMessage());
    }
}
