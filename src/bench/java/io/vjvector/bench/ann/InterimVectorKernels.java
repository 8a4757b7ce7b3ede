package io.vjvector.bench.ann;

import io.vjvector.engine.kernels.ScalarKernels;
import io.vjvector.engine.kernels.VectorKernels;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API float kernels used by the ANN benchmark only while the engine's kernel provider
 * still answers with scalar kernels, so that graph figures are not measured on scalar loops. Four
 * independent accumulators hide the FMA latency; one reduction at the end.
 */
final class InterimVectorKernels implements VectorKernels {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    private static final VectorKernels SCALAR = ScalarKernels.INSTANCE;

    @Override
    public String name() {
        return "bench-interim-vector-api(" + SPECIES.vectorBitSize() + " bit)";
    }

    @Override
    public float dot(float[] a, int ao, float[] b, int bo, int n) {
        int i = 0;
        float sum = 0f;
        if (n >= 4 * LANES) {
            FloatVector s0 = FloatVector.zero(SPECIES), s1 = s0, s2 = s0, s3 = s0;
            int bound = n - n % (4 * LANES);
            for (; i < bound; i += 4 * LANES) {
                s0 = FloatVector.fromArray(SPECIES, a, ao + i).fma(FloatVector.fromArray(SPECIES, b, bo + i), s0);
                s1 = FloatVector.fromArray(SPECIES, a, ao + i + LANES)
                        .fma(FloatVector.fromArray(SPECIES, b, bo + i + LANES), s1);
                s2 = FloatVector.fromArray(SPECIES, a, ao + i + 2 * LANES)
                        .fma(FloatVector.fromArray(SPECIES, b, bo + i + 2 * LANES), s2);
                s3 = FloatVector.fromArray(SPECIES, a, ao + i + 3 * LANES)
                        .fma(FloatVector.fromArray(SPECIES, b, bo + i + 3 * LANES), s3);
            }
            sum = s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
        }
        for (; i + LANES <= n; i += LANES) {
            sum += FloatVector.fromArray(SPECIES, a, ao + i).mul(FloatVector.fromArray(SPECIES, b, bo + i))
                    .reduceLanes(VectorOperators.ADD);
        }
        for (; i < n; i++) {
            sum += a[ao + i] * b[bo + i];
        }
        return sum;
    }

    @Override
    public float squareDistance(float[] a, int ao, float[] b, int bo, int n) {
        int i = 0;
        float sum = 0f;
        if (n >= 4 * LANES) {
            FloatVector s0 = FloatVector.zero(SPECIES), s1 = s0, s2 = s0, s3 = s0;
            int bound = n - n % (4 * LANES);
            for (; i < bound; i += 4 * LANES) {
                FloatVector d0 = FloatVector.fromArray(SPECIES, a, ao + i).sub(FloatVector.fromArray(SPECIES, b, bo + i));
                FloatVector d1 = FloatVector.fromArray(SPECIES, a, ao + i + LANES)
                        .sub(FloatVector.fromArray(SPECIES, b, bo + i + LANES));
                FloatVector d2 = FloatVector.fromArray(SPECIES, a, ao + i + 2 * LANES)
                        .sub(FloatVector.fromArray(SPECIES, b, bo + i + 2 * LANES));
                FloatVector d3 = FloatVector.fromArray(SPECIES, a, ao + i + 3 * LANES)
                        .sub(FloatVector.fromArray(SPECIES, b, bo + i + 3 * LANES));
                s0 = d0.fma(d0, s0);
                s1 = d1.fma(d1, s1);
                s2 = d2.fma(d2, s2);
                s3 = d3.fma(d3, s3);
            }
            sum = s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
        }
        for (; i + LANES <= n; i += LANES) {
            FloatVector d = FloatVector.fromArray(SPECIES, a, ao + i).sub(FloatVector.fromArray(SPECIES, b, bo + i));
            sum += d.mul(d).reduceLanes(VectorOperators.ADD);
        }
        for (; i < n; i++) {
            float d = a[ao + i] - b[bo + i];
            sum += d * d;
        }
        return sum;
    }

    @Override
    public float cosine(float[] a, int ao, float[] b, int bo, int n) {
        return SCALAR.cosine(a, ao, b, bo, n);
    }

    @Override
    public float l1Distance(float[] a, int ao, float[] b, int bo, int n) {
        return SCALAR.l1Distance(a, ao, b, bo, n);
    }

    @Override
    public int int8Dot(byte[] a, int ao, byte[] b, int bo, int n) {
        return SCALAR.int8Dot(a, ao, b, bo, n);
    }
}
