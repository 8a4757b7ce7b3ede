package io.vjvector.collection.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vjvector.engine.index.Distance;
import io.vjvector.engine.kernels.VectorKernels;
import io.vjvector.engine.kernels.VectorKernelsProvider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MmrTest {

    private static final VectorKernels KERNELS = VectorKernelsProvider.fromSystemProperty();
    private static final long SEED = Long.getLong("vjvector.test.seed", System.nanoTime());

    private record Point(String id, float[] vector) {
    }

    private static List<Ranked<Point>> select(float[] query, List<Point> candidates, Distance distance,
                                              float diversity, int limit) {
        return Mmr.select(query, candidates, Point::vector, Point::id, distance, KERNELS, diversity, limit);
    }

    private static List<Object> ids(List<Ranked<Point>> ranked) {
        List<Object> out = new ArrayList<>();
        for (Ranked<Point> r : ranked) {
            out.add(r.id());
        }
        return out;
    }

    private static final List<Point> HAND_MADE = List.of(
            new Point("A", new float[] {2, 0}),
            new Point("B", new float[] {1.8f, 0.2f}),
            new Point("C", new float[] {1, 1}),
            new Point("D", new float[] {0.5f, -1}));

    @Test
    void picksByRelevanceMinusSimilarityToThePicked() {
        // Dot, query (1,0): relevance A 2, B 1.8, C 1, D 0.5; similarity to A: B 3.6, C 2, D 1.
        // λ = 0.5. Second pick: B .9-1.8, C .5-1, D .25-.5 -> D. Third: B .9-1.8 (max(3.6, .7)),
        // C .5-1 (max(2, -.5)) -> C. Then B. Scores stay the query scores.
        List<Ranked<Point>> picked = select(new float[] {1, 0}, HAND_MADE, Distance.DOT, 0.5f, 4);
        assertEquals(List.of("A", "D", "C", "B"), ids(picked));
        assertEquals(List.of(2f, 0.5f, 1f, 1.8f), picked.stream().map(Ranked::score).toList());
    }

    @Test
    void limitCutsThePicks() {
        assertEquals(List.of("A", "D"), ids(select(new float[] {1, 0}, HAND_MADE, Distance.DOT, 0.5f, 2)));
        assertEquals(List.of(), ids(select(new float[] {1, 0}, HAND_MADE, Distance.DOT, 0.5f, 0)));
    }

    @Test
    void euclidScoresAreDistancesAndDiversityWeighsNegatedSquaredDistances() {
        // Query (0,0). Squared distances to it: A 4, B 3.28, C 2, D 1.25; to D: A 3.25, B 3.13, C 4.25.
        // λ = 0.5, similarity = -squared distance. First pick D (nearest). Second:
        // A .5*-4 - .5*-3.25 = -0.375, B .5*-3.28 - .5*-3.13 = -0.075, C .5*-2 - .5*-4.25 = 1.125 -> C.
        List<Ranked<Point>> picked = select(new float[] {0, 0}, HAND_MADE, Distance.EUCLID, 0.5f, 2);
        assertEquals(List.of("D", "C"), ids(picked));
        assertEquals((float) Math.sqrt(1.25), picked.get(0).score(), 1e-6f);
        assertEquals((float) Math.sqrt(2), picked.get(1).score(), 1e-6f);
    }

    @Test
    void dropsCandidatesWithoutAVectorAndRepeatedIds() {
        List<Point> candidates = List.of(new Point("A", new float[] {1, 0}), new Point("X", null),
                new Point("A", new float[] {0, 1}), new Point("B", new float[] {0, 1}));
        List<Ranked<Point>> picked = select(new float[] {1, 0}, candidates, Distance.COSINE, 0.5f, 10);
        assertEquals(List.of("A", "B"), ids(picked));
        assertEquals(1f, picked.get(0).score(), 1e-6f);
        assertEquals(new float[] {1, 0}[0], picked.get(0).item().vector()[0]);
    }

    @Test
    void refusesDiversityOutsideZeroToOne() {
        assertThrows(IllegalArgumentException.class, () -> select(new float[] {1, 0}, HAND_MADE, Distance.DOT, 1.5f, 2));
        assertThrows(IllegalArgumentException.class, () -> select(new float[] {1, 0}, HAND_MADE, Distance.DOT, -0.1f, 2));
        assertThrows(IllegalArgumentException.class, () -> select(new float[] {1, 0}, HAND_MADE, Distance.DOT, Float.NaN, 2));
    }

    @ParameterizedTest
    @EnumSource(Distance.class)
    void zeroDiversityKeepsTheNearestOrder(Distance distance) {
        System.out.println("MmrTest seed=" + SEED + " distance=" + distance);
        SplittableRandom random = new SplittableRandom(SEED);
        for (int round = 0; round < 20; round++) {
            int dim = 1 + random.nextInt(16);
            float[] query = randomVector(random, dim);
            List<Point> candidates = new ArrayList<>();
            for (int i = 0; i < 1 + random.nextInt(40); i++) {
                candidates.add(new Point("p" + i, randomVector(random, dim)));
            }
            float[] q = distance.normalizes() ? Distance.normalized(KERNELS, query) : query;
            List<Point> nearest = new ArrayList<>(candidates);
            nearest.sort(Comparator.comparingDouble((Point p) -> -distance.similarity(KERNELS, q, 0,
                    distance.normalizes() ? Distance.normalized(KERNELS, p.vector()) : p.vector(), 0, dim)));
            int limit = 1 + random.nextInt(candidates.size());
            List<Ranked<Point>> picked = select(query, candidates, distance, 0f, limit);
            assertEquals(nearest.subList(0, limit).stream().map(Point::id).toList(), ids(picked));
        }
    }

    private static float[] randomVector(SplittableRandom random, int dim) {
        float[] v = new float[dim];
        for (int i = 0; i < dim; i++) {
            v[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return v;
    }
}
