package io.vjvector.engine.quantization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjvector.engine.kernels.ScalarKernels;
import io.vjvector.engine.kernels.VectorKernels;
import io.vjvector.engine.kernels.VectorKernelsProvider;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ScalarQuantizerTest {

    private static final VectorKernels KERNELS = VectorKernelsProvider.fromSystemProperty();
    private static final long SEED = Long.getLong("vjvector.test.seed", 20_261_127L);

    @Test
    void valuesInsideTheRangeReadBackWithinHalfAStep() {
        ScalarQuantizer q = ScalarQuantizer.forRange(-2f, 3f);
        float[] v = {-2f, -1.3f, 0f, 0.77f, 2.99f, 3f};
        byte[] codes = new byte[v.length];
        q.encode(v, 0, v.length, codes, 0);
        for (int i = 0; i < v.length; i++) {
            float back = q.offset() + q.step() * codes[i];
            assertTrue(Math.abs(back - v[i]) <= q.step() / 2 + 1e-6f, v[i] + " read back as " + back);
        }
        assertEquals(-128, codes[0]);
        assertEquals(127, codes[v.length - 1]);
    }

    @Test
    void valuesOutsideTheRangeAreClampedToItsEnds() {
        ScalarQuantizer q = ScalarQuantizer.forRange(0f, 1f);
        byte[] codes = new byte[2];
        q.encode(new float[] {-50f, 50f}, 0, 2, codes, 0);
        assertEquals(-128, codes[0]);
        assertEquals(127, codes[1]);
    }

    @Test
    void theQuantileLeavesOutTheExtremes() {
        float[] values = new float[1001];
        for (int i = 0; i < values.length; i++) {
            values[i] = i;
        }
        values[1000] = 1e6f;
        ScalarQuantizer all = ScalarQuantizer.fromQuantile(values.clone(), values.length, 1f);
        ScalarQuantizer central = ScalarQuantizer.fromQuantile(values.clone(), values.length, 0.99f);
        assertEquals(0f, all.offset() - 128 * all.step(), 1e-2f);
        assertEquals(1e6f, all.offset() + 127 * all.step(), 1f);
        // 0.5 % cut at each end: ranks 5 and 995 of 0..1000, give or take the float rounding of 0.99.
        assertEquals(5f, central.offset() - 128 * central.step(), 1.01f);
        assertEquals(995f, central.offset() + 127 * central.step(), 1.01f);
    }

    @Test
    void aConstantFieldStillHasAPositiveStep() {
        ScalarQuantizer q = ScalarQuantizer.fromQuantile(new float[] {0.5f, 0.5f, 0.5f}, 3, 1f);
        assertTrue(q.step() > 0f);
    }

    @Test
    void anyQuantileOutsideHalfToOneIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new QuantizationConfig.Scalar(0.49f, false));
        assertThrows(IllegalArgumentException.class, () -> new QuantizationConfig.Scalar(1.01f, false));
        assertThrows(IllegalArgumentException.class, () -> new QuantizationConfig.Scalar(Float.NaN, false));
    }

    /** The int8 score with its terms approximates the float one within the rounding bound, on both kernels. */
    @Test
    void codesWithTheirTermsApproximateDotAndSquaredDistance() {
        System.out.println("ScalarQuantizerTest seed=" + SEED + " (-Dvjvector.test.seed) kernels=" + KERNELS.name());
        SplittableRandom random = new SplittableRandom(SEED);
        int d = 207;
        for (VectorKernels kernels : new VectorKernels[] {KERNELS, ScalarKernels.INSTANCE}) {
            for (int trial = 0; trial < 50; trial++) {
                float[] x = new float[d];
                float[] y = new float[d];
                for (int i = 0; i < d; i++) {
                    x[i] = (float) random.nextDouble(-1, 2);
                    y[i] = (float) random.nextDouble(-1, 2);
                }
                ScalarQuantizer q = ScalarQuantizer.forRange(-1f, 2f);
                byte[] cx = new byte[d];
                byte[] cy = new byte[d];
                q.encode(x, 0, d, cx, 0);
                q.encode(y, 0, d, cy, 0);
                int codeDot = kernels.int8Dot(cx, 0, cy, 0, d);
                float dot = q.codeDotScale() * codeDot + q.dotCorrection(x, 0, d) + q.dotCorrection(y, 0, d);
                float square = q.squareCorrection(x, 0, d) + q.squareCorrection(y, 0, d) - 2 * q.codeDotScale() * codeDot;
                // Each residual is off by at most step/2 and by ~step/sqrt(12) on average; the
                // bound allows 4 standard deviations of the sum of d such independent errors.
                float bound = 4f * q.step() * 1.5f * (float) Math.sqrt(d) * 2f;
                assertEquals(ScalarKernels.INSTANCE.dot(x, y), dot, bound, kernels.name() + " dot");
                assertEquals(ScalarKernels.INSTANCE.squareDistance(x, y), square, 2 * bound,
                        kernels.name() + " squared distance");
            }
        }
    }
}
