package io.vjvector.cluster.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vjvector.cluster.coordination.ShardAssignment;
import io.vjvector.cluster.coordination.ShardId;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The record a handing-over leader commits, and when it commits none. */
@Tag("cluster")
class LeadershipHandoverTest {

    private final LeadershipHandover handover = new LeadershipHandover("m1", null, Duration.ofSeconds(1));

    @Test
    void theLeaderLeavesTheInSyncSetSoThatItCannotWinAgainAtOnce() {
        ShardAssignment a = new ShardAssignment(List.of("m1", "r1", "r2"), List.of("m1", "r1"), "m1", 5);
        ShardAssignment next = handover.withoutThisLeader(a);
        assertEquals(List.of("r1"), next.inSync());
        assertEquals(List.of("m1", "r1", "r2"), next.replicas(), "its copy stays and follows the new leader");
        assertEquals("m1", next.leader(), "the next leader records itself when it wins");
    }

    @Test
    void nothingIsCommittedWithoutAnotherInSyncCopy() {
        assertNull(handover.withoutThisLeader(new ShardAssignment(List.of("m1", "r1"), List.of("m1"), "m1", 5)));
        assertNull(handover.withoutThisLeader(new ShardAssignment(List.of("m1", "r1"), List.of("r1"), "r1", 7)),
                "not in sync: not this node's to give");
    }

    @Test
    void writesAreAdmittedWhileNoHandoverRuns() {
        assertFalse(handover.refusesWrites(new ShardId("c", 0)));
    }
}
