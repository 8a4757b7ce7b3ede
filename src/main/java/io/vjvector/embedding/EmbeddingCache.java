package io.vjvector.embedding;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Embeddings already computed, by (model, SHA-256 of the text), least recently used first out once
 * the entries' estimated size passes the budget. The text itself is not kept: a hash costs 32
 * bytes where a chunk costs a kilobyte. Thread-safe (one lock: a lookup is far cheaper than the
 * embedding it saves).
 */
public final class EmbeddingCache {

    /** Map entry, key record, hash string and array headers, measured roughly on a 64-bit JVM. */
    private static final long ENTRY_OVERHEAD_BYTES = 200;

    private final long budgetBytes;
    private final LinkedHashMap<Key, float[]> entries = new LinkedHashMap<>(256, 0.75f, true);
    private long usedBytes;

    /** @param budgetBytes the most memory the entries may take; 0 disables the cache */
    public EmbeddingCache(long budgetBytes) {
        this.budgetBytes = Math.max(0, budgetBytes);
    }

    /** The cached vector of {@code text} under {@code model}, or null. */
    public float[] get(String model, String text) {
        if (budgetBytes == 0) {
            return null;
        }
        Key key = new Key(model, sha256(text));
        synchronized (entries) {
            return entries.get(key);
        }
    }

    /** Remembers {@code vector} for {@code text} under {@code model}, evicting the oldest entries past the budget. */
    public void put(String model, String text, float[] vector) {
        long size = sizeOf(model, vector);
        if (size > budgetBytes) {
            return;
        }
        Key key = new Key(model, sha256(text));
        synchronized (entries) {
            float[] old = entries.put(key, vector);
            usedBytes += size - (old == null ? 0 : sizeOf(model, old));
            var it = entries.entrySet().iterator();
            while (usedBytes > budgetBytes && it.hasNext()) {
                Map.Entry<Key, float[]> e = it.next();
                usedBytes -= sizeOf(e.getKey().model(), e.getValue());
                it.remove();
            }
        }
    }

    /** Entries held now. */
    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    /** Estimated bytes held now. */
    public long usedBytes() {
        synchronized (entries) {
            return usedBytes;
        }
    }

    private static long sizeOf(String model, float[] vector) {
        return ENTRY_OVERHEAD_BYTES + 2L * model.length() + 4L * vector.length;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private record Key(String model, String textHash) {
    }
}
