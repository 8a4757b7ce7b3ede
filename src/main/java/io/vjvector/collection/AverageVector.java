package io.vjvector.collection;

import java.util.List;

/**
 * Qdrant's {@code average_vector} recommendation query: {@code avg(positive)} when there are no
 * negatives, else {@code avg(positive) + (avg(positive) - avg(negative))}.
 */
final class AverageVector {

    private AverageVector() {
    }

    /** @param positives at least one vector; all vectors have the same length */
    static float[] query(List<float[]> positives, List<float[]> negatives) {
        float[] pos = mean(positives);
        if (negatives.isEmpty()) {
            return pos;
        }
        float[] neg = mean(negatives);
        float[] out = new float[pos.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = pos[i] + (pos[i] - neg[i]);
        }
        return out;
    }

    private static float[] mean(List<float[]> vectors) {
        // Summed in double: many examples of large magnitude would otherwise lose precision.
        double[] sum = new double[vectors.get(0).length];
        for (float[] v : vectors) {
            for (int i = 0; i < sum.length; i++) {
                sum[i] += v[i];
            }
        }
        float[] out = new float[sum.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (sum[i] / vectors.size());
        }
        return out;
    }
}
