package io.vjvector.collection;

import io.vjvector.engine.filter.PayloadFieldSchema;
import io.vjvector.engine.shard.ShardCheckpoint;
import io.vjvector.engine.shard.ShardImage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * A collection as of one instant, for a snapshot: its settings and an image of every shard
 * (vectors, HNSW graph, payloads, payload index definitions), captured by
 * {@link LocalCollectionService#capture} in a short pause of the collection's writes and written
 * out afterwards while the collection keeps changing.
 */
public final class CollectionImage {

    private final CollectionParams params;
    private final List<ShardImage> shards;

    CollectionImage(CollectionParams params, List<ShardImage> shards) {
        this.params = params;
        this.shards = List.copyOf(shards);
    }

    public CollectionParams params() {
        return params;
    }

    /** Indexed payload fields and their definitions (the same on every shard). */
    public Map<String, PayloadFieldSchema> payloadIndexes() {
        return shards.get(0).fieldIndexes();
    }

    /** Live points over all shards. */
    public long pointCount() {
        long n = 0;
        for (ShardImage s : shards) {
            n += s.pointCount();
        }
        return n;
    }

    /**
     * Writes shard {@code n} as a plaintext shard checkpoint to {@code out} (not closed); callers
     * seal it. {@link LocalCollectionService#load} reads it back.
     */
    public void writeShard(int n, OutputStream out) throws IOException {
        ShardCheckpoint.write(shards.get(n), out);
    }
}
