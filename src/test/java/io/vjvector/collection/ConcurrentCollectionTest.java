package io.vjvector.collection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.vjvector.engine.filter.Filter;
import io.vjvector.engine.index.Distance;
import io.vjvector.engine.point.PointId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Two writers (disjoint id ranges, so the end state is known) upsert, replace and delete across
 * three shards while two readers search with and without a filter, scroll and count.
 */
class ConcurrentCollectionTest {

    private static final int DIM = 8;
    private static final int IDS_PER_WRITER = 300;
    private static final int ROUNDS = 40;

    @Test
    void concurrentWritersAndReadersEndInTheExpectedState() throws Exception {
        long seed = System.nanoTime();
        System.out.println("ConcurrentCollectionTest seed=" + seed);
        LocalCollectionService service = Collections.service();
        service.create("c", Collections.params(DIM, Distance.COSINE, 3, 50));
        Filter even = Collections.filter("{'must': {'key': 'parity', 'match': {'value': 0}}}");
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean done = new AtomicBoolean();

        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            int base = w * IDS_PER_WRITER;
            long writerSeed = seed + w;
            writers.add(new Thread(() -> guard(failure, () -> {
                Random rnd = new Random(writerSeed);
                long lastOp = -1;
                for (int round = 0; round < ROUNDS; round++) {
                    List<PointStruct> batch = new ArrayList<>();
                    for (int i = 0; i < 25; i++) {
                        int id = base + rnd.nextInt(IDS_PER_WRITER);
                        batch.add(new PointStruct(PointId.of(id), Collections.vector(DIM, rnd),
                                JsonNodeFactory.instance.objectNode().put("parity", id % 2).put("round", round)));
                    }
                    long op = service.upsert("c", batch).operationId();
                    assertTrue(op > lastOp, "operation ids must increase");
                    lastOp = op;
                }
                // Finally: every id of this writer present, then its odd ids deleted.
                List<PointStruct> all = new ArrayList<>();
                List<PointId> odd = new ArrayList<>();
                for (int id = base; id < base + IDS_PER_WRITER; id++) {
                    all.add(new PointStruct(PointId.of(id), Collections.vector(DIM, rnd),
                            JsonNodeFactory.instance.objectNode().put("parity", id % 2)));
                    if (id % 2 == 1) {
                        odd.add(PointId.of(id));
                    }
                }
                service.upsert("c", all);
                assertTrue(service.deletePoints("c", PointSelector.ids(odd)).operationId() > lastOp);
            })));
        }
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            long readerSeed = seed + 100 + r;
            readers.add(new Thread(() -> guard(failure, () -> {
                Random rnd = new Random(readerSeed);
                while (!done.get() && failure.get() == null) {
                    List<ScoredPoint> hits = service.search("c", Collections.search(Collections.vector(DIM, rnd), even, 10, 0, false));
                    Set<PointId> seen = new HashSet<>();
                    for (ScoredPoint p : hits) {
                        assertTrue(seen.add(p.id()), "duplicate hit " + p.id());
                        assertEquals(0, p.payload().get("parity").asInt(), "filter violated");
                    }
                    ScrollResult page = service.scroll("c", new ScrollRequest(null, 64, null, WithPayload.NONE, false));
                    for (int i = 1; i < page.points().size(); i++) {
                        assertTrue(page.points().get(i - 1).id().compareTo(page.points().get(i).id()) < 0);
                    }
                    assertTrue(service.count("c", even) <= IDS_PER_WRITER);
                }
            })));
        }
        readers.forEach(Thread::start);
        writers.forEach(Thread::start);
        for (Thread t : writers) {
            t.join();
        }
        done.set(true);
        for (Thread t : readers) {
            t.join();
        }
        assertNull(failure.get(), () -> "seed=" + seed + ": " + failure.get());
        assertEquals(IDS_PER_WRITER, service.count("c", null));
        assertEquals(IDS_PER_WRITER, service.count("c", even));
        CollectionInfo info = service.info("c");
        assertEquals(IDS_PER_WRITER, info.pointsCount());
        assertEquals(IDS_PER_WRITER, info.indexedVectorsCount());
        List<ScoredPoint> top = service.search("c", Collections.search(Collections.vector(DIM, new Random(seed)), null, 20, 0, false));
        assertEquals(20, top.size());
        top.forEach(p -> assertEquals(0, ((PointId.Num) p.id()).value() % 2));
    }

    private static void guard(AtomicReference<Throwable> failure, Runnable body) {
        try {
            body.run();
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
        }
    }
}
