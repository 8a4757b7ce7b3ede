package io.vjvector.engine.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjvector.engine.storage.CorruptedStorageException;
import io.vjvector.engine.storage.Sealer;
import io.vjvector.engine.storage.WalOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A follower too far behind its leader is re-created from the leader's checkpoint, then follows the log tail. */
class ShardTransferTest {

    @TempDir
    Path dir;

    /** A leader at epoch 3 with 300 writes, checkpointed so that its log no longer starts at 1. */
    private static ReplicationLeader leaderWithTruncatedLog(ShardReplica a, Random rnd) throws Exception {
        ReplicationLeader leader = a.lead(3, List.of(), 1, Replicas.NO_WAIT);
        for (int i = 0; i < 300; i++) {
            Replicas.write(a, rnd, i, "padding-padding-padding-padding-padding-" + i);
        }
        a.durable().checkpoint();
        assertTrue(a.durable().logStart() > 1);
        return leader;
    }

    @Test
    void aFollowerBehindTheLogStartCatchesUpByTransferThenByTheLogTail() throws Exception {
        runTransfer(Replicas.options());
    }

    @Test
    void anEncryptedShardTransfersSealed() throws Exception {
        runTransfer(Replicas.encrypted());
    }

    private void runTransfer(WalOptions options) throws Exception {
        Random rnd = new Random(21);
        Path bDir = dir.resolve("b");
        try (ShardReplica a = ShardReplica.open(dir.resolve("a"), Replicas.spec(), options)) {
            ReplicationLeader leader = leaderWithTruncatedLog(a, rnd);
            try (ShardReplica b = ShardReplica.open(bDir, Replicas.spec(), options)) {
                b.follow();
                Replicas.write(a, rnd, 1000, "after-the-checkpoint");
                FollowerFeed feed = new FollowerFeed(leader, "b", Replicas.direct(b.follow()), 10, 1 << 20);
                assertEquals(FollowerFeed.Step.IDLE, feed.shipOnce(), "learns where b ends");
                assertEquals(FollowerFeed.Step.SNAPSHOT_REQUIRED, feed.shipOnce());
            }
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            long sequence = ShardTransfer.write(a, wire);
            assertEquals(a.lastSequence(), sequence, "the checkpoint holds every applied write");
            ShardTransfer.Staged staged = ShardTransfer.receive(bDir, new Sealer(options.keys()),
                    new ByteArrayInputStream(wire.toByteArray()));
            assertEquals(sequence, staged.sequence());
            ShardTransfer.swapIn(bDir);

            Replicas.write(a, rnd, 2000, "the-log-tail");
            try (ShardReplica b = ShardReplica.open(bDir, Replicas.spec(), options)) {
                assertEquals(sequence, b.lastSequence());
                assertEquals(a.history().truncatedAfter(sequence), b.history());
                FollowerFeed feed = new FollowerFeed(leader, "b", Replicas.direct(b.follow()), 10, 1 << 20);
                assertEquals(FollowerFeed.Step.IDLE, Replicas.drain(feed, leader));
                assertEquals(a.lastSequence(), b.lastSequence());
                assertEquals(a.digest(sequence + 1, a.lastSequence()), b.digest(sequence + 1, b.lastSequence()));
                assertEquals(Replicas.contents(a.shard()), Replicas.contents(b.shard()));
            }
            assertFalse(Files.exists(dir.resolve("b.incoming")));
            assertFalse(Files.exists(dir.resolve("b.replaced")));
        }
    }

    @Test
    void theLeaderKeepsTheLogAfterAStreamedCheckpointThroughItsOwnCheckpoints() throws Exception {
        Random rnd = new Random(23);
        Path bDir = dir.resolve("b");
        try (ShardReplica a = ShardReplica.open(dir.resolve("a"), Replicas.spec(), Replicas.options())) {
            ReplicationLeader leader = leaderWithTruncatedLog(a, rnd);
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            long sequence = ShardTransfer.write(a, wire);

            // Heavy writes and a checkpoint while the copy is still installing the stream: without
            // the hold, this checkpoint deletes the log the copy continues from.
            for (int i = 0; i < 300; i++) {
                Replicas.write(a, rnd, 5000 + i, "padding-padding-padding-padding-padding-" + i);
            }
            a.durable().checkpoint();
            assertTrue(a.durable().logStart() <= sequence + 1, "log starts at " + a.durable().logStart()
                    + ", after the streamed checkpoint's " + sequence);

            ShardTransfer.receive(bDir, new Sealer(Replicas.options().keys()), new ByteArrayInputStream(wire.toByteArray()));
            ShardTransfer.swapIn(bDir);
            try (ShardReplica b = ShardReplica.open(bDir, Replicas.spec(), Replicas.options())) {
                FollowerFeed feed = new FollowerFeed(leader, "b", Replicas.direct(b.follow()), 50, 1 << 20);
                assertEquals(FollowerFeed.Step.IDLE, Replicas.drain(feed, leader), "continues from the log, no new transfer");
                assertEquals(Replicas.contents(a.shard()), Replicas.contents(b.shard()));
            }
        }
    }

