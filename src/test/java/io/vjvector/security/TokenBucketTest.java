package io.vjvector.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void burstPassesThenTheRateRefills() {
        TokenBucket bucket = new TokenBucket(2, 3, 0);
        for (int i = 0; i < 3; i++) {
            assertEquals(0, bucket.tryTake(0), "request " + i + " of the burst");
        }
        long wait = bucket.tryTake(0);
        assertEquals(SECOND / 2, wait, "one token comes back every half second");
        assertTrue(bucket.tryTake(SECOND / 4) > 0);
        assertEquals(0, bucket.tryTake(SECOND / 2));
        assertEquals(0, bucket.tryTake(100 * SECOND));
        assertEquals(0, bucket.tryTake(100 * SECOND));
        assertEquals(0, bucket.tryTake(100 * SECOND));
        assertTrue(bucket.tryTake(100 * SECOND) > 0, "refill never exceeds the burst");
    }
}
