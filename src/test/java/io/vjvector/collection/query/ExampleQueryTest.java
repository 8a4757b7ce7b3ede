package io.vjvector.collection.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/** Each example's "vector" holds its similarity, so the formulas can be checked by hand (Qdrant's cases). */
class ExampleQueryTest {

    private static final ToDoubleFunction<float[]> SIM = v -> v[0];

    private static float[] s(float x) {
        return new float[] {x};
    }

    @Test
    void bestScoreTakesTheBestPositiveUnlessANegativeIsCloser() {
        assertEquals(ExampleQuery.scaledFastSigmoid(42), new ExampleQuery.BestScore(List.of(s(42)), List.of(s(4))).score(SIM));
        assertEquals(-ExampleQuery.scaledFastSigmoid(42), new ExampleQuery.BestScore(List.of(s(4)), List.of(s(42))).score(SIM));
        assertEquals(-ExampleQuery.scaledFastSigmoid(0), new ExampleQuery.BestScore(List.of(s(-1)), List.of(s(0))).score(SIM));
        assertEquals(ExampleQuery.scaledFastSigmoid(10),
                new ExampleQuery.BestScore(List.of(s(10), s(2), s(3)), List.of(s(4), s(5), s(6))).score(SIM));
        assertEquals(-ExampleQuery.scaledFastSigmoid(6),
                new ExampleQuery.BestScore(List.of(s(1), s(2), s(3)), List.of(s(4), s(5), s(6))).score(SIM));
        // Negatives only: the farther from them, the better, and always below a positive win.
        float far = new ExampleQuery.BestScore(List.of(), List.of(s(-5))).score(SIM);
        float near = new ExampleQuery.BestScore(List.of(), List.of(s(5))).score(SIM);
        assertTrue(far > near && far < 0);
    }

    @Test
    void sumScoresSubtractsNegativesFromPositives() {
        assertEquals(1 + 2 - 4f, new ExampleQuery.SumScores(List.of(s(1), s(2)), List.of(s(4))).score(SIM));
        assertEquals(-3f, new ExampleQuery.SumScores(List.of(), List.of(s(3))).score(SIM));
    }

    @Test
    void contextIsZeroOnThePositiveSideAndAPenaltyInMinusOneToZeroOtherwise() {
        assertEquals(0f, new ExampleQuery.Context(List.of(new ExampleQuery.Pair(s(10), s(4)))).score(SIM));
        float loss = new ExampleQuery.Context(List.of(new ExampleQuery.Pair(s(4), s(10)))).score(SIM);
        assertEquals(ExampleQuery.fastSigmoid(-6 - Math.ulp(1f)), loss, 1e-7);
        assertTrue(loss > -1 && loss < 0);
        // Equal similarities are on the wrong side by Qdrant's margin.
        assertTrue(new ExampleQuery.Context(List.of(new ExampleQuery.Pair(s(3), s(3)))).score(SIM) < 0);
    }

    @Test
    void discoverRanksByPairsWonThenByTarget() {
        var pairs = List.of(new ExampleQuery.Pair(s(10), s(4)), new ExampleQuery.Pair(s(4), s(2)));
        assertEquals(2 + ExampleQuery.scaledFastSigmoid(42), new ExampleQuery.Discover(s(42), pairs).score(SIM));
        assertEquals(0 + ExampleQuery.scaledFastSigmoid(1), new ExampleQuery.Discover(s(1),
                List.of(new ExampleQuery.Pair(s(10), s(4)), new ExampleQuery.Pair(s(4), s(10)))).score(SIM));
        assertEquals(ExampleQuery.scaledFastSigmoid(1), new ExampleQuery.Discover(s(1),
                List.of(new ExampleQuery.Pair(s(11), s(11)))).score(SIM), "a tie counts 0");
        // A bad target in a better zone beats a perfect target in a worse one.
        assertTrue(new ExampleQuery.Discover(s(-1000), List.of(new ExampleQuery.Pair(s(1), s(0)))).score(SIM)
                > new ExampleQuery.Discover(s(1000), List.of(new ExampleQuery.Pair(s(0), s(1)))).score(SIM));
    }

    @Test
    void relevanceFeedbackPairsBestWithWorstAndWeighsEachPairByItsConfidence() {
        // Judged 0.9, 0.7, 0.4, 0.1 (given out of order): pairs (0.9, 0.1) and (0.7, 0.4).
        List<ExampleQuery.Judged> judged = List.of(new ExampleQuery.Judged(s(5), 0.4f), new ExampleQuery.Judged(s(8), 0.9f),
                new ExampleQuery.Judged(s(1), 0.1f), new ExampleQuery.Judged(s(3), 0.7f));
        ExampleQuery.RelevanceFeedback q = ExampleQuery.RelevanceFeedback.naive(s(2), judged, 0.5f, 2f, 3f);
        assertEquals(2, q.pairs().size());
        float w1 = (float) Math.pow(0.9f - 0.1f, 2) * 3;
        float w2 = (float) Math.pow(0.7f - 0.4f, 2) * 3;
        assertEquals(0.5f * 2 + w1 * (8 - 1) + w2 * (3 - 5), q.score(SIM), 1e-5);
    }

    @Test
    void relevanceFeedbackTakesAtMostThreePairsAndLeavesTheTargetAloneWithoutTwoExamples() {
        List<ExampleQuery.Judged> seven = new java.util.ArrayList<>();
        for (int i = 0; i < 7; i++) {
            seven.add(new ExampleQuery.Judged(s(i), i));
        }
        assertEquals(3, ExampleQuery.RelevanceFeedback.naive(s(1), seven, 1, 1, 1).pairs().size());
        ExampleQuery one = ExampleQuery.RelevanceFeedback.naive(s(4), List.of(new ExampleQuery.Judged(s(9), 1)), 2, 1, 1);
        assertEquals(8f, one.score(SIM), "a alone scales the target's similarity");
    }
}
