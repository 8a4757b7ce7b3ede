package io.vjvector.engine.kernels;

/**
 * The distance kernels every index and scan is built on. Offsets let callers keep many vectors in
 * one flat array (no pointer chase per vector). Implementations must give the same answer as
 * {@link ScalarKernels} up to float rounding of a different summation order.
 */
public interface VectorKernels {

    /** Short name for logs and metrics, e.g. {@code "vector-api (512-bit, FMA)"} or {@code "scalar"}. */
    String name();

    /** Sum of {@code a[aOffset+i] * b[bOffset+i]} for {@code i < length}. */
    float dot(float[] a, int aOffset, float[] b, int bOffset, int length);

    /** Squared Euclidean distance: sum of {@code (a[i]-b[i])^2}. */
    float squareDistance(float[] a, int aOffset, float[] b, int bOffset, int length);

    /** Cosine similarity of two (not necessarily normalised) vectors; 0 if either has norm 0. */
    float cosine(float[] a, int aOffset, float[] b, int bOffset, int length);

    /** Manhattan (L1) distance: sum of {@code |a[i]-b[i]|}. */
    float l1Distance(float[] a, int aOffset, float[] b, int bOffset, int length);

    /** Dot product of signed 8-bit vectors, accumulated exactly in an int (for quantized scoring). */
    int int8Dot(byte[] a, int aOffset, byte[] b, int bOffset, int length);

    default float dot(float[] a, float[] b) {
        return dot(a, 0, b, 0, a.length);
    }

    default float squareDistance(float[] a, float[] b) {
        return squareDistance(a, 0, b, 0, a.length);
    }
}
