package io.vjvector.engine.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Compares one kernel implementation with {@link ScalarKernels} on random inputs. Used by
 * {@link PanamaVectorKernelsTest} in the test JVM and, through {@link #main}, by
 * {@link ForcedVectorWidthTest} in child JVMs started with other tuning properties.
 */
final class KernelCrossCheck {

    /**
     * The dimensions the engine meets (1536, 4096, …) plus awkward ones around multiples of the
     * lane counts, so the unrolled body, the single-vector loop and the scalar tail all run at
     * every vector width (with 16 lanes, 4096 uses only the unrolled loop and 17 only the scalar one).
     */
    static final int[] DIMS = {1, 3, 7, 15, 17, 31, 32, 33, 63, 65, 100, 128, 207, 384, 702, 768, 1021, 1536, 4096};

    /** Random inputs per dimension and check, after the warm-up. */
    static final int ROUNDS = 20;

    private static final int[] WARM_UP_LENGTHS = {33, 100, 1021};
    private static final int WARM_UP_ROUNDS = 30_000;

    /** Unit roundoff of float: half an ulp of 1. */
    private static final double UNIT_ROUNDOFF = Math.ulp(1f) / 2.0;

    private final VectorKernels candidate;
    private final VectorKernels reference = ScalarKernels.INSTANCE;

    KernelCrossCheck(VectorKernels candidate) {
        this.candidate = candidate;
    }

    /** Seed from {@code -Dvjvector.test.seed}, or a fresh one; callers print it. */
    static long seed() {
        return Long.getLong("vjvector.test.seed", System.nanoTime());
    }

    /** Deterministic per-dimension stream, so one failing dimension can be replayed alone. */
    static SplittableRandom random(long seed, int dims) {
        return new SplittableRandom(seed * 31 + dims);
    }

    /**
     * Both implementations round every product and every partial sum to float. A sum of n
     * rounded terms t_i computed in any order (sequentially, or per lane and then across lanes)
     * is within n·u·Σ|t_i| of the exact value (Higham, Accuracy and Stability of Numerical
     * Algorithms, §4.2; u = 2^-24); FMA only drops roundings. So the two results differ by at most
     * 2·n·u·Σ|t_i|. That bound is never reached by random data, so the check cannot flake, while
     * indexing mistakes are caught exactly by {@link #floatKernelsExactOnSmallIntegers}.
     */
    static double sumTolerance(int n, double sumOfAbsTerms) {
        return 2.0 * n * UNIT_ROUNDOFF * sumOfAbsTerms + Float.MIN_NORMAL;
    }

    /**
     * Cosine divides the dot product by the root of the squared norms. With errors of n·u·Σ|a_i b_i|
     * ≤ n·u·|a||b| in the dot product (Cauchy–Schwarz) and n·u relative in each norm, each result is
     * within 2·n·u of the exact cosine, plus a few u for the final operations; two results differ
     * by at most 4·(n + 1)·u.
     */
    static double cosineTolerance(int n) {
        return 4.0 * (n + 1) * UNIT_ROUNDOFF;
    }

    /** Random reals in [-1, 1) at random offsets; results within the rounding bound of the scalar loop. */
    void floatKernelsAgree(int dims, SplittableRandom random) {
        Operands<float[]> o = Operands.floats(dims, random, r -> (float) r.nextDouble(-1, 1));
        double dotTerms = 0, squareTerms = 0, l1Terms = 0;
        for (int i = 0; i < dims; i++) {
            float x = o.a[o.aOffset + i], y = o.b[o.bOffset + i], d = x - y;
            dotTerms += Math.abs((double) x * y);
            squareTerms += (double) d * d;
            l1Terms += Math.abs(d);
        }
        assertClose("dot", dims, reference.dot(o.a, o.aOffset, o.b, o.bOffset, dims),
                candidate.dot(o.a, o.aOffset, o.b, o.bOffset, dims), sumTolerance(dims, dotTerms));
        assertClose("squareDistance", dims, reference.squareDistance(o.a, o.aOffset, o.b, o.bOffset, dims),
                candidate.squareDistance(o.a, o.aOffset, o.b, o.bOffset, dims), sumTolerance(dims, squareTerms));
        assertClose("l1Distance", dims, reference.l1Distance(o.a, o.aOffset, o.b, o.bOffset, dims),
                candidate.l1Distance(o.a, o.aOffset, o.b, o.bOffset, dims), sumTolerance(dims, l1Terms));
        assertClose("cosine", dims, reference.cosine(o.a, o.aOffset, o.b, o.bOffset, dims),
                candidate.cosine(o.a, o.aOffset, o.b, o.bOffset, dims), cosineTolerance(dims));
    }

    /**
     * Integers in [-8, 8]: every product and partial sum (at most 4096 · 256 < 2^24) is exact in
     * float, so any summation order gives the same bits and a skipped or repeated element shows.
     */
    void floatKernelsExactOnSmallIntegers(int dims, SplittableRandom random) {
        Operands<float[]> o = Operands.floats(dims, random, r -> r.nextInt(-8, 9));
        assertExact("dot", dims, reference.dot(o.a, o.aOffset, o.b, o.bOffset, dims),
                candidate.dot(o.a, o.aOffset, o.b, o.bOffset, dims));
        assertExact("squareDistance", dims, reference.squareDistance(o.a, o.aOffset, o.b, o.bOffset, dims),
                candidate.squareDistance(o.a, o.aOffset, o.b, o.bOffset, dims));
        assertExact("l1Distance", dims, reference.l1Distance(o.a, o.aOffset, o.b, o.bOffset, dims),
                candidate.l1Distance(o.a, o.aOffset, o.b, o.bOffset, dims));
        assertExact("cosine", dims, reference.cosine(o.a, o.aOffset, o.b, o.bOffset, dims),
                candidate.cosine(o.a, o.aOffset, o.b, o.bOffset, dims));
    }

    /** Random bytes over the full range at random offsets: the int result must match exactly. */
    void int8DotExact(int dims, SplittableRandom random) {
        Operands<byte[]> o = Operands.bytes(dims, random, r -> (byte) r.nextInt());
        assertEquals(reference.int8Dot(o.a, o.aOffset, o.b, o.bOffset, dims),
                candidate.int8Dot(o.a, o.aOffset, o.b, o.bOffset, dims), () -> "int8Dot, dims " + dims);
    }

    /** -128 and 127 only: the largest products, the ones a 16-bit or sign slip would break. */
    void int8DotExactAtExtremes(int dims, SplittableRandom random) {
        byte[] minimum = filled(dims, Byte.MIN_VALUE);
        byte[] maximum = filled(dims, Byte.MAX_VALUE);
        assertEquals(dims * 16384, candidate.int8Dot(minimum, 0, minimum, 0, dims), () -> "-128·-128, dims " + dims);
        assertEquals(dims * -16256, candidate.int8Dot(minimum, 0, maximum, 0, dims), () -> "-128·127, dims " + dims);
        assertEquals(dims * 16129, candidate.int8Dot(maximum, 0, maximum, 0, dims), () -> "127·127, dims " + dims);
        Operands<byte[]> mixed = Operands.bytes(dims, random, r -> r.nextBoolean() ? Byte.MIN_VALUE : Byte.MAX_VALUE);
        assertEquals(reference.int8Dot(mixed.a, mixed.aOffset, mixed.b, mixed.bOffset, dims),
                candidate.int8Dot(mixed.a, mixed.aOffset, mixed.b, mixed.bOffset, dims),
                () -> "mixed extremes, dims " + dims);
    }

    private void assertClose(String kernel, int dims, float expected, float actual, double tolerance) {
        assertTrue(Math.abs((double) expected - actual) <= tolerance, () -> String.format(
                "%s, dims %d: %s = %s, %s = %s, difference %s > tolerance %s", kernel, dims, reference.name(),
                expected, candidate.name(), actual, Math.abs((double) expected - actual), tolerance));
    }

    private void assertExact(String kernel, int dims, float expected, float actual) {
        assertEquals(expected, actual, 0f, () -> kernel + ", dims " + dims + ", " + candidate.name());
    }

    private static byte[] filled(int length, byte value) {
        byte[] array = new byte[length];
        Arrays.fill(array, value);
        return array;
    }

    /** Two operands placed at random offsets inside larger arrays, as a flat vector store keeps them. */
    private record Operands<T>(T a, int aOffset, T b, int bOffset) {

        interface FloatSource {
            float next(SplittableRandom random);
        }

        interface ByteSource {
            byte next(SplittableRandom random);
        }

        static Operands<float[]> floats(int dims, SplittableRandom random, FloatSource source) {
            int aOffset = random.nextInt(17), bOffset = random.nextInt(17);
            float[] a = fill(new float[aOffset + dims + random.nextInt(5)], random, source);
            float[] b = fill(new float[bOffset + dims + random.nextInt(5)], random, source);
            return new Operands<>(a, aOffset, b, bOffset);
        }

        static Operands<byte[]> bytes(int dims, SplittableRandom random, ByteSource source) {
            int aOffset = random.nextInt(17), bOffset = random.nextInt(17);
            byte[] a = new byte[aOffset + dims + random.nextInt(5)];
            byte[] b = new byte[bOffset + dims + random.nextInt(5)];
            for (int i = 0; i < a.length; i++) {
                a[i] = source.next(random);
            }
            for (int i = 0; i < b.length; i++) {
                b[i] = source.next(random);
            }
            return new Operands<>(a, aOffset, b, bOffset);
        }

        private static float[] fill(float[] array, SplittableRandom random, FloatSource source) {
            for (int i = 0; i < array.length; i++) {
                array[i] = source.next(random);
            }
            return array;
        }
    }

    /**
     * Calls every kernel often enough for C2 to compile it, on lengths that reach the unrolled
     * body, the single-vector loop and the scalar tail. Until then the Vector API runs its plain
     * Java fallback; the intrinsics C2 substitutes are what production runs, so they are what the
     * checks must see. Returns a sum of the results so the calls cannot be eliminated.
     */
    double warmUp() {
        SplittableRandom random = new SplittableRandom(1);
        Operands<float[]> f = Operands.floats(WARM_UP_LENGTHS[WARM_UP_LENGTHS.length - 1], random,
                r -> (float) r.nextDouble(-1, 1));
        Operands<byte[]> b = Operands.bytes(WARM_UP_LENGTHS[WARM_UP_LENGTHS.length - 1], random, r -> (byte) r.nextInt());
        double sink = 0;
        for (int round = 0; round < WARM_UP_ROUNDS; round++) {
            int n = WARM_UP_LENGTHS[round % WARM_UP_LENGTHS.length];
            sink += candidate.dot(f.a, f.aOffset, f.b, f.bOffset, n)
                    + candidate.squareDistance(f.a, f.aOffset, f.b, f.bOffset, n)
                    + candidate.cosine(f.a, f.aOffset, f.b, f.bOffset, n)
                    + candidate.l1Distance(f.a, f.aOffset, f.b, f.bOffset, n)
                    + candidate.int8Dot(b.a, b.aOffset, b.b, b.bOffset, n);
        }
        return sink;
    }

    /** Runs every check on every dimension; the check that fails throws. */
    void checkAll(long seed, int rounds) {
        for (int dims : DIMS) {
            for (int round = 0; round < rounds; round++) {
                SplittableRandom random = random(seed + round, dims);
                floatKernelsAgree(dims, random);
                floatKernelsExactOnSmallIntegers(dims, random);
                int8DotExact(dims, random);
                int8DotExactAtExtremes(dims, random);
            }
        }
    }

    /**
     * Entry point of the child JVMs of {@link ForcedVectorWidthTest}: checks the kernels
     * {@link VectorKernelsProvider} picks for {@code vector} under this JVM's properties and prints
     * their name. Exits non-zero (uncaught assertion error) on the first mismatch.
     */
    public static void main(String[] args) {
        long seed = Long.parseLong(args[0]);
        VectorKernels kernels = VectorKernelsProvider.select(KernelMode.VECTOR, false);
        System.out.println("kernels: " + kernels.name());
        KernelCrossCheck check = new KernelCrossCheck(kernels);
        System.out.println("warm-up sum " + check.warmUp());
        check.checkAll(seed, ROUNDS);
        System.out.println("all kernels agree with scalar");
    }
}
