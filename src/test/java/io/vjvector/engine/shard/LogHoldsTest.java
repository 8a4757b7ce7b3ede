package io.vjvector.engine.shard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LogHoldsTest {

    @Test
    void theEarliestLiveHoldKeepsTheLog() {
        LogHolds holds = new LogHolds();
        assertEquals(Long.MAX_VALUE, holds.earliest(), "no hold keeps nothing");
        LogHold first = holds.hold(10, Duration.ofMinutes(1));
        LogHold second = holds.hold(20, Duration.ofMinutes(1));
        assertEquals(10, holds.earliest());
        first.moveTo(30);
        assertEquals(20, holds.earliest());
        second.moveTo(5);
        assertEquals(20, holds.earliest(), "a hold only moves forward");
        second.close();
        assertEquals(30, holds.earliest());
        first.close();
        assertEquals(Long.MAX_VALUE, holds.earliest());
    }

    @Test
    void anExpiredHoldKeepsNothing() throws Exception {
        LogHolds holds = new LogHolds();
        holds.hold(10, Duration.ofMillis(1));
        Thread.sleep(5);
        assertEquals(Long.MAX_VALUE, holds.earliest());
    }
}
