package io.vjvector.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EmbeddingCacheTest {

    @Test
    void answersTheVectorStoredForTheSameModelAndText() {
        EmbeddingCache cache = new EmbeddingCache(1 << 20);
        cache.put("m", "hello", new float[] {1, 2});
        assertArrayEquals(new float[] {1, 2}, cache.get("m", "hello"));
        assertNull(cache.get("other", "hello"), "another model's vector is another entry");
        assertNull(cache.get("m", "hello "), "another text is another entry");
    }

    @Test
    void staysWithinItsBudgetEvictingTheLeastRecentlyUsed() {
        // Each 384-d entry is estimated at 200 + 2 + 1536 bytes: 10 fit in 18,000.
        EmbeddingCache cache = new EmbeddingCache(18_000);
        for (int i = 0; i < 10; i++) {
            cache.put("m", "t" + i, new float[384]);
        }
        assertNotNull(cache.get("m", "t0"));
        cache.put("m", "t10", new float[384]);
        assertTrue(cache.usedBytes() <= 18_000, "used " + cache.usedBytes());
        assertNotNull(cache.get("m", "t0"), "t0 was used recently");
        assertNull(cache.get("m", "t1"), "t1 was the least recently used");
    }

    @Test
    void aZeroBudgetKeepsNothing() {
        EmbeddingCache cache = new EmbeddingCache(0);
        cache.put("m", "x", new float[] {1});
        assertNull(cache.get("m", "x"));
        assertTrue(cache.size() == 0);
    }
}
