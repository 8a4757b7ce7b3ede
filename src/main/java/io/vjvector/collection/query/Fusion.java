package io.vjvector.collection.query;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Qdrant's fusion of several best-first result lists (the {@code prefetch}es of a query) into one,
 * by {@code id}: Reciprocal Rank Fusion ({@code rrf}) and Distribution-Based Score Fusion
 * ({@code dbsf}), with Qdrant's arithmetic (float, in Qdrant's order of operations) so that scores
 * match to the bit.
 *
 * <p>An id seen in several lists becomes one result that keeps the <em>first</em> item seen
 * (lists in order, each from its best entry), as Qdrant keeps the first point it meets. Qdrant
 * leaves ties in hash order; here equal scores keep the order in which ids were first seen, so the
 * output is deterministic.
 */
public final class Fusion {

    /** Qdrant's default {@code k} ({@code DEFAULT_RRF_K} in its {@code reciprocal_rank_fusion.rs}), not the paper's 60. */
    public static final int DEFAULT_RRF_K = 2;

    private Fusion() {
    }

    /**
     * Reciprocal Rank Fusion. An entry at 0-based position {@code p} of list {@code i} adds
     * {@code 1 / ((p + 1) / w_i + k - 1)}, which for weight 1 is {@code 1 / (p + k)}: the best
     * entry of a list with the default k = 2 adds 0.5. A weight of 3 makes position 2 of that list
     * count like position 0 of a weight-1 list; a weight {@code <= 0} adds nothing (the id is
     * still a result, with what other lists give it). Input scores are ignored.
     *
     * @param k       {@code >= 1}
     * @param weights one per list, or null for all 1
     * @param limit   results to keep, {@code >= 0}
     * @throws IllegalArgumentException if k or limit is out of range, or the weights do not match
     *                                  the lists in number (Qdrant's message)
     */
    public static <T> List<Ranked<T>> rrf(List<List<Ranked<T>>> lists, int k, float[] weights, int limit) {
        if (k < 1) {
            throw new IllegalArgumentException("rrf k must be >= 1, got " + k);
        }
        if (weights != null && weights.length != lists.size()) {
            throw new IllegalArgumentException("Number of weights in RRF should match number of pre-fetches: got "
                    + weights.length + ", expected " + lists.size());
        }
        checkLimit(limit);
        Map<Object, Accumulator<T>> byId = new LinkedHashMap<>();
        for (int i = 0; i < lists.size(); i++) {
            float weight = weights == null ? 1f : weights[i];
            List<Ranked<T>> list = lists.get(i);
            for (int position = 0; position < list.size(); position++) {
                add(byId, list.get(position), positionScore(position, k, weight));
            }
        }
        return ranked(byId, limit);
    }

    /** One entry's RRF contribution, computed in float as Qdrant's {@code position_score}. */
    static float positionScore(int position, int k, float weight) {
        if (weight <= 0f) {
            return 0f;
        }
        return 1f / ((float) (position + 1) / weight + (float) k - 1f);
    }

    /**
     * Distribution-Based Score Fusion. Each list's scores are rescaled by {@code (s - (mean - 3σ))
     * / 6σ}, with the mean and the sample standard deviation (n - 1) of that list computed by
     * Welford's method; values beyond 3σ are not clipped. A list of one entry gives it 0.5, as
     * does a list whose scores are all equal. The rescaled scores of an id are summed over lists.
     *
     * <p>Scores are taken as larger-is-better, as Qdrant does even for Euclid and Manhattan
     * prefetches, whose reported distances are smaller-is-better (Qdrant 1.19 then ranks the
     * farthest first: its issue #10611). Callers choose what to feed in.
     *
     * @param limit results to keep, {@code >= 0}
     */
    public static <T> List<Ranked<T>> dbsf(List<List<Ranked<T>>> lists, int limit) {
        checkLimit(limit);
        Map<Object, Accumulator<T>> byId = new LinkedHashMap<>();
        for (List<Ranked<T>> list : lists) {
            float[] normalised = distributionNormalised(list);
            for (int i = 0; i < list.size(); i++) {
                add(byId, list.get(i), normalised[i]);
            }
        }
        return ranked(byId, limit);
    }

    /** Qdrant's {@code distr_norm}: mean ± 3 sample standard deviations mapped to [0, 1]. */
    static float[] distributionNormalised(List<? extends Ranked<?>> list) {
        int n = list.size();
        float[] out = new float[n];
        if (n < 2) {
            if (n == 1) {
                out[0] = 0.5f;
            }
            return out;
        }
        float mean = 0f;
        float aggregate = 0f;
        for (int i = 0; i < n; i++) {
            float score = list.get(i).score();
            float oldDelta = score - mean;
            mean += oldDelta / (float) (i + 1);
            float delta = score - mean;
            aggregate += oldDelta * delta;
        }
        float variance = aggregate / ((float) n - 1f);
        float stdDev = (float) Math.sqrt(variance);
        float min = mean - 3f * stdDev;
        float max = mean + 3f * stdDev;
        for (int i = 0; i < n; i++) {
            out[i] = min == max ? 0.5f : (list.get(i).score() - min) / (max - min);
        }
        return out;
    }

    private static void checkLimit(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, got " + limit);
        }
    }

    private static <T> void add(Map<Object, Accumulator<T>> byId, Ranked<T> entry, float score) {
        Accumulator<T> acc = byId.get(entry.id());
        if (acc == null) {
            byId.put(entry.id(), new Accumulator<>(entry, byId.size(), score));
        } else {
            acc.score += score;
        }
    }

    /** Best first; equal scores in first-seen order. */
    private static <T> List<Ranked<T>> ranked(Map<Object, Accumulator<T>> byId, int limit) {
        List<Accumulator<T>> all = new ArrayList<>(byId.values());
        all.sort(Comparator.<Accumulator<T>>comparingDouble(a -> a.score).reversed()
                .thenComparingInt(a -> a.firstSeen));
        List<Ranked<T>> out = new ArrayList<>(Math.min(limit, all.size()));
        for (int i = 0; i < all.size() && i < limit; i++) {
            Accumulator<T> a = all.get(i);
            out.add(new Ranked<>(a.first.item(), a.first.id(), a.score));
        }
        return out;
    }

    private static final class Accumulator<T> {
        final Ranked<T> first;
        final int firstSeen;
        float score;

        Accumulator(Ranked<T> first, int firstSeen, float score) {
            this.first = first;
            this.firstSeen = firstSeen;
            this.score = score;
        }
    }
}
