package io.vjvector.engine.index;

import java.util.SplittableRandom;

/**
 * Seeded clustered vectors: a mixture of isotropic Gaussians around centres drawn from N(0, 1).
 * Clustered data is harder for a graph than uniform data (clusters tempt it to split into
 * components), which is what recall tests and benchmarks should face. Also used by the ANN
 * benchmark, so both see the same kind of data.
 */
public final class GaussianMixture {

    private final int dimension;
    private final float[][] centres;
    private final float spread;

    /**
     * @param spread standard deviation of each component around its centre, per dimension
     */
    public GaussianMixture(int dimension, int clusters, float spread, long seed) {
        this.dimension = dimension;
        this.spread = spread;
        SplittableRandom random = new SplittableRandom(seed);
        this.centres = new float[clusters][dimension];
        for (float[] c : centres) {
            for (int i = 0; i < dimension; i++) {
                c[i] = (float) gaussian(random);
            }
        }
    }

    /** {@code count} vectors of the mixture, drawn from a stream seeded with {@code seed}. */
    public float[][] sample(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] out = new float[count][];
        for (int n = 0; n < count; n++) {
            float[] c = centres[random.nextInt(centres.length)];
            float[] v = new float[dimension];
            for (int i = 0; i < dimension; i++) {
                v[i] = c[i] + spread * (float) gaussian(random);
            }
            out[n] = v;
        }
        return out;
    }

    /** Marsaglia's polar method; SplittableRandom has no nextGaussian on Java 17. */
    private static double gaussian(SplittableRandom random) {
        double u, v, s;
        do {
            u = 2 * random.nextDouble() - 1;
            v = 2 * random.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * Math.sqrt(-2 * Math.log(s) / s);
    }
}
