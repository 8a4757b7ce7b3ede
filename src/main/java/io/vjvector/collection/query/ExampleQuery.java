package io.vjvector.collection.query;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.function.UnaryOperator;

/**
 * Qdrant's queries that score a point by its similarities to several example vectors rather than
 * to one: recommend with the {@code best_score} and {@code sum_scores} strategies, {@code context},
 * {@code discover} and {@code relevance_feedback}. The similarity is the distance's internal one, higher-is-better
 * ({@link io.vjvector.engine.index.Distance#similarity}: a dot product, or a negated distance), as
 * Qdrant's raw scorers give it; the score is the query's own, higher-is-better, and is reported as
 * it is (no conversion back to a distance), as Qdrant does for these queries.
 */
public sealed interface ExampleQuery {

    /** The score of one point, given its similarity to any example vector. */
    float score(ToDoubleFunction<float[]> similarity);

    /** Every example vector. */
    List<float[]> examples();

    /**
     * Examples near which the best-scored points lie: a nearest search around each of them finds
     * candidates. Empty when the best points are not near any example (negatives only), which asks
     * for a scan.
     */
    List<float[]> seeds();

    /** The same query with every example replaced by {@code f(example)} (e.g. normalised). */
    ExampleQuery map(UnaryOperator<float[]> f);

    /** Range (-1, 1), monotone: Qdrant's fast sigmoid {@code x / (1 + |x|)}. */
    static float fastSigmoid(float x) {
        return x / (1f + Math.abs(x));
    }

    /** Range (0, 1): {@code (fastSigmoid(x) + 1) / 2}. */
    static float scaledFastSigmoid(float x) {
        return 0.5f * (fastSigmoid(x) + 1f);
    }

    /**
     * {@code best_score}: a point closer to its most similar positive than to its most similar
     * negative scores {@code scaledFastSigmoid(max positive similarity)} in (0, 1); otherwise
     * {@code -scaledFastSigmoid(max negative similarity)} in (-1, 0), so it ranks below every
     * point that a positive won, the closer to a negative the lower. Negatives alone are allowed.
     */
    record BestScore(List<float[]> positives, List<float[]> negatives) implements ExampleQuery {
        @Override
        public float score(ToDoubleFunction<float[]> similarity) {
            float maxPositive = Float.NEGATIVE_INFINITY;
            for (float[] p : positives) {
                maxPositive = Math.max(maxPositive, (float) similarity.applyAsDouble(p));
            }
            float maxNegative = Float.NEGATIVE_INFINITY;
            for (float[] n : negatives) {
                maxNegative = Math.max(maxNegative, (float) similarity.applyAsDouble(n));
            }
            return maxPositive > maxNegative ? scaledFastSigmoid(maxPositive) : -scaledFastSigmoid(maxNegative);
        }

        @Override
        public List<float[]> examples() {
            return concat(positives, negatives);
        }

        @Override
        public List<float[]> seeds() {
            return positives;
        }

        @Override
        public ExampleQuery map(UnaryOperator<float[]> f) {
            return new BestScore(positives.stream().map(f).toList(), negatives.stream().map(f).toList());
        }
    }

    /**
     * {@code sum_scores}: the sum of the similarities to the positives minus the sum to the
     * negatives. Besides the positives, its seeds are {@code Σp − Σn}, the direction the score grows
     * along for Dot and Cosine (where the score is linear in the point: its nearest points are the
     * answer), and for more positives than negatives {@code (Σp − Σn) / (P − N)}, where the score
     * peaks for Euclid.
     */
    record SumScores(List<float[]> positives, List<float[]> negatives) implements ExampleQuery {
        @Override
        public float score(ToDoubleFunction<float[]> similarity) {
            float sum = 0f;
            for (float[] p : positives) {
                sum += (float) similarity.applyAsDouble(p);
            }
            for (float[] n : negatives) {
                sum -= (float) similarity.applyAsDouble(n);
            }
            return sum;
        }