    @Test
    void aCutOrDamagedTransferInstallsNothing() throws Exception {
        Random rnd = new Random(22);
        Path bDir = dir.resolve("b");
        try (ShardReplica a = Replicas.open(dir.resolve("a")); ShardReplica b = Replicas.open(bDir)) {
            leaderWithTruncatedLog(a, rnd);
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            ShardTransfer.write(a, wire);
            byte[] whole = wire.toByteArray();
            Sealer sealer = new Sealer(Replicas.options().keys());
            for (int cut : new int[] {0, 5, 9, whole.length / 2, whole.length - 40, whole.length - 1}) {
                byte[] part = Arrays.copyOf(whole, cut);
                assertThrows(CorruptedStorageException.class,
                        () -> ShardTransfer.receive(bDir, sealer, new ByteArrayInputStream(part)), "cut at " + cut);
                assertFalse(Files.exists(dir.resolve("b.incoming")), "nothing staged after a cut at " + cut);
            }
            byte[] flipped = whole.clone();
            flipped[whole.length / 2] ^= 1;
            assertThrows(CorruptedStorageException.class,
                    () -> ShardTransfer.receive(bDir, sealer, new ByteArrayInputStream(flipped)));
            byte[] otherVersion = whole.clone();
            otherVersion[7] = 9;
            CorruptedStorageException e = assertThrows(CorruptedStorageException.class,
                    () -> ShardTransfer.receive(bDir, sealer, new ByteArrayInputStream(otherVersion)));
            assertTrue(e.getMessage().contains("version 9"), e.getMessage());
            assertThrows(IllegalStateException.class, () -> ShardTransfer.swapIn(bDir));
            assertEquals(0, b.lastSequence());
        }
    }

    @Test
    void aCrashDuringTheSwapLeavesTheOldCopyOrTheNewOne() throws Exception {
        Random rnd = new Random(23);
        Path bDir = dir.resolve("b");
        byte[] wire;
        List<String> leaderContents;
        long sequence;
        try (ShardReplica a = Replicas.open(dir.resolve("a"))) {
            leaderWithTruncatedLog(a, rnd);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            sequence = ShardTransfer.write(a, out);
            wire = out.toByteArray();
            leaderContents = Replicas.contents(a.shard());
        }
        List<String> oldContents;
        try (ShardReplica b = Replicas.open(bDir)) {
            b.lead(1, List.of(), 1, Replicas.NO_WAIT);
            Replicas.write(b, rnd, 7, "old-copy");
            oldContents = Replicas.contents(b.shard());
        }
        Sealer sealer = new Sealer(Replicas.options().keys());

        // Staged but the swap never started: the old copy stays.
        ShardTransfer.receive(bDir, sealer, new ByteArrayInputStream(wire));
        try (ShardReplica b = Replicas.open(bDir)) {
            assertEquals(oldContents, Replicas.contents(b.shard()));
        }
        assertFalse(Files.exists(dir.resolve("b.incoming")));

        // Crashed between the two renames: the whole new copy is swapped in at the next open.
        ShardTransfer.receive(bDir, sealer, new ByteArrayInputStream(wire));
        Files.move(bDir, dir.resolve("b.replaced"), StandardCopyOption.ATOMIC_MOVE);
        try (ShardReplica b = Replicas.open(bDir)) {
            assertEquals(leaderContents, Replicas.contents(b.shard()));
            assertEquals(sequence, b.lastSequence());
        }
        assertFalse(Files.exists(dir.resolve("b.replaced")));

        // Crashed after moving the old copy aside while the new one was not yet whole: the old comes back.
        Path incomplete = Files.createDirectories(dir.resolve("b.incoming"));
        Files.writeString(incomplete.resolve("partial"), "x");
        Files.move(bDir, dir.resolve("b.replaced"), StandardCopyOption.ATOMIC_MOVE);
        try (ShardReplica b = Replicas.open(bDir)) {
            assertEquals(leaderContents, Replicas.contents(b.shard()));
        }
        assertFalse(Files.exists(incomplete));
    }
}
