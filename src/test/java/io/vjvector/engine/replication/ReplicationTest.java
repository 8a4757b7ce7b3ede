package io.vjvector.engine.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjvector.engine.point.PointId;
import io.vjvector.engine.storage.FsyncPolicy;
import io.vjvector.engine.storage.WalRecord;
import io.vjvector.error.ErrorKind;
import io.vjvector.error.VJVectorException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A leader and followers in one process, connected through the wire encoding. */
class ReplicationTest {

    @TempDir
    Path dir;

    private ShardReplica open(String name) throws Exception {
        return Replicas.open(dir.resolve(name));
    }

    @Test
    void everyAcknowledgedWriteIsOnEveryInSyncFollower() throws Exception {
        try (ShardReplica a = open("a"); ShardReplica b = open("b"); ShardReplica c = open("c")) {
            ReplicationFollower fb = b.follow();
            ReplicationFollower fc = c.follow();
            ReplicationLeader leader = a.lead(1, List.of("b", "c"), 3, Duration.ofSeconds(30));
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> pumps = new ArrayList<>();
            for (FollowerFeed feed : List.of(new FollowerFeed(leader, "b", Replicas.direct(fb), 7, 1 << 20),
                    new FollowerFeed(leader, "c", Replicas.direct(fc), 3, 1 << 20))) {
                Thread t = new Thread(() -> {
                    try {
                        while (!stop.get()) {
                            if (feed.shipOnce() != FollowerFeed.Step.SHIPPED) {
                                Thread.sleep(1);
                            }
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                t.start();
                pumps.add(t);
            }
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < 3; w++) {
                int writer = w;
                Thread t = new Thread(() -> {
                    Random rnd = new Random(writer);
                    for (int i = 0; i < 40; i++) {
                        long id = writer * 1000L + i;
                        a.shard().upsert(List.of(Replicas.point(rnd, id, "w" + id)));
                        // Acknowledged: both followers must hold it now.
                        for (ShardReplica f : List.of(b, c)) {
                            if (f.shard().retrieve(List.of(PointId.of(id)), true, false).isEmpty()) {
                                failures.add("point " + id + " acknowledged but missing on " + f.durable().directory());
                            }
                        }
                    }
                });
                t.start();
                writers.add(t);
            }
            for (Thread t : writers) {
                t.join();
            }
            stop.set(true);
            for (Thread t : pumps) {
                t.join();
            }
            assertTrue(failures.isEmpty(), failures.toString());
            assertEquals(120, a.lastSequence());
            assertEquals(120, leader.highWaterMark());
            ReplicaDigest expected = a.digest(1, 120);
            assertEquals(expected, b.digest(1, 120));
            assertEquals(expected, c.digest(1, 120));
            assertEquals(Replicas.contents(a.shard()), Replicas.contents(b.shard()));
            assertEquals(Replicas.contents(a.shard()), Replicas.contents(c.shard()));
        }
    }

    @Test
    void followerRefusesAnOlderEpochEvenAfterARestart() throws Exception {
        Random rnd = new Random(2);
        try (ShardReplica a = open("a")) {
            ReplicationLeader old = a.lead(4, List.of(), 1, Replicas.NO_WAIT);
            Replicas.write(a, rnd, 1, "old");
            ReplicationBatch stale = old.read(1, 10, 1 << 20);
            try (ShardReplica b = open("b")) {
                ReplicationFollower f = b.follow();
                assertEquals(ApplyResult.Outcome.APPLIED, f.apply(new ReplicationBatch(5, 0, -1, 0, List.of())).outcome());
                ApplyResult refused = f.apply(stale);
                assertEquals(ApplyResult.Outcome.STALE_EPOCH, refused.outcome());
                assertEquals(5, refused.highestEpochSeen());
                assertEquals(0, b.lastSequence());
            }
            try (ShardReplica b = open("b")) {
                assertEquals(5, b.history().highestEpochSeen());
                assertEquals(ApplyResult.Outcome.STALE_EPOCH, b.follow().apply(stale).outcome());
                // The deposed leader learns it from the follower and steps down; its shard stays healthy.
                FollowerFeed feed = new FollowerFeed(old, "b", Replicas.direct(b.follow()), 10, 1 << 20);
                assertEquals(FollowerFeed.Step.FENCED, feed.shipOnce());
                VJVectorException e = assertThrows(VJVectorException.class, () -> Replicas.write(a, rnd, 2, "late"));
                assertEquals(ErrorKind.UNAVAILABLE, e.kind());
                assertFalse(a.shard().failed());
                assertEquals(1, a.lastSequence(), "a refused write is not recorded");
            }
        }
    }

    @Test
    void batchesThatLeaveAGapOrDivergeAreRefused() throws Exception {
        Random rnd = new Random(3);
        try (ShardReplica a = open("a"); ShardReplica b = open("b")) {
            ReplicationLeader leader = a.lead(1, List.of(), 1, Replicas.NO_WAIT);
            for (int i = 0; i < 6; i++) {
                Replicas.write(a, rnd, i, "x");
            }
            ReplicationFollower f = b.follow();
            ApplyResult gap = f.apply(leader.read(4, 10, 1 << 20));
            assertEquals(ApplyResult.Outcome.GAP, gap.outcome());
            assertEquals(0, gap.durableSequence());
            assertEquals(0, b.lastSequence());
            ReplicationBatch first = leader.read(1, 3, 1 << 20);
            assertEquals(ApplyResult.Outcome.APPLIED, f.apply(first).outcome());
            ReplicationBatch next = leader.read(4, 10, 1 << 20);
            ReplicationBatch otherEpoch = new ReplicationBatch(1, 3, 0, 0, next.records());
            assertEquals(ApplyResult.Outcome.DIVERGED, f.apply(otherEpoch).outcome());
            assertEquals(ApplyResult.Outcome.DIVERGED, f.apply(first).outcome(), "a resend behind the end");
            assertEquals(ApplyResult.Outcome.APPLIED, f.apply(next).outcome());
            assertEquals(a.digest(1, 6), b.digest(1, 6));
            assertThrows(IllegalArgumentException.class, () -> new ReplicationBatch(1, 0, -1, 0,
                    List.of(new WalRecord(1, 2, (byte) 6, new byte[0]))), "records must follow the previous sequence");
        }
    }

    @Test
    void aBatchCarryingAVectorTheFollowerHasNotAppliedIsRefusedWholeUntilItHas() throws Exception {
        io.vjvector.engine.shard.VectorFieldSpec spec = new io.vjvector.engine.shard.VectorFieldSpec.Dense(
                new io.vjvector.engine.index.IndexConfig(3, io.vjvector.engine.index.Distance.DOT, 8, 40, true), null);
        try (ShardReplica a = open("a"); ShardReplica b = open("b")) {
            AtomicBoolean added = new AtomicBoolean();
            ReplicationFollower f = b.follow(name -> name.equals("n") && !added.get());
            ReplicationLeader leader = a.lead(1, List.of(), 1, Replicas.NO_WAIT);
            Replicas.write(a, new Random(5), 1, "before");
            a.shard().addVectorField("n", spec);
            a.shard().upsert(List.of(new io.vjvector.engine.shard.PointWrite(PointId.of(2), java.util.Map.of(
                    "", new io.vjvector.engine.index.VectorValue.Dense(new float[] {1, 2, 3, 4}),
                    "n", new io.vjvector.engine.index.VectorValue.Dense(new float[] {5, 6, 7})), null)));
            ReplicationBatch batch = leader.read(1, 10, 1 << 20);
            VJVectorException refused = assertThrows(VJVectorException.class, () -> f.apply(batch));
            assertEquals(ErrorKind.UNAVAILABLE, refused.kind());
            assertTrue(refused.getMessage().contains("`n`"), refused.getMessage());
            assertEquals(0, b.lastSequence(), "nothing of the batch is written");
            b.shard().addVectorField("n", spec);
            added.set(true);
            assertEquals(ApplyResult.Outcome.APPLIED, f.apply(batch).outcome());
            assertEquals(a.digest(1, 2), b.digest(1, 2));
            org.junit.jupiter.api.Assertions.assertArrayEquals(new float[] {5, 6, 7},
                    ((io.vjvector.engine.index.VectorValue.Dense) b.shard().retrieve(List.of(PointId.of(2)), false, true)
                            .get(0).vectors().get("n")).values(), "the follower holds the new vector's value");
        }
    }

    @Test
    void aFollowerMakesAWholeBatchDurableWithOneFsync() throws Exception {
        Random rnd = new Random(4);
        Path bDir = Files.createTempDirectory(dir, "fsync");
        try (ShardReplica a = open("a");
             ShardReplica b = ShardReplica.open(bDir.resolve("b"), Replicas.spec(),
                     Replicas.options().withFsyncPolicy(FsyncPolicy.ALWAYS).withSegmentBytes(1 << 20))) {
            ReplicationLeader leader = a.lead(1, List.of(), 1, Replicas.NO_WAIT);
            for (int i = 0; i < 40; i++) {
                Replicas.write(a, rnd, i, "x");
            }
            ReplicationFollower f = b.follow();
            long syncsBefore = b.durable().walMetrics().syncs();
            ApplyResult result = f.apply(leader.read(1, 1000, 1 << 20));
            assertEquals(new ApplyResult(ApplyResult.Outcome.APPLIED, 40, 1), result);
            assertEquals(1, b.durable().walMetrics().syncs() - syncsBefore);
            assertEquals(40, b.durable().walMetrics().durableSequence());
            assertEquals(40, b.shard().pointCount());
        }
    }

    @Test
    void aDivergentFollowerTruncatesToTheNewLeaderAndEndsIdentical() throws Exception {
        Random rnd = new Random(5);
        Path aDir = dir.resolve("a");
        ShardReplica a = Replicas.open(aDir);
        try (ShardReplica b = open("b")) {
            ReplicationLeader first = a.lead(1, List.of(), 1, Replicas.NO_WAIT);
            for (int i = 0; i < 10; i++) {
                Replicas.write(a, rnd, i, "e1");
            }
            ReplicationFollower fb = b.follow();
            Replicas.drain(new FollowerFeed(first, "b", Replicas.direct(fb), 4, 1 << 20), first);
            for (int i = 10; i < 15; i++) {
                Replicas.write(a, rnd, i, "lost");
            }
            a.close();
            ReplicationLeader second = b.lead(2, List.of(), 1, Replicas.NO_WAIT);
            for (int i = 20; i < 23; i++) {
                Replicas.write(b, rnd, i, "e2");
            }
            a = Replicas.open(aDir);
            assertEquals(15, a.lastSequence());
            TruncationResult t = a.truncateToLeader(second::endSequenceFor);
            assertEquals(new TruncationResult(10, 5, false), t);
            assertEquals(List.of(new EpochEntry(1, 1)), a.history().entries());
            ReplicationFollower fa = a.follow();
            assertEquals(FollowerFeed.Step.IDLE,
                    Replicas.drain(new FollowerFeed(second, "a", Replicas.direct(fa), 2, 1 << 20), second));
            assertEquals(b.digest(1, 13), a.digest(1, 13));
            assertEquals(Replicas.contents(b.shard()), Replicas.contents(a.shard()));
            assertTrue(a.shard().retrieve(List.of(PointId.of(12)), false, false).isEmpty(), "the unacknowledged write is gone");
            assertEquals(b.history(), a.history());
        } finally {
            a.close();
        }
    }

    @Test
    void truncationAsksAgainWhenTheLeaderNeverHadTheReplicasEpoch() throws Exception {
        Random rnd = new Random(6);
        try (ShardReplica x = open("x"); ShardReplica y = open("y")) {
            // x: epoch 1 at 1..5, epoch 3 at 6..8; y: epoch 1 at 1..3, epoch 2 at 4..10, epoch 4 leads.
            ReplicationLeader one = x.lead(1, List.of(), 1, Replicas.NO_WAIT);
            for (int i = 0; i < 3; i++) {
                Replicas.write(x, rnd, i, "e1");
            }
            Replicas.drain(new FollowerFeed(one, "y", Replicas.direct(y.follow()), 10, 1 << 20), one);
            Replicas.write(x, rnd, 3, "e1-x");
            Replicas.write(x, rnd, 4, "e1-x");
            one.stepDown("test");
            y.lead(2, List.of(), 1, Replicas.NO_WAIT);
            for (int i = 0; i < 7; i++) {
                Replicas.write(y, rnd, 100 + i, "e2");
            }
            x.lead(3, List.of(), 1, Replicas.NO_WAIT);
            for (int i = 0; i < 3; i++) {
                Replicas.write(x, rnd, 200 + i, "e3");
            }
            ReplicationLeader four = y.lead(4, List.of(), 1, Replicas.NO_WAIT);
            x.follow();
            List<Long> asked = new ArrayList<>();
            TruncationResult t = x.truncateToLeader(epoch -> {
                asked.add(epoch);
                return four.endSequenceFor(epoch);
            });
            assertEquals(List.of(3L, 1L), asked);
            assertEquals(new TruncationResult(3, 5, false), t);
            Replicas.drain(new FollowerFeed(four, "x", Replicas.direct(x.follow()), 10, 1 << 20), four);
            assertEquals(y.digest(1, 10), x.digest(1, 10));
        }
    }

    @Test
    void truncationBelowTheCheckpointAsksForASnapshot() throws Exception {
        Random rnd = new Random(7);
        try (ShardReplica a = open("a"); ShardReplica b = open("b")) {
            ReplicationLeader leader = a.lead(1, List.of(), 1, Replicas.NO_WAIT);
            for (int i = 0; i < 10; i++) {
                Replicas.write(a, rnd, i, "x");
            }
            ReplicationFollower f = b.follow();
            f.apply(leader.read(1, 100, 1 << 20));
            assertEquals(10, b.durable().checkpoint().sequence());
            TruncationResult t = b.truncateToLeader(epoch -> new EpochEnd(1, 8));
            assertEquals(new TruncationResult(8, 0, true), t);
            assertEquals(10, b.lastSequence(), "nothing is truncated");
            assertEquals(new TruncationResult(10, 0, true), b.truncateToLeader(epoch -> EpochEnd.unknown()));
        }
    }

    @Test
    void checkpointsStayAtOrBelowTheHighWaterMark() throws Exception {
        Random rnd = new Random(8);
        try (ShardReplica a = open("a"); ShardReplica b = open("b")) {
            ReplicationLeader leader = a.lead(1, List.of("b"), 1, Replicas.NO_WAIT);
            for (int i = 0; i < 10; i++) {
                assertThrows(VJVectorException.class, () -> Replicas.write(a, rnd, 0, "x"),
                        "not acknowledged in no time");
            }
            assertEquals(0, leader.highWaterMark());
            assertNull(a.durable().checkpoint(), "the leader has nothing committed to checkpoint");
            ReplicationFollower f = b.follow();
            ReplicationBatch batch = leader.read(1, 100, 1 << 20);
            assertEquals(0, batch.highWaterMark());
            f.apply(batch);
            assertNull(b.durable().checkpoint(), "the follower has records above the high-water mark");
            leader.acknowledge("b", 10);
            assertEquals(10, leader.highWaterMark());
            leader.awaitReplicated(10, Replicas.NO_WAIT);
            f.apply(leader.read(11, 100, 1 << 20));
            assertEquals(10, f.highWaterMark());
            assertEquals(10, b.durable().checkpoint().sequence());
            assertEquals(10, a.durable().checkpoint().sequence());
        }
    }

    @Test
    void aHandoverWaitsUntilEveryInSyncFollowerHasTheWholeLog() throws Exception {
        Random rnd = new Random(21);
        try (ShardReplica a = open("a"); ShardReplica b = open("b")) {
            ReplicationLeader leader = a.lead(1, List.of("b"), 1, Replicas.NO_WAIT);
            assertFalse(leader.awaitInSyncCaughtUp(Replicas.NO_WAIT), "b has not acknowledged anything yet");
            for (int i = 0; i < 5; i++) {
                assertThrows(VJVectorException.class, () -> Replicas.write(a, rnd, 0, "x"),
                        "not acknowledged in no time");
            }
            assertFalse(leader.awaitInSyncCaughtUp(Duration.ofMillis(50)), "b has none of the 5 records");
            FollowerFeed feed = new FollowerFeed(leader, "b", Replicas.direct(b.follow()), 2, 1 << 20);
            Thread pump = new Thread(() -> {
                try {
                    Thread.sleep(100);
                    Replicas.drain(feed, leader);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            pump.start();
            assertTrue(leader.awaitInSyncCaughtUp(Duration.ofSeconds(10)), "b acknowledged the whole log");
            pump.join();
            assertEquals(leader.lastSequence(), b.lastSequence());
            leader.stepDown("test");
            assertFalse(leader.awaitInSyncCaughtUp(Duration.ofSeconds(10)), "a leader that stepped down hands nothing over");
        }
    }

    @Test
    void writesNeedEnoughInSyncCopies() throws Exception {
        Random rnd = new Random(9);
        try (ShardReplica a = open("a"); ShardReplica b = open("b")) {
            ReplicationLeader leader = a.lead(1, List.of("b"), 2, Duration.ofMillis(500));
            VJVectorException timedOut = assertThrows(VJVectorException.class, () -> Replicas.write(a, rnd, 1, "x"));
            assertEquals(ErrorKind.UNAVAILABLE, timedOut.kind());
            assertTrue(timedOut.getMessage().contains("[b]"), timedOut.getMessage());
            assertEquals(1, a.lastSequence(), "recorded; its outcome is unknown");
            leader.removeInSync("b");
            VJVectorException refused = assertThrows(VJVectorException.class, () -> Replicas.write(a, rnd, 2, "x"));
            assertTrue(refused.getMessage().contains("write_consistency_factor"), refused.getMessage());
            assertEquals(1, a.lastSequence(), "refused before it was recorded");
            assertFalse(a.shard().failed());
            List<String> caughtUp = new ArrayList<>();
            leader.onCaughtUp(caughtUp::add);
            FollowerFeed feed = new FollowerFeed(leader, "b", Replicas.direct(b.follow()), 10, 1 << 20);
            Replicas.drain(feed, leader);
            assertEquals(List.of("b"), caughtUp);
            leader.addInSync("b");
            assertEquals(Set.of("b"), leader.inSync());
            AtomicBoolean stop = new AtomicBoolean();
            Thread pump = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        feed.shipOnce();
                        Thread.sleep(1);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            pump.start();
            try {
                Replicas.write(a, rnd, 3, "acknowledged");
            } finally {
                stop.set(true);
                pump.join();
            }
            assertFalse(b.shard().retrieve(List.of(PointId.of(3)), false, false).isEmpty());
            leader.stepDown("test over");
            assertNotNull(leader.stoppedReason());
        }
    }

    @Test
    void aChangedWriteConsistencyFactorAppliesToTheNextWriteOfTheSameLeadership() throws Exception {
        Random rnd = new Random(13);
        try (ShardReplica a = open("a")) {
            AtomicInteger factor = new AtomicInteger(1);
            ReplicationLeader leader = a.lead(1, List.of(), factor::get, Replicas.NO_WAIT);
            Replicas.write(a, rnd, 1, "one copy is enough");
            factor.set(2);
            VJVectorException refused = assertThrows(VJVectorException.class, () -> Replicas.write(a, rnd, 2, "x"));
            assertEquals(ErrorKind.UNAVAILABLE, refused.kind());
            assertTrue(refused.getMessage().contains("write_consistency_factor needs 2"), refused.getMessage());
            assertEquals(1, a.lastSequence(), "refused before it was recorded");
            factor.set(1);
            Replicas.write(a, rnd, 3, "lowered again");
            assertEquals(2, a.lastSequence());
            assertEquals(1, leader.epoch(), "the same leadership throughout");
            factor.set(0);
            Replicas.write(a, rnd, 4, "a value below 1 counts as 1");
        }
    }

    @Test
    void anIdleFeedWaitsForTheNextWriteInsteadOfPolling() throws Exception {
        Random rnd = new Random(11);
        try (ShardReplica a = open("a"); ShardReplica b = open("b")) {
            ReplicationLeader leader = a.lead(1, List.of("b"), 1, Duration.ofSeconds(30));
            FollowerFeed feed = new FollowerFeed(leader, "b", Replicas.direct(b.follow()), 10, 1 << 20);
            Replicas.drain(feed, leader);
            long next = feed.nextSequence();

            // Nothing to ship: the wait lasts the whole heartbeat interval.
            long started = System.nanoTime();
            leader.awaitRecordsAfter(next - 1, Duration.ofMillis(150));
            assertTrue(System.nanoTime() - started >= Duration.ofMillis(140).toNanos(), "returned before the interval");

            // A write ends the wait at once (well before a 30 s interval).
            Thread writer = new Thread(() -> {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                Replicas.write(a, rnd, 1, "wakes the feed");
            });
            started = System.nanoTime();
            writer.start();
            leader.awaitRecordsAfter(next - 1, Duration.ofSeconds(30));
            assertTrue(System.nanoTime() - started < Duration.ofSeconds(10).toNanos(), "the write did not wake the feed");
            assertTrue(leader.lastSequence() >= next);
            writer.join();

            // Stepping down ends every wait too.
            long last = leader.lastSequence();
            Thread stepDown = new Thread(() -> {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                leader.stepDown("test over");
            });
            started = System.nanoTime();
            stepDown.start();
            leader.awaitRecordsAfter(last, Duration.ofSeconds(30));
            assertTrue(System.nanoTime() - started < Duration.ofSeconds(10).toNanos(), "stepping down did not end the wait");
            stepDown.join();
        }
    }

    @Test
    void theEpochHistorySurvivesARestart() throws Exception {
        Random rnd = new Random(10);
        LeaderEpochHistory before;
        try (ShardReplica a = open("a")) {
            a.lead(3, List.of(), 1, Replicas.NO_WAIT);
            Replicas.write(a, rnd, 1, "x");
            Replicas.write(a, rnd, 2, "x");
            a.lead(7, List.of(), 1, Replicas.NO_WAIT);
            Replicas.write(a, rnd, 3, "x");
            before = a.history();
        }
        assertEquals(new LeaderEpochHistory(List.of(new EpochEntry(3, 1), new EpochEntry(7, 3)), 7), before);
        try (ShardReplica a = open("a")) {
            assertEquals(before, a.history());
            assertEquals(new EpochEnd(3, 2), a.endSequenceFor(5));
            assertEquals(7, a.lastEpoch());
            assertThrows(IllegalArgumentException.class, () -> a.lead(6, List.of(), 1, Replicas.NO_WAIT));
            assertEquals(3, a.shard().pointCount());
        }
    }

    @Test
    void encryptedReplicasAgreeOnDigestsThoughTheirFilesDiffer() throws Exception {
        Random rnd = new Random(11);
        try (ShardReplica a = ShardReplica.open(dir.resolve("a"), Replicas.spec(), Replicas.encrypted());
             ShardReplica b = ShardReplica.open(dir.resolve("b"), Replicas.spec(), Replicas.encrypted())) {
            ReplicationLeader leader = a.lead(1, List.of(), 1, Replicas.NO_WAIT);
            for (int i = 0; i < 20; i++) {
                Replicas.write(a, rnd, i, "secret-" + i);
            }
            Replicas.drain(new FollowerFeed(leader, "b", Replicas.direct(b.follow()), 6, 1 << 20), leader);
            assertEquals(a.digest(1, 20), b.digest(1, 20));
            assertEquals(Replicas.contents(a.shard()), Replicas.contents(b.shard()));
            byte[] walA = concat(dir.resolve("a/wal"));
            byte[] walB = concat(dir.resolve("b/wal"));
            assertEquals(walA.length, walB.length);
            assertFalse(java.util.Arrays.equals(walA, walB), "random nonces and per-file keys");
            assertFalse(new String(walB, StandardCharsets.ISO_8859_1).contains("secret-"));
            assertFalse(new String(Files.readAllBytes(dir.resolve("b").resolve(EpochHistoryFile.NAME)),
                    StandardCharsets.ISO_8859_1).contains("VJEH"), "the history is sealed under the key too");
        }
    }

    @Test
    void aFollowerBehindTheLeadersLogStartNeedsASnapshot() throws Exception {
        Random rnd = new Random(12);
        try (ShardReplica a = open("a"); ShardReplica b = open("b")) {
            ReplicationLeader leader = a.lead(1, List.of(), 1, Replicas.NO_WAIT);
            for (int i = 0; i < 300; i++) {
                Replicas.write(a, rnd, i, "padding-padding-padding-padding-padding-padding");
            }
            a.durable().checkpoint();
            assertTrue(a.durable().logStart() > 1);
            FollowerFeed feed = new FollowerFeed(leader, "b", Replicas.direct(b.follow()), 10, 1 << 20);
            assertEquals(FollowerFeed.Step.IDLE, feed.shipOnce(), "learns where b ends");
            assertEquals(FollowerFeed.Step.SNAPSHOT_REQUIRED, feed.shipOnce());
            assertThrows(SnapshotRequiredException.class, () -> leader.read(1, 10, 1 << 20));
        }
    }

    private static byte[] concat(Path walDir) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (Stream<Path> files = Files.list(walDir).sorted()) {
            for (Path p : files.toList()) {
                out.write(Files.readAllBytes(p));
            }
        }
        return out.toByteArray();
    }
}