        @Override
        public List<float[]> examples() {
            return concat(positives, negatives);
        }

        @Override
        public List<float[]> seeds() {
            if (positives.isEmpty()) {
                return positives;
            }
            double[] direction = new double[positives.get(0).length];
            positives.forEach(p -> add(direction, p, 1));
            negatives.forEach(n -> add(direction, n, -1));
            List<float[]> out = new ArrayList<>(positives);
            out.add(scaled(direction, 1));
            if (positives.size() > negatives.size()) {
                out.add(scaled(direction, 1.0 / (positives.size() - negatives.size())));
            }
            return out;
        }

        private static void add(double[] sum, float[] v, int sign) {
            for (int i = 0; i < sum.length; i++) {
                sum[i] += sign * v[i];
            }
        }

        private static float[] scaled(double[] v, double factor) {
            float[] out = new float[v.length];
            for (int i = 0; i < v.length; i++) {
                out[i] = (float) (v[i] * factor);
            }
            return out;
        }

        @Override
        public ExampleQuery map(UnaryOperator<float[]> f) {
            return new SumScores(positives.stream().map(f).toList(), negatives.stream().map(f).toList());
        }
    }

    /** One context pair: the space closer to {@code positive} than to {@code negative} is preferred. */
    record Pair(float[] positive, float[] negative) {
        Pair map(UnaryOperator<float[]> f) {
            return new Pair(f.apply(positive), f.apply(negative));
        }

        /**
         * 0 on the positive side (Qdrant keeps a margin of one float epsilon), a smooth penalty in
         * (-1, 0) on the other: {@code fastSigmoid(min(0, sim(pos) − sim(neg) − ε))}.
         */
        float loss(ToDoubleFunction<float[]> similarity) {
            float difference = (float) similarity.applyAsDouble(positive) - (float) similarity.applyAsDouble(negative)
                    - Math.ulp(1f);
            return fastSigmoid(Math.min(difference, 0f));
        }

        /** +1 when closer to the positive, -1 when closer to the negative, 0 on the boundary. */
        int rank(ToDoubleFunction<float[]> similarity) {
            return Float.compare((float) similarity.applyAsDouble(positive), (float) similarity.applyAsDouble(negative));
        }
    }

    /**
     * {@code context}: the sum of the pairs' losses, so every point on the positive side of every
     * pair scores 0 and ties (Qdrant's order among them is arbitrary; here ids break ties).
     */
    record Context(List<Pair> pairs) implements ExampleQuery {
        @Override
        public float score(ToDoubleFunction<float[]> similarity) {
            float sum = 0f;
            for (Pair p : pairs) {
                sum += p.loss(similarity);
            }
            return sum;
        }

        @Override
        public List<float[]> examples() {
            List<float[]> out = new ArrayList<>();
            pairs.forEach(p -> {
                out.add(p.positive());
                out.add(p.negative());
            });
            return out;
        }

        @Override
        public List<float[]> seeds() {
            return pairs.stream().map(Pair::positive).toList();
        }

        @Override
        public ExampleQuery map(UnaryOperator<float[]> f) {
            return new Context(pairs.stream().map(p -> p.map(f)).toList());
        }
    }

    /**
     * {@code discover}: the number of pairs whose positive side holds the point minus those whose
     * negative side does (an integer), plus {@code scaledFastSigmoid(sim(target))} in (0, 1): the
     * context decides first, the target orders points within the same zone.
     */
    record Discover(float[] target, List<Pair> pairs) implements ExampleQuery {
        @Override
        public float score(ToDoubleFunction<float[]> similarity) {
            int rank = 0;
            for (Pair p : pairs) {
                rank += p.rank(similarity);
            }
            return rank + scaledFastSigmoid((float) similarity.applyAsDouble(target));
        }

        @Override
        public List<float[]> examples() {
            return concat(List.of(target), new Context(pairs).examples());
        }

