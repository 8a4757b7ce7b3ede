package io.vjvector.engine.kernels;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Vector API kernels against the scalar reference, at this JVM's preferred width (other widths:
 * {@link ForcedVectorWidthTest}). Randomized: the seed is printed; replay with
 * {@code -Dvjvector.test.seed=...}.
 */
class PanamaVectorKernelsTest {

    private static final long SEED = KernelCrossCheck.seed();
    private static VectorKernels kernels;
    private static KernelCrossCheck check;

    @BeforeAll
    static void compileKernels() {
        System.out.println("PanamaVectorKernelsTest seed " + SEED + " (-Dvjvector.test.seed=" + SEED + ")");
        kernels = VectorKernelsProvider.select(KernelMode.VECTOR, false);
        check = new KernelCrossCheck(kernels);
        assertTrue(Double.isFinite(check.warmUp()));
    }

    static IntStream dims() {
        return IntStream.of(KernelCrossCheck.DIMS);
    }

    @Test
    void isTheVectorApiImplementation() {
        assertTrue(kernels instanceof PanamaVectorKernels, kernels.name());
        assertTrue(kernels.name().startsWith("vector-api ("), kernels.name());
    }

    @ParameterizedTest(name = "dims={0}")
    @MethodSource("dims")
    void floatKernelsAgreeWithScalarWithinRoundingBound(int dims) {
        for (int round = 0; round < KernelCrossCheck.ROUNDS; round++) {
            check.floatKernelsAgree(dims, random(round, dims));
        }
    }

    @ParameterizedTest(name = "dims={0}")
    @MethodSource("dims")
    void floatKernelsEqualScalarExactlyOnSmallIntegers(int dims) {
        for (int round = 0; round < KernelCrossCheck.ROUNDS; round++) {
            check.floatKernelsExactOnSmallIntegers(dims, random(round, dims));
        }
    }

    @ParameterizedTest(name = "dims={0}")
    @MethodSource("dims")
    void int8DotEqualsScalarExactly(int dims) {
        for (int round = 0; round < KernelCrossCheck.ROUNDS; round++) {
            check.int8DotExact(dims, random(round, dims));
        }
    }

    @ParameterizedTest(name = "dims={0}")
    @MethodSource("dims")
    void int8DotIsExactAtMinusOneTwentyEightAndOneTwentySeven(int dims) {
        for (int round = 0; round < KernelCrossCheck.ROUNDS; round++) {
            check.int8DotExactAtExtremes(dims, random(round, dims));
        }
    }

    private static SplittableRandom random(int round, int dims) {
        return KernelCrossCheck.random(SEED + round, dims);
    }
}
