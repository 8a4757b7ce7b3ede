package io.vjvector.engine.quantization;

import java.util.Arrays;

/**
 * Int8 scalar quantization over one range shared by every dimension of a field: a value {@code x}
 * is stored as the signed byte {@code c = clamp(round((x - offset) / step), -128, 127)}, so it
 * reads back as {@code offset + step * c}. Values outside the range (outliers cut by the quantile,
 * or vectors added after training) are clamped to its ends.
 *
 * <p>Scores are recovered from the int8 dot product of two codes with per-vector terms computed
 * once from the original floats (so only the product of the two residuals is approximated):
 * <ul>
 * <li>dot: {@code x·y = Σ(x-a)(y-a) + a·Σx + a·Σy - d·a²}
 *     ≈ {@code step²·(cx·cy) + dotCorrection(x) + dotCorrection(y)};</li>
 * <li>squared Euclidean: {@code |x-y|² = |x-a|² + |y-a|² - 2·Σ(x-a)(y-a)}
 *     ≈ {@code squareCorrection(x) + squareCorrection(y) - 2·step²·(cx·cy)}.</li>
 * </ul>
 * The int8 dot product is exact (see {@code VectorKernels#int8Dot}); the error is the rounding of
 * each residual to half a step.
 *
 * @param offset the value stored as code 0 ({@code a} above)
 * @param step   the value of one code unit; positive
 */
public record ScalarQuantizer(float offset, float step) {

    /** Codes of the range's lower and upper end. */
    static final int MIN_CODE = -128;
    static final int MAX_CODE = 127;

    public ScalarQuantizer {
        if (!(step > 0f) || !Float.isFinite(step) || !Float.isFinite(offset)) {
            throw new IllegalArgumentException("step must be positive and finite, got offset " + offset + ", step " + step);
        }
    }

    /**
     * The quantizer whose range covers the central {@code quantile} of {@code values[0..count)}:
     * from the {@code (1-quantile)/2} to the {@code (1+quantile)/2} quantile, the minimum and
     * maximum when {@code quantile} is 1. Sorts {@code values} in place.
     */
    public static ScalarQuantizer fromQuantile(float[] values, int count, float quantile) {
        if (count <= 0) {
            throw new IllegalArgumentException("no values to train on");
        }
        Arrays.sort(values, 0, count);
        double cut = (1.0 - quantile) / 2.0 * (count - 1);
        float lo = values[(int) Math.floor(cut)];
        float hi = values[(int) Math.ceil(count - 1 - cut)];
        return forRange(lo, hi);
    }

    /** The quantizer mapping {@code [lo, hi]} onto the 256 codes. */
    public static ScalarQuantizer forRange(float lo, float hi) {
        if (!(hi > lo)) {
            // A constant field: any positive step reproduces it exactly.
            hi = lo + Math.max(1e-6f, Math.abs(lo) * 1e-6f);
        }
        float step = (float) (((double) hi - lo) / (MAX_CODE - MIN_CODE));
        float offset = (float) (lo - (double) MIN_CODE * step);
        return new ScalarQuantizer(offset, step);
    }

    /** Writes the codes of {@code v[vOffset..+length)} to {@code codes[codesOffset..]}. */
    public void encode(float[] v, int vOffset, int length, byte[] codes, int codesOffset) {
        float inverse = 1f / step;
        for (int i = 0; i < length; i++) {
            int c = Math.round((v[vOffset + i] - offset) * inverse);
            codes[codesOffset + i] = (byte) Math.max(MIN_CODE, Math.min(MAX_CODE, c));
        }
    }

    /** {@code step²}: the weight of the codes' int8 dot product in a score. */
    public float codeDotScale() {
        return step * step;
    }

    /** A vector's own term of an approximate dot product: {@code a·Σx - d·a²/2}. */
    public float dotCorrection(float[] v, int vOffset, int length) {
        double sum = 0;
        for (int i = 0; i < length; i++) {
            sum += v[vOffset + i];
        }
        return (float) (offset * sum - 0.5 * length * (double) offset * offset);
    }

    /** A vector's own term of an approximate squared Euclidean distance: {@code |x - a|²}. */
    public float squareCorrection(float[] v, int vOffset, int length) {
        double sum = 0;
        for (int i = 0; i < length; i++) {
            double r = v[vOffset + i] - (double) offset;
            sum += r * r;
        }
        return (float) sum;
    }
}
