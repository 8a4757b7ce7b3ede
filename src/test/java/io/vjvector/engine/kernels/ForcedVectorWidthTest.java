package io.vjvector.engine.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The species width and FMA choice are {@code static final} (C2 needs constant species), so other
 * settings can only be checked in another JVM: each test runs {@link KernelCrossCheck#main} in a
 * child JVM with the tuning properties set. Randomized: the seed is printed.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ForcedVectorWidthTest {

    private static final long SEED = KernelCrossCheck.seed();

    @BeforeAll
    static void printSeed() {
        System.out.println("ForcedVectorWidthTest seed " + SEED + " (-Dvjvector.test.seed=" + SEED + ")");
    }

    @Test
    void width256WithoutFmaAgreesWithScalar() throws Exception {
        ChildJvm child = crossCheck("256", "off");
        assertTrue(child.output().contains("kernels: vector-api (256-bit, no FMA)"), child.output());
    }

    /** 128 bits is the only width where one widened short vector fills two int vectors in int8Dot. */
    @Test
    void width128AgreesWithScalar() throws Exception {
        ChildJvm child = crossCheck("128", "auto");
        assertTrue(child.output().contains("kernels: vector-api (128-bit, "), child.output());
    }

    private static ChildJvm crossCheck(String vectorBits, String fma) throws Exception {
        ChildJvm child = ChildJvm.run(List.of("--add-modules=jdk.incubator.vector",
                "-D" + VectorKernelsProvider.VECTOR_BITS_PROPERTY + "=" + vectorBits,
                "-D" + VectorKernelsProvider.FMA_PROPERTY + "=" + fma),
                KernelCrossCheck.class, Long.toString(SEED));
        assertEquals(0, child.exitCode(), child.output());
        assertTrue(child.output().contains("all kernels agree with scalar"), child.output());
        return child;
    }
}
