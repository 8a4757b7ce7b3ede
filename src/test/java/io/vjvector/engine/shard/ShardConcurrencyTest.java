package io.vjvector.engine.shard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjvector.engine.index.Distance;
import io.vjvector.engine.point.PointId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Writers replace and delete points while readers search, scroll and count. Every point carries
 * its generation in both its payload and its first vector component, so a reader can tell a torn
 * (payload of one write, vector of another) or deleted point.
 */
class ShardConcurrencyTest {

    private static final int DIM = 8;
    private static final int LIVE_IDS = 400;
    private static final int DOOMED_FROM = 1000;
    private static final int DOOMED = 100;
    private static final int GENERATIONS = 100;

    @Test
    void concurrentWritesAndSearchesStayConsistent() throws Exception {
        long seed = System.nanoTime();
        System.out.println("ShardConcurrencyTest seed=" + seed);
        Shard shard = Shards.create(DIM, Distance.EUCLID, 0);
        List<PointWrite> initial = new ArrayList<>();
        for (int id = 0; id < LIVE_IDS; id++) {
            initial.add(point(id, 0, new Random(seed + id)));
        }
        for (int id = DOOMED_FROM; id < DOOMED_FROM + DOOMED; id++) {
            initial.add(point(id, 0, new Random(seed + id)));
        }
        shard.upsert(initial);

        Set<PointId> deleted = ConcurrentHashMap.newKeySet();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean writersDone = new AtomicBoolean();
        Thread writer = new Thread(() -> guard(failure, () -> {
            Random rnd = new Random(seed);
            for (int gen = 1; gen <= GENERATIONS; gen++) {
                List<PointWrite> batch = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    batch.add(point(rnd.nextInt(LIVE_IDS), gen, rnd));
                }
                shard.upsert(batch);
                if (gen <= DOOMED) {
                    PointId doomed = PointId.of(DOOMED_FROM + gen - 1);
                    shard.delete(List.of(doomed));
                    deleted.add(doomed);
                }
            }
        }));
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            long readerSeed = seed + 7919L * (r + 1);
            readers.add(new Thread(() -> guard(failure, () -> {
                Random rnd = new Random(readerSeed);
                while (!writersDone.get() && failure.get() == null) {
                    Set<PointId> goneBefore = new HashSet<>(deleted);
                    float[] q = randomVector(rnd);
                    boolean exact = rnd.nextBoolean();
                    List<ScoredHit> hits = shard.search(new ShardSearch(q, 10, null, null, exact, null, true, true));
                    assertEquals(10, hits.size(), "live points always outnumber k");
                    Set<PointId> seen = new HashSet<>();
                    float previous = -1;
                    for (ScoredHit h : hits) {
                        assertTrue(seen.add(h.point().id()), "duplicate " + h.point().id());
                        assertTrue(!goneBefore.contains(h.point().id()), "deleted point returned: " + h.point().id());
                        assertEquals(h.point().payload().get("gen").asInt(), (int) h.point().vector()[0], "torn point");
                        assertTrue(h.score() >= previous, "not sorted");
                        previous = h.score();
                    }
                    List<StoredPoint> page = shard.scroll(null, null, 50, true, false);
                    for (int i = 1; i < page.size(); i++) {
                        assertTrue(page.get(i - 1).id().compareTo(page.get(i).id()) < 0, "scroll out of order");
                    }
                    assertTrue(shard.count(null) >= LIVE_IDS);
                }
            })));
        }
        readers.forEach(Thread::start);
        writer.start();
        writer.join();
        writersDone.set(true);
        for (Thread t : readers) {
            t.join();
        }
        assertNull(failure.get(), () -> "seed=" + seed + ": " + failure.get());
        assertEquals(LIVE_IDS + DOOMED - Math.min(GENERATIONS, DOOMED), shard.pointCount());
        assertEquals(shard.pointCount(), shard.indexedVectorCount());
    }

    private static PointWrite point(long id, int gen, Random rnd) {
        float[] v = randomVector(rnd);
        v[0] = gen;
        return Shards.point(id, Shards.payload("gen", gen), v);
    }

    private static float[] randomVector(Random rnd) {
        float[] v = new float[DIM];
        for (int i = 1; i < DIM; i++) {
            v[i] = (float) rnd.nextGaussian() * 10;
        }
        v[0] = rnd.nextInt(GENERATIONS);
        return v;
    }

    private static void guard(AtomicReference<Throwable> failure, Runnable body) {
        try {
            body.run();
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
        }
    }
}
