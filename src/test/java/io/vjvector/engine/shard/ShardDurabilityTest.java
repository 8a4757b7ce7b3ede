package io.vjvector.engine.shard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjvector.engine.storage.FsyncPolicy;
import io.vjvector.engine.storage.WalMetrics;
import io.vjvector.engine.storage.WalOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Under fsync=always every acknowledged write is synced, and concurrent writers share the syncs. */
class ShardDurabilityTest {

    @TempDir
    Path dir;

    @Test
    void concurrentWritersShareFsyncsAndEveryAcknowledgedWriteIsDurable() throws Exception {
        WalOptions always = WalOptions.defaults().withFsyncPolicy(FsyncPolicy.ALWAYS);
        int threads = 4;
        int writesEach = 25;
        try (DurableShard d = DurableShard.open(dir, DurableShards.spec(), always)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int base = t * 1000;
                    done.add(pool.submit(() -> {
                        Random rnd = new Random(base);
                        for (int i = 0; i < writesEach; i++) {
                            d.shard().upsert(DurableShards.points(rnd, base + i, base + i + 1));
                            // Acknowledged, so durable: the log's durable position covers it.
                            assertTrue(d.walMetrics().durableSequence() >= 1);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }
            WalMetrics m = d.walMetrics();
            assertEquals(threads * writesEach, m.appendedRecords());
            assertEquals(m.lastSequence(), m.durableSequence(), "every acknowledged record is durable");
            assertTrue(m.syncs() < m.appendedRecords(), "group commit: " + m.syncs() + " fsyncs for "
                    + m.appendedRecords() + " writes");
        }
        try (DurableShard d = DurableShard.open(dir, DurableShards.spec(), always)) {
            assertEquals(threads * writesEach, d.shard().pointCount());
        }
    }
}
