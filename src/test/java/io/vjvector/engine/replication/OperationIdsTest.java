package io.vjvector.engine.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vjvector.engine.point.PointId;
import io.vjvector.engine.shard.StoredPoint;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replicated shard numbers its operations by its log: the leader's write answers the sequence
 * it recorded the write at, every copy holds the point at that version, and a new leader goes on
 * from where the log is instead of from a counter of its own.
 */
class OperationIdsTest {

    @TempDir
    Path dir;

    private ShardReplica open(String name) throws Exception {
        return ShardReplica.open(dir.resolve(name), Replicas.spec().numberedByLog(), Replicas.options());
    }

    @Test
    void operationIdsAreTheLeadersSequencesAndGoOnUnderTheNextLeader() throws Exception {
        Random rnd = new Random(7);
        try (ShardReplica a = open("a"); ShardReplica b = open("b")) {
            ReplicationLeader first = a.lead(1, List.of(), 1, Replicas.NO_WAIT);
            for (int i = 0; i < 3; i++) {
                long op = a.shard().upsert(List.of(Replicas.point(rnd, i, "a" + i)));
                assertEquals(a.lastSequence(), op, "the id of a write is its sequence in the leader's log");
            }
            FollowerFeed feed = new FollowerFeed(first, "b", Replicas.direct(b.follow()), 10, 1 << 20);
            Replicas.drain(feed, first);
            assertEquals(a.lastSequence(), b.lastSequence());
            for (int i = 0; i < 3; i++) {
                StoredPoint onA = a.shard().retrieve(List.of(PointId.of(i)), false, false).get(0);
                StoredPoint onB = b.shard().retrieve(List.of(PointId.of(i)), false, false).get(0);
                assertEquals(onA.version(), onB.version(), "a copy knows a write by the leader's id");
            }
            first.stepDown("leadership moves to b");
            long last = b.lastSequence();
            b.lead(2, List.of(), 1, Replicas.NO_WAIT);
            long next = b.shard().upsert(List.of(Replicas.point(rnd, 1, "b1")));
            assertEquals(b.lastSequence(), next);
            assertEquals(last + 1, next, "the new leader numbers on from the log it holds");
        }
    }
}
