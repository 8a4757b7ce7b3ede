package io.vjvector.engine.kernels;

import static jdk.incubator.vector.VectorOperators.ADD;
import static jdk.incubator.vector.VectorOperators.B2S;
import static jdk.incubator.vector.VectorOperators.S2I;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.Vector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Kernels on {@code jdk.incubator.vector}. Loaded by name from {@link VectorKernelsProvider} only
 * when the module is present, so nothing else may refer to this class.
 *
 * <p>Every kernel has the same shape: a size guard (short vectors stay scalar), a body over whole
 * vectors with several independent accumulators, and a scalar tail for the last
 * {@code length % lanes} elements. The accumulators are combined lane-wise and reduced across
 * lanes once, at the end, because a cross-lane reduction costs about as much as a dozen
 * lane-wise additions.
 *
 * <p>No helper method of ours takes or returns a vector, however repetitive the bodies look. C2
 * stops inlining into a compilation unit that has grown too large, except for the JDK's own
 * {@code @ForceInline} methods; a vector passed to a helper that was not inlined is allocated on
 * the heap, and the kernel becomes up to a hundred times slower. Measured: with an
 * {@code fma(x, y, acc)} helper, the compilation of the benchmark loop left its fourth call out
 * and squareDistance went from 0.3 to 40 microseconds (JDK 17 and 25 alike). The bodies take only
 * arrays and ints, so a caller that does not inline them merely pays a call; being larger than
 * C2's limit for inlining hot methods (325 bytes of bytecode), they are in fact compiled on their
 * own, with their own budget, whatever the caller looks like.
 *
 * <p>The species are {@code static final}: C2 emits SIMD instructions only for constant species.
 * Their width comes from {@value VectorKernelsProvider#VECTOR_BITS_PROPERTY} (default: the
 * platform's preferred width, 512 bits on AVX-512, 256 on AVX2, 128 on NEON).
 */
final class PanamaVectorKernels implements VectorKernels {

    private static final System.Logger LOG = System.getLogger(PanamaVectorKernels.class.getName());
    private static final KernelTuning TUNING = KernelTuning.fromSystemProperties();

    static final int BITS = vectorBits(TUNING.vectorBits());
    private static final VectorSpecies<Float> FLOATS = VectorSpecies.of(float.class, VectorShape.forBitSize(BITS));
    private static final VectorSpecies<Integer> INTS = VectorSpecies.of(int.class, VectorShape.forBitSize(BITS));
    /**
     * int8 lanes are widened twice (byte → short → int), so one int vector holds a quarter as
     * many bytes as the vector width. 64 bits is the narrowest species, so at 128 bits one short
     * vector fills two int vectors ({@link #INT8_PARTS} = 2); at 256 and 512 bits it fills one.
     */
    private static final VectorSpecies<Byte> BYTES =
            VectorSpecies.of(byte.class, VectorShape.forBitSize(Math.max(64, BITS / 4)));
    private static final VectorSpecies<Short> SHORTS =
            VectorSpecies.of(short.class, VectorShape.forBitSize(2 * BYTES.vectorBitSize()));
    private static final int INT8_PARTS = SHORTS.length() / INTS.length();

    /**
     * Fused multiply-add in the float kernels; constant-folded by C2, so each {@code FMA ? ... : ...}
     * compiles to either one fused instruction or a multiply and an add. See
     * {@link VectorKernelsProvider#FMA_PROPERTY} for why it is on by default when the CPU has it.
     */
    static final boolean FMA = useFma(TUNING.fma());

    /**
     * Below two vectors the scalar loop wins: the float lane reduction C2 emits is ordered, one
     * dependent addition per lane, which costs as much as the scalar loop it would replace.
     */
    private static final int MIN_FLOAT_LENGTH = 2 * FLOATS.length();
    private static final int MIN_BYTE_LENGTH = 2 * BYTES.length();

    @Override
    public String name() {
        return "vector-api (" + BITS + "-bit, " + (FMA ? "FMA" : "no FMA") + ")";
    }

    @Override
    public float dot(float[] a, int aOffset, float[] b, int bOffset, int length) {
        int i = 0;
        float sum = 0f;
        if (length >= MIN_FLOAT_LENGTH) {
            i = FLOATS.loopBound(length);
            sum = dotBody(a, aOffset, b, bOffset, i);
        }
        for (; i < length; i++) {
            sum += a[aOffset + i] * b[bOffset + i];
        }
        return sum;
    }

    /**
     * Four accumulators because an FMA (or add) has a latency of about four cycles while the CPU
     * can start one or two per cycle: with a single accumulator every iteration waits for the
     * previous one. Two loads per step then become the limit, which is what we want.
     */
    private static float dotBody(float[] a, int aOffset, float[] b, int bOffset, int limit) {
        int step = FLOATS.length();
        FloatVector acc0 = FloatVector.zero(FLOATS);
        FloatVector acc1 = FloatVector.zero(FLOATS);
        FloatVector acc2 = FloatVector.zero(FLOATS);
        FloatVector acc3 = FloatVector.zero(FLOATS);
        int i = 0;
        for (int unrolled = limit - 4 * step; i <= unrolled; i += 4 * step) {
            FloatVector a0 = FloatVector.fromArray(FLOATS, a, aOffset + i);
            FloatVector b0 = FloatVector.fromArray(FLOATS, b, bOffset + i);
            FloatVector a1 = FloatVector.fromArray(FLOATS, a, aOffset + i + step);
            FloatVector b1 = FloatVector.fromArray(FLOATS, b, bOffset + i + step);
            FloatVector a2 = FloatVector.fromArray(FLOATS, a, aOffset + i + 2 * step);
            FloatVector b2 = FloatVector.fromArray(FLOATS, b, bOffset + i + 2 * step);
            FloatVector a3 = FloatVector.fromArray(FLOATS, a, aOffset + i + 3 * step);
            FloatVector b3 = FloatVector.fromArray(FLOATS, b, bOffset + i + 3 * step);
            acc0 = FMA ? a0.fma(b0, acc0) : a0.mul(b0).add(acc0);
            acc1 = FMA ? a1.fma(b1, acc1) : a1.mul(b1).add(acc1);
            acc2 = FMA ? a2.fma(b2, acc2) : a2.mul(b2).add(acc2);
            acc3 = FMA ? a3.fma(b3, acc3) : a3.mul(b3).add(acc3);
        }
        for (; i < limit; i += step) {
            FloatVector a0 = FloatVector.fromArray(FLOATS, a, aOffset + i);
            FloatVector b0 = FloatVector.fromArray(FLOATS, b, bOffset + i);
            acc0 = FMA ? a0.fma(b0, acc0) : a0.mul(b0).add(acc0);
        }
        return acc0.add(acc1).add(acc2.add(acc3)).reduceLanes(ADD);
    }

    @Override
    public float squareDistance(float[] a, int aOffset, float[] b, int bOffset, int length) {
        int i = 0;
        float sum = 0f;
        if (length >= MIN_FLOAT_LENGTH) {
            i = FLOATS.loopBound(length);
            sum = squareDistanceBody(a, aOffset, b, bOffset, i);
        }
        for (; i < length; i++) {
            float d = a[aOffset + i] - b[bOffset + i];
            sum += d * d;
        }
        return sum;
    }

    /** Four accumulators for the same reason as {@link #dotBody}. */
    private static float squareDistanceBody(float[] a, int aOffset, float[] b, int bOffset, int limit) {
        int step = FLOATS.length();
        FloatVector acc0 = FloatVector.zero(FLOATS);
        FloatVector acc1 = FloatVector.zero(FLOATS);
        FloatVector acc2 = FloatVector.zero(FLOATS);
        FloatVector acc3 = FloatVector.zero(FLOATS);
        int i = 0;
        for (int unrolled = limit - 4 * step; i <= unrolled; i += 4 * step) {
            FloatVector d0 = FloatVector.fromArray(FLOATS, a, aOffset + i)
                    .sub(FloatVector.fromArray(FLOATS, b, bOffset + i));
            FloatVector d1 = FloatVector.fromArray(FLOATS, a, aOffset + i + step)
                    .sub(FloatVector.fromArray(FLOATS, b, bOffset + i + step));
            FloatVector d2 = FloatVector.fromArray(FLOATS, a, aOffset + i + 2 * step)
                    .sub(FloatVector.fromArray(FLOATS, b, bOffset + i + 2 * step));
            FloatVector d3 = FloatVector.fromArray(FLOATS, a, aOffset + i + 3 * step)
                    .sub(FloatVector.fromArray(FLOATS, b, bOffset + i + 3 * step));
            acc0 = FMA ? d0.fma(d0, acc0) : d0.mul(d0).add(acc0);
            acc1 = FMA ? d1.fma(d1, acc1) : d1.mul(d1).add(acc1);
            acc2 = FMA ? d2.fma(d2, acc2) : d2.mul(d2).add(acc2);
            acc3 = FMA ? d3.fma(d3, acc3) : d3.mul(d3).add(acc3);
        }
        for (; i < limit; i += step) {
            FloatVector d0 = FloatVector.fromArray(FLOATS, a, aOffset + i)
                    .sub(FloatVector.fromArray(FLOATS, b, bOffset + i));
            acc0 = FMA ? d0.fma(d0, acc0) : d0.mul(d0).add(acc0);
        }
        return acc0.add(acc1).add(acc2.add(acc3)).reduceLanes(ADD);
    }

    /**
     * One method rather than guard/body/tail helpers because the body yields three sums; returning
     * them from a helper would allocate unless C2 happens to inline it. Two-way unrolling already
     * gives six independent accumulator chains, enough to cover the FMA latency.
     */
    @Override
    public float cosine(float[] a, int aOffset, float[] b, int bOffset, int length) {
        int i = 0;
        float dot = 0f, normA = 0f, normB = 0f;
        if (length >= MIN_FLOAT_LENGTH) {
            int step = FLOATS.length();
            int limit = FLOATS.loopBound(length);
            FloatVector dot0 = FloatVector.zero(FLOATS), dot1 = FloatVector.zero(FLOATS);
            FloatVector normA0 = FloatVector.zero(FLOATS), normA1 = FloatVector.zero(FLOATS);
            FloatVector normB0 = FloatVector.zero(FLOATS), normB1 = FloatVector.zero(FLOATS);
            for (int unrolled = limit - 2 * step; i <= unrolled; i += 2 * step) {
                FloatVector a0 = FloatVector.fromArray(FLOATS, a, aOffset + i);
                FloatVector b0 = FloatVector.fromArray(FLOATS, b, bOffset + i);
                FloatVector a1 = FloatVector.fromArray(FLOATS, a, aOffset + i + step);
                FloatVector b1 = FloatVector.fromArray(FLOATS, b, bOffset + i + step);
                dot0 = FMA ? a0.fma(b0, dot0) : a0.mul(b0).add(dot0);
                dot1 = FMA ? a1.fma(b1, dot1) : a1.mul(b1).add(dot1);
                normA0 = FMA ? a0.fma(a0, normA0) : a0.mul(a0).add(normA0);
                normA1 = FMA ? a1.fma(a1, normA1) : a1.mul(a1).add(normA1);
                normB0 = FMA ? b0.fma(b0, normB0) : b0.mul(b0).add(normB0);
                normB1 = FMA ? b1.fma(b1, normB1) : b1.mul(b1).add(normB1);
            }
            for (; i < limit; i += step) {
                FloatVector a0 = FloatVector.fromArray(FLOATS, a, aOffset + i);
                FloatVector b0 = FloatVector.fromArray(FLOATS, b, bOffset + i);
                dot0 = FMA ? a0.fma(b0, dot0) : a0.mul(b0).add(dot0);
                normA0 = FMA ? a0.fma(a0, normA0) : a0.mul(a0).add(normA0);
                normB0 = FMA ? b0.fma(b0, normB0) : b0.mul(b0).add(normB0);
            }
            dot = dot0.add(dot1).reduceLanes(ADD);
            normA = normA0.add(normA1).reduceLanes(ADD);
            normB = normB0.add(normB1).reduceLanes(ADD);
        }
        for (; i < length; i++) {
            float x = a[aOffset + i], y = b[bOffset + i];
            dot += x * y;
            normA += x * x;
            normB += y * y;
        }
        return ScalarKernels.cosineFromSums(dot, normA, normB);
    }

    @Override
    public float l1Distance(float[] a, int aOffset, float[] b, int bOffset, int length) {
        int i = 0;
        float sum = 0f;
        if (length >= MIN_FLOAT_LENGTH) {
            i = FLOATS.loopBound(length);
            sum = l1DistanceBody(a, aOffset, b, bOffset, i);
        }
        for (; i < length; i++) {
            sum += Math.abs(a[aOffset + i] - b[bOffset + i]);
        }
        return sum;
    }

    /** Four accumulators: the add latency, not the subtraction or abs, bounds one chain. */
    private static float l1DistanceBody(float[] a, int aOffset, float[] b, int bOffset, int limit) {
        int step = FLOATS.length();
        FloatVector acc0 = FloatVector.zero(FLOATS);
        FloatVector acc1 = FloatVector.zero(FLOATS);
        FloatVector acc2 = FloatVector.zero(FLOATS);
        FloatVector acc3 = FloatVector.zero(FLOATS);
        int i = 0;
        for (int unrolled = limit - 4 * step; i <= unrolled; i += 4 * step) {
            acc0 = acc0.add(FloatVector.fromArray(FLOATS, a, aOffset + i)
                    .sub(FloatVector.fromArray(FLOATS, b, bOffset + i)).abs());
            acc1 = acc1.add(FloatVector.fromArray(FLOATS, a, aOffset + i + step)
                    .sub(FloatVector.fromArray(FLOATS, b, bOffset + i + step)).abs());
            acc2 = acc2.add(FloatVector.fromArray(FLOATS, a, aOffset + i + 2 * step)
                    .sub(FloatVector.fromArray(FLOATS, b, bOffset + i + 2 * step)).abs());
            acc3 = acc3.add(FloatVector.fromArray(FLOATS, a, aOffset + i + 3 * step)
                    .sub(FloatVector.fromArray(FLOATS, b, bOffset + i + 3 * step)).abs());
        }
        for (; i < limit; i += step) {
            acc0 = acc0.add(FloatVector.fromArray(FLOATS, a, aOffset + i)
                    .sub(FloatVector.fromArray(FLOATS, b, bOffset + i)).abs());
        }
        return acc0.add(acc1).add(acc2.add(acc3)).reduceLanes(ADD);
    }

    /**
     * Exact, like the scalar loop: products of two bytes fit in a short and lane sums in an int,
     * and int addition wraps identically in any order, so even an overflowing sum (beyond 131,072
     * elements of -128 * -128) equals the scalar result bit for bit.
     */
    @Override
    public int int8Dot(byte[] a, int aOffset, byte[] b, int bOffset, int length) {
        int i = 0;
        int sum = 0;
        if (length >= MIN_BYTE_LENGTH) {
            i = BYTES.loopBound(length);
            sum = int8DotBody(a, aOffset, b, bOffset, i);
        }
        for (; i < length; i++) {
            sum += a[aOffset + i] * b[bOffset + i];
        }
        return sum;
    }

    /**
     * Bytes are widened to shorts, multiplied exactly in 16 bits (|product| ≤ 2^14), and the
     * products widened to ints and added. Two accumulators suffice: an int add has a one-cycle
     * latency, and each step is bound by its three widening conversions, which compete for the
     * same shuffle unit. {@link #INT8_PARTS} is a constant, so the inner loop disappears.
     */
    private static int int8DotBody(byte[] a, int aOffset, byte[] b, int bOffset, int limit) {
        int step = BYTES.length();
        IntVector acc0 = IntVector.zero(INTS);
        IntVector acc1 = IntVector.zero(INTS);
        int i = 0;
        for (int unrolled = limit - 2 * step; i <= unrolled; i += 2 * step) {
            Vector<Short> a0 = ByteVector.fromArray(BYTES, a, aOffset + i).convertShape(B2S, SHORTS, 0);
            Vector<Short> b0 = ByteVector.fromArray(BYTES, b, bOffset + i).convertShape(B2S, SHORTS, 0);
            Vector<Short> a1 = ByteVector.fromArray(BYTES, a, aOffset + i + step).convertShape(B2S, SHORTS, 0);
            Vector<Short> b1 = ByteVector.fromArray(BYTES, b, bOffset + i + step).convertShape(B2S, SHORTS, 0);
            Vector<Short> products0 = a0.mul(b0);
            Vector<Short> products1 = a1.mul(b1);
            for (int part = 0; part < INT8_PARTS; part++) {
                acc0 = acc0.add(products0.convertShape(S2I, INTS, part));
                acc1 = acc1.add(products1.convertShape(S2I, INTS, part));
            }
        }
        for (; i < limit; i += step) {
            Vector<Short> a0 = ByteVector.fromArray(BYTES, a, aOffset + i).convertShape(B2S, SHORTS, 0);
            Vector<Short> b0 = ByteVector.fromArray(BYTES, b, bOffset + i).convertShape(B2S, SHORTS, 0);
            Vector<Short> products0 = a0.mul(b0);
            for (int part = 0; part < INT8_PARTS; part++) {
                acc0 = acc0.add(products0.convertShape(S2I, INTS, part));
            }
        }
        return acc0.add(acc1).reduceLanes(ADD);
    }

    private static int vectorBits(int requested) {
        int widest = FloatVector.SPECIES_MAX.vectorBitSize();
        if (widest < 128) {
            throw new UnsupportedOperationException(
                    "the widest vector this CPU/JVM supports is " + widest + " bits; the kernels need 128");
        }
        if (requested == KernelTuning.PREFERRED) {
            return FloatVector.SPECIES_PREFERRED.vectorBitSize();
        }
        if (requested > widest) {
            // The same configuration may be deployed on older nodes; running narrower beats refusing to start.
            LOG.log(System.Logger.Level.WARNING, "{0}={1} exceeds the widest vector this CPU/JVM supports;"
                    + " using {2} bits", VectorKernelsProvider.VECTOR_BITS_PROPERTY, requested, widest);
            return widest;
        }
        return requested;
    }

    private static boolean useFma(KernelTuning.Fma requested) {
        boolean hardware = VectorApiSupport.hardwareFma();
        if (requested == KernelTuning.Fma.ON && !hardware) {
            LOG.log(System.Logger.Level.WARNING, "{0}=on but the CPU/JVM has no fused multiply-add"
                    + " (software FMA is far slower); not using it", VectorKernelsProvider.FMA_PROPERTY);
        }
        return requested != KernelTuning.Fma.OFF && hardware;
    }
}
