package io.vjvector.collection.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FusionTest {

    private static final long SEED = Long.getLong("vjvector.test.seed", System.nanoTime());

    /** A best-first list of (id, score) with the id's string as the item. */
    private static List<Ranked<String>> list(Object... idScore) {
        List<Ranked<String>> out = new ArrayList<>();
        for (int i = 0; i < idScore.length; i += 2) {
            out.add(new Ranked<>("item-" + idScore[i], idScore[i], ((Number) idScore[i + 1]).floatValue()));
        }
        return out;
    }

    private static List<Object> ids(List<Ranked<String>> ranked) {
        List<Object> out = new ArrayList<>();
        for (Ranked<String> r : ranked) {
            out.add(r.id());
        }
        return out;
    }

    @Test
    void rrfWithDefaultKGivesTheBestEntryOfAListOneHalf() {
        List<Ranked<String>> fused = Fusion.rrf(List.of(list(1, 0.9)), Fusion.DEFAULT_RRF_K, null, 10);
        assertEquals(1, fused.size());
        assertEquals(0.5f, fused.get(0).score());
    }

    @Test
    void rrfSumsOneOverPositionPlusKAcrossLists() {
        List<List<Ranked<String>>> lists = List.of(
                list(2, 0.9, 1, 0.8),
                list(1, 0.7, 2, 0.6, 3, 0.5),
                list(5, 0.9, 3, 0.5, 1, 0.4));
        List<Ranked<String>> fused = Fusion.rrf(lists, 2, null, 10);
        assertEquals(List.of(1, 2, 3, 5), ids(fused));
        // 1: 1/3 + 1/2 + 1/4; 2: 1/2 + 1/3; 3: 1/4 + 1/3; 5: 1/2 (Qdrant's own figures).
        assertEquals(1.0833334f, fused.get(0).score());
        assertEquals(0.8333334f, fused.get(1).score());
        assertEquals(0.5833334f, fused.get(2).score());
        assertEquals(0.5f, fused.get(3).score());
    }

    @Test
    void rrfWeightsStretchPositionsAndZeroWeightAddsNothing() {
        List<List<Ranked<String>>> lists = List.of(list(1, 0.9, 2, 0.8), list(2, 0.9, 1, 0.8));
        List<Ranked<String>> equal = Fusion.rrf(lists, 2, null, 10);
        assertEquals(equal.get(0).score(), equal.get(1).score());
        assertEquals(List.of(1, 2), ids(equal), "ties keep first-seen order");

        List<Ranked<String>> weighted = Fusion.rrf(lists, 2, new float[] {3f, 1f}, 10);
        assertEquals(2, weighted.get(0).id());
        // 2: 1/(2/3 + 1) + 1/(1 + 1); 1: 1/(1/3 + 1) + 1/(2 + 1).
        assertEquals(1f / (2f / 3f + 1f) + 0.5f, weighted.get(0).score(), 1e-6f);
        assertTrue(weighted.get(0).score() > weighted.get(1).score());

        List<Ranked<String>> zero = Fusion.rrf(List.of(list(1, 0.9), list(2, 0.9)), 2, new float[] {1f, 0f}, 10);
        assertEquals(List.of(1, 2), ids(zero));
        assertEquals(0.5f, zero.get(0).score());
        assertEquals(0f, zero.get(1).score());
    }

    @Test
    void rrfRefusesWeightsThatDoNotMatchTheLists() {
        List<List<Ranked<String>>> lists = List.of(list(1, 0.9), list(2, 0.9));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Fusion.rrf(lists, 2, new float[] {1f, 2f, 3f}, 10));
        assertTrue(e.getMessage().contains("got 3, expected 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Fusion.rrf(lists, 0, null, 10));
        assertThrows(IllegalArgumentException.class, () -> Fusion.rrf(lists, 2, null, -1));
    }

    @Test
    void mergedIdsKeepTheFirstItemSeenAndLimitCuts() {
        Ranked<String> first = new Ranked<>("first", 7, 0.1f);
        Ranked<String> later = new Ranked<>("later", 7, 0.9f);
        List<List<Ranked<String>>> lists = List.of(List.of(first, new Ranked<>("x", 8, 0f)), List.of(later));
        assertSame("first", Fusion.rrf(lists, 2, null, 1).get(0).item());
        assertEquals(1, Fusion.rrf(lists, 2, null, 1).size());
        assertSame("first", Fusion.dbsf(lists, 10).get(0).item());
        assertEquals(0, Fusion.dbsf(lists, 0).size());
    }

    @Test
    void dbsfMapsMeanPlusMinusThreeSampleDeviationsToZeroAndOne() {
        // Scores 1, 2, 3: mean 2, sample deviation 1, so [-1, 5] maps to [0, 1].
        List<Ranked<String>> fused = Fusion.dbsf(List.of(list("a", 3, "b", 2, "c", 1)), 10);
        assertEquals(List.of("a", "b", "c"), ids(fused));
        assertEquals(4f / 6f, fused.get(0).score(), 1e-6f);
        assertEquals(0.5f, fused.get(1).score(), 1e-6f);
        assertEquals(2f / 6f, fused.get(2).score(), 1e-6f);
    }

    @Test
    void dbsfGivesOneHalfToASingleEntryAndToEqualScores() {
        List<Ranked<String>> fused = Fusion.dbsf(List.of(list("a", 42), list("b", 7, "c", 7), list()), 10);
        assertEquals(List.of("a", "b", "c"), ids(fused));
        for (Ranked<String> r : fused) {
            assertEquals(0.5f, r.score());
        }
    }

    @Test
    void dbsfDoesNotClipOutliers() {
        List<Object> idScores = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            idScores.add("p" + i);
            idScores.add(i == 0 ? 1000f : 1f);
        }
        List<Ranked<String>> fused = Fusion.dbsf(List.of(list(idScores.toArray())), 1);
        assertTrue(fused.get(0).score() > 1f, "outlier score " + fused.get(0).score());
    }

    /** Random best-first lists over a small id space, so that ids repeat across lists. */
    private static List<List<Ranked<String>>> randomLists(SplittableRandom random) {
        List<List<Ranked<String>>> lists = new ArrayList<>();
        int count = 1 + random.nextInt(4);
        for (int l = 0; l < count; l++) {
            int n = random.nextInt(30);
            List<Ranked<String>> list = new ArrayList<>();
            float score = (float) (random.nextDouble() * 100 - 50);
            for (int i = 0; i < n; i++) {
                int id = random.nextInt(40);
                score -= (float) random.nextDouble() * 3;
                list.add(new Ranked<>("item-" + id, id, score));
            }
            lists.add(list);
        }
        return lists;
    }

    @Test
    void rrfEqualsAPlainReferenceOnRandomLists() {
        System.out.println("FusionTest.rrf seed=" + SEED);
        SplittableRandom random = new SplittableRandom(SEED);
        for (int round = 0; round < 200; round++) {
            List<List<Ranked<String>>> lists = randomLists(random);
            int k = 1 + random.nextInt(80);
            float[] weights = null;
            if (random.nextBoolean()) {
                weights = new float[lists.size()];
                for (int i = 0; i < weights.length; i++) {
                    weights[i] = random.nextInt(5) == 0 ? 0f : (float) (random.nextDouble() * 4);
                }
            }
            Map<Object, Float> expected = new LinkedHashMap<>();
            for (int l = 0; l < lists.size(); l++) {
                float w = weights == null ? 1f : weights[l];
                for (int pos = 0; pos < lists.get(l).size(); pos++) {
                    float add = w <= 0f ? 0f : 1f / ((pos + 1) / w + k - 1);
                    expected.merge(lists.get(l).get(pos).id(), add, Float::sum);
                }
            }
            assertMatches(expected, Fusion.rrf(lists, k, weights, 1000), 0f);
        }
    }

    @Test
    void dbsfEqualsAPlainReferenceOnRandomLists() {
        System.out.println("FusionTest.dbsf seed=" + SEED);
        SplittableRandom random = new SplittableRandom(SEED + 1);
        for (int round = 0; round < 200; round++) {
            List<List<Ranked<String>>> lists = randomLists(random);
            Map<Object, Float> expected = new LinkedHashMap<>();
            for (List<Ranked<String>> list : lists) {
                int n = list.size();
                double mean = 0;
                for (Ranked<String> r : list) {
                    mean += r.score();
                }
                mean /= n;
                double squares = 0;
                for (Ranked<String> r : list) {
                    squares += (r.score() - mean) * (r.score() - mean);
                }
                double sd = n > 1 ? Math.sqrt(squares / (n - 1)) : 0;
                for (Ranked<String> r : list) {
                    float norm = n == 1 || sd == 0 ? 0.5f : (float) ((r.score() - (mean - 3 * sd)) / (6 * sd));
                    expected.merge(r.id(), norm, Float::sum);
                }
            }
            assertMatches(expected, Fusion.dbsf(lists, 1000), 1e-4f);
        }
    }

    /** Same ids and scores (within {@code tolerance}), best first, with no score out of order. */
    private static void assertMatches(Map<Object, Float> expected, List<Ranked<String>> fused, float tolerance) {
        assertEquals(expected.size(), fused.size());
        for (int i = 0; i < fused.size(); i++) {
            Ranked<String> r = fused.get(i);
            assertEquals(expected.get(r.id()), r.score(), tolerance, "score of " + r.id());
            assertEquals("item-" + r.id(), r.item());
            if (i > 0) {
                assertTrue(fused.get(i - 1).score() >= r.score(), "order at " + i);
            }
        }
    }
}
