package io.vjvector.collection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjvector.engine.index.Distance;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Qdrant's score_threshold over several shards: a minimum for Cosine/Dot, a maximum for Euclid/Manhattan. */
class ScoreThresholdTest {

    @Test
    void thresholdKeepsExactlyThePointsOnTheRightSideForEveryDistance() {
        long seed = System.nanoTime();
        System.out.println("ScoreThresholdTest seed=" + seed);
        Random rnd = new Random(seed);
        for (Distance distance : Distance.values()) {
            LocalCollectionService service = Collections.service();
            service.create("t", Collections.params(4, distance, 3, 0));
            service.upsert("t", Collections.randomPoints(500, 4, new Random(seed)));
            float[] q = Collections.vector(4, rnd);
            for (boolean exact : new boolean[] {true, false}) {
                List<ScoredPoint> all = service.search("t", new SearchOptions(null, 500, 0, null, null, true,
                        WithPayload.NONE, false).search(q));
                float threshold = all.get(40).score();
                List<ScoredPoint> kept = service.search("t", new SearchOptions(null, 500, 0, threshold, null, exact,
                        WithPayload.NONE, false).search(q));
                String where = "seed=" + seed + " " + distance + " exact=" + exact;
                assertFalse(kept.isEmpty(), where);
                for (ScoredPoint p : kept) {
                    assertTrue(distance.higherScoreIsBetter() ? p.score() >= threshold : p.score() <= threshold,
                            where + ": score " + p.score() + " beyond threshold " + threshold);
                }
                long expected = all.stream().filter(p -> distance.higherScoreIsBetter()
                        ? p.score() >= threshold : p.score() <= threshold).count();
                if (exact) {
                    assertEquals(expected, kept.size(), where);
                } else {
                    assertTrue(kept.size() >= expected * 0.9, where + ": " + kept.size() + " of " + expected);
                }
            }
        }
    }
}
