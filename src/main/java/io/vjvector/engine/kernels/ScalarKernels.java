package io.vjvector.engine.kernels;

/**
 * Plain Java loops: the reference implementation, and the one a GraalVM native image runs (the
 * Vector API is not available there). Accumulates in float like the SIMD version does.
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
        return na == 0f || nb == 0f ? 0f : (float) (dot / Math.sqrt((double) na * (double) nb));
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