        @Override
        public List<float[]> seeds() {
            List<float[]> out = new ArrayList<>();
            out.add(target);
            pairs.forEach(p -> out.add(p.positive()));
            return out;
        }

        @Override
        public ExampleQuery map(UnaryOperator<float[]> f) {
            return new Discover(f.apply(target), pairs.stream().map(p -> p.map(f)).toList());
        }
    }

    /** One judged example of a relevance feedback query: its vector and the score a feedback model gave it. */
    record Judged(float[] vector, float score) {
    }

    /**
     * Qdrant's {@code relevance_feedback} with the {@code naive} strategy: {@code a·sim(target) +
     * Σ cᵢ·(sim(positiveᵢ) − sim(negativeᵢ))}. The judged examples, best judged first, are paired
     * front with back (best with worst, second with second worst, ...), at most
     * {@link #MAX_PAIRS} pairs; a pair's weight is {@code c · confidence^b}, its confidence the
     * difference of the two judged scores. Fewer than two examples leave the target alone.
     *
     * @param weights one per pair, {@code c · confidence^b}
     */
    record RelevanceFeedback(float[] target, List<Pair> pairs, float[] weights, float a) implements ExampleQuery {

        /** Qdrant pairs at most this many. */
        public static final int MAX_PAIRS = 3;

        /** Pairs the judged examples as Qdrant's naive strategy does. */
        public static RelevanceFeedback naive(float[] target, List<Judged> judged, float a, float b, float c) {
            List<Judged> sorted = new ArrayList<>(judged);
            // Stable, so equal judgements keep the order they were given in.
            sorted.sort((x, y) -> Float.compare(y.score(), x.score()));
            int count = Math.min(MAX_PAIRS, sorted.size() / 2);
            List<Pair> pairs = new ArrayList<>(count);
            float[] weights = new float[count];
            for (int i = 0; i < count; i++) {
                Judged front = sorted.get(i);
                Judged back = sorted.get(sorted.size() - 1 - i);
                pairs.add(new Pair(front.vector(), back.vector()));
                weights[i] = (float) Math.pow(front.score() - back.score(), b) * c;
            }
            return new RelevanceFeedback(target, pairs, weights, a);
        }

        @Override
        public float score(ToDoubleFunction<float[]> similarity) {
            float score = a * (float) similarity.applyAsDouble(target);
            for (int i = 0; i < pairs.size(); i++) {
                Pair p = pairs.get(i);
                float delta = (float) similarity.applyAsDouble(p.positive()) - (float) similarity.applyAsDouble(p.negative());
                score += weights[i] * delta;
            }
            return score;
        }

        @Override
        public List<float[]> examples() {
            return concat(List.of(target), new Context(pairs).examples());
        }

        /**
         * The target, the positives, and {@code a·target + Σ wᵢ(positiveᵢ − negativeᵢ)}: the score is
         * linear in the point for Dot (and Cosine on normalised vectors), so that direction's nearest
         * points are its best.
         */
        @Override
        public List<float[]> seeds() {
            List<float[]> out = new ArrayList<>();
            out.add(target);
            double[] direction = new double[target.length];
            for (int d = 0; d < direction.length; d++) {
                direction[d] = a * target[d];
            }
            for (int i = 0; i < pairs.size(); i++) {
                Pair p = pairs.get(i);
                out.add(p.positive());
                for (int d = 0; d < direction.length; d++) {
                    direction[d] += weights[i] * (p.positive()[d] - p.negative()[d]);
                }
            }
            float[] seed = new float[direction.length];
            for (int d = 0; d < seed.length; d++) {
                seed[d] = (float) direction[d];
            }
            out.add(seed);
            return out;
        }

        @Override
        public ExampleQuery map(UnaryOperator<float[]> f) {
            return new RelevanceFeedback(f.apply(target), pairs.stream().map(p -> p.map(f)).toList(), weights, a);
        }
    }

    private static List<float[]> concat(List<float[]> a, List<float[]> b) {
        List<float[]> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
