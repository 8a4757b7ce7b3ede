package io.vjvector.engine.kernels;

/**
 * Plain Java loops: the reference implementation, and the one a GraalVM native image runs (the
 * Vector API is not available there).
 *
 * <p>Numeric limits: the float kernels accumulate in float, like the SIMD version, so a sum of
 * {@code n} terms carries a rounding error of at most {@code n * 2^-24 * sum(|term|)}; results of
 * the two implementations differ within that bound because they add in a different order.
 * {@link #int8Dot} is exact up to 131,072 elements of {@code -128 * -128}; beyond that the int
 * wraps around, identically in both implementations.
 */
public final class ScalarKernels implements VectorKernels {

    public static final ScalarKernels INSTANCE = new ScalarKernels();

    ScalarKernels() {
    }

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public float dot(float[] a, int aOffset, float[] b, int bOffset, int length) {
        float sum = 0f;
        for (int i = 0; i < length; i++) {
            sum += a[aOffset + i] * b[bOffset + i];
        }
        return sum;
    }

    @Override
    public float squareDistance(float[] a, int aOffset, float[] b, int bOffset, int length) {
        float sum = 0f;
        for (int i = 0; i < length; i++) {
            float d = a[aOffset + i] - b[bOffset + i];
            sum += d * d;
        }
        return sum;
    }

    @Override
    public float cosine(float[] a, int aOffset, float[] b, int bOffset, int length) {
        float dot = 0f, na = 0f, nb = 0f;
        for (int i = 0; i < length; i++) {
            float x = a[aOffset + i], y = b[bOffset + i];
            dot += x * y;
            na += x * x;
            nb += y * y;
        }
        return cosineFromSums(dot, na, nb);
    }

    /**
     * Cosine from the dot product and both squared norms; shared with the SIMD implementation so
     * the two differ only in how the sums were accumulated. The product of the norms is taken in
     * double because it overflows float long before either norm does.
     */
    static float cosineFromSums(float dot, float normA, float normB) {
        return normA == 0f || normB == 0f ? 0f : (float) (dot / Math.sqrt((double) normA * (double) normB));
    }

    @Override
    public float l1Distance(float[] a, int aOffset, float[] b, int bOffset, int length) {
        float sum = 0f;
        for (int i = 0; i < length; i++) {
            sum += Math.abs(a[aOffset + i] - b[bOffset + i]);
        }
        return sum;
    }

    @Override
    public int int8Dot(byte[] a, int aOffset, byte[] b, int bOffset, int length) {
        int sum = 0;
        for (int i = 0; i < length; i++) {
            sum += a[aOffset + i] * b[bOffset + i];
        }
        return sum;
    }
}
