package io.vjvector.engine.storage;

import static io.vjvector.engine.storage.WalFixture.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What each policy promises about durability, observed through the log's counters. */
class WalFsyncPolicyTest {

    @TempDir
    Path dir;

    private static WalOptions policy(FsyncPolicy policy) {
        return WalOptions.defaults().withFsyncPolicy(policy).withFsyncInterval(Duration.ofMillis(20));
    }

    @Test
    void alwaysReturnsOnlyAfterTheRecordIsSynced() throws Exception {
        try (Wal wal = Wal.open(dir, policy(FsyncPolicy.ALWAYS))) {
            for (int i = 1; i <= 20; i++) {
                long sequence = wal.writer().append(1, (byte) 0, new byte[100]);
                assertTrue(wal.writer().durableSequence() >= sequence);
            }
            assertEquals(20, wal.metrics().syncs(), "one writer: one fsync per append");
        }
    }

    @Test
    void writeThenAwaitDurableSplitsAppendAroundTheCallersLock() throws Exception {
        try (Wal wal = Wal.open(dir, policy(FsyncPolicy.ALWAYS))) {
            long a = wal.writer().write(1, (byte) 0, new byte[10]);
            long b = wal.writer().write(1, (byte) 0, new byte[10]);
            assertEquals(0, wal.writer().durableSequence());
            wal.writer().awaitDurable(b);
            assertEquals(b, wal.writer().durableSequence());
            assertEquals(1, wal.metrics().syncs(), "one fsync covered both records");
            wal.writer().awaitDurable(a);
            assertEquals(1, wal.metrics().syncs());
            assertThrows(IllegalArgumentException.class, () -> wal.writer().awaitDurable(b + 1));
        }
    }

    @Test
    void intervalSyncsInTheBackground() throws Exception {
        try (Wal wal = Wal.open(dir, policy(FsyncPolicy.INTERVAL))) {
            long last = 0;
            for (int i = 0; i < 200; i++) {
                last = wal.writer().append(1, (byte) 0, new byte[100]);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (wal.writer().durableSequence() < last && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(last, wal.writer().durableSequence());
            assertTrue(wal.metrics().syncs() >= 1);
            assertTrue(wal.metrics().syncs() < 200, "appends did not each wait for an fsync");
        }
    }

    @Test
    void neverLeavesSyncingToTheOperatingSystemUntilAskedOrClosed() throws Exception {
        try (Wal wal = Wal.open(dir, policy(FsyncPolicy.NEVER))) {
            long last = 0;
            for (int i = 0; i < 200; i++) {
                last = wal.writer().append(1, (byte) 0, new byte[100]);
            }
            Thread.sleep(60);
            assertEquals(0, wal.metrics().syncs());
            assertEquals(0, wal.writer().durableSequence());
            wal.writer().sync();
            assertEquals(last, wal.writer().durableSequence());
            assertEquals(1, wal.metrics().syncs());
        }
        try (Wal wal = Wal.open(dir, policy(FsyncPolicy.NEVER))) {
            assertEquals(200, readAll(wal).size());
            assertEquals(200, wal.writer().durableSequence(), "recovery syncs what it found");
        }
    }

    @Test
    void metricsCountAppendsAndBytes() throws Exception {
        try (Wal wal = Wal.open(dir, policy(FsyncPolicy.NEVER))) {
            wal.writer().append(1, (byte) 0, new byte[100]);
            wal.writer().append(1, (byte) 0, new byte[50]);
            WalMetrics m = wal.metrics();
            assertEquals(2, m.appendedRecords());
            assertEquals(2L * RecordFormat.HEADER_BYTES + 150, m.appendedBytes());
            assertEquals(2, m.lastSequence());
            assertEquals(1, m.segments());
        }
    }
}
