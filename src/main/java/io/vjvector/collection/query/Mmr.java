package io.vjvector.collection.query;

import io.vjvector.engine.index.Distance;
import io.vjvector.engine.kernels.VectorKernels;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Qdrant's Maximal Marginal Relevance for a {@code nearest} query with {@code mmr: {diversity,
 * candidates_limit}}: from the nearest candidates (Qdrant fetches {@code candidates_limit} of them,
 * by default the query's {@code limit}), pick greedily the one with the best
 * {@code λ·relevance − (1 − λ)·(max similarity to the already picked)}, where {@code λ = 1 −
 * diversity} (Qdrant's default diversity is 0.5). The first pick is the most relevant.
 *
 * <p>Relevance and similarity are the distance's internal similarities (higher is better): dot
 * products (Cosine on normalised vectors), the negated squared Euclidean distance, the negated L1
 * distance — {@link Distance#similarity}, as Qdrant's raw scorers give them. The returned score is
 * <em>not</em> the MMR value: as in Qdrant it is the point's score for the query, {@code
 * distance.toScore(relevance)} (what the nearest search reported), in pick order, so a later
 * result may have a better score than an earlier one.
 *
 * <p>Candidates with a null vector are dropped and repeated ids keep the first, as Qdrant does.
 * Ties go to the candidate that came first in the input (Qdrant's choice depends on hash order).
 */
public final class Mmr {

    private Mmr() {
    }

    /**
     * @param query      the query vector (not yet normalised)
     * @param candidates the nearest points, best first
     * @param diversity  in [0, 1]: 0 keeps the nearest order, 1 looks at diversity alone after the first pick
     * @param limit      results to pick, {@code >= 0}
     * @throws IllegalArgumentException if diversity or limit is out of range, or a vector's length
     *                                  differs from the query's
     */
    public static <T> List<Ranked<T>> select(float[] query, List<T> candidates, Function<T, float[]> vectorOf,
                                             Function<T, Object> idOf, Distance distance, VectorKernels kernels,
                                             float diversity, int limit) {
        if (!(diversity >= 0f && diversity <= 1f)) {
            throw new IllegalArgumentException("mmr diversity must be in [0, 1], got " + diversity);
        }
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, got " + limit);
        }
        float lambda = 1f - diversity;
        List<T> items = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        Set<Object> seen = new HashSet<>();
        for (T c : candidates) {
            float[] v = vectorOf.apply(c);
            if (v != null && seen.add(idOf.apply(c))) {
                if (v.length != query.length) {
                    throw new IllegalArgumentException("candidate vector has " + v.length
                            + " dimensions, the query has " + query.length);
                }
                items.add(c);
                vectors.add(distance.normalizes() ? Distance.normalized(kernels, v) : v);
            }
        }
        float[] q = distance.normalizes() ? Distance.normalized(kernels, query) : query;
        int n = items.size();
        float[] relevance = new float[n];
        for (int i = 0; i < n; i++) {
            relevance[i] = distance.similarity(kernels, q, 0, vectors.get(i), 0, q.length);
        }
        int picks = Math.min(limit, n);
        // Largest similarity of each candidate to any picked one, updated after every pick.
        float[] maxToPicked = new float[n];
        boolean[] picked = new boolean[n];
        List<Ranked<T>> out = new ArrayList<>(picks);
        for (int round = 0; round < picks; round++) {
            int best = -1;
            float bestValue = Float.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                if (picked[i]) {
                    continue;
                }
                float value = round == 0 ? relevance[i] : lambda * relevance[i] - (1f - lambda) * maxToPicked[i];
                if (best < 0 || value > bestValue) {
                    best = i;
                    bestValue = value;
                }
            }
            picked[best] = true;
            out.add(new Ranked<>(items.get(best), idOf.apply(items.get(best)), distance.toScore(relevance[best])));
            float[] chosen = vectors.get(best);
            for (int i = 0; i < n; i++) {
                if (!picked[i]) {
                    float s = distance.similarity(kernels, vectors.get(i), 0, chosen, 0, q.length);
                    maxToPicked[i] = round == 0 ? s : Math.max(maxToPicked[i], s);
                }
            }
        }
        return out;
    }
}
