package io.vjvector.collection;

import io.vjvector.engine.shard.Shard;
import java.util.List;

/**
 * A collection read back from shard checkpoints (a snapshot) that no one can see yet: the
 * outcome of {@link LocalCollectionService#load}, put in service by
 * {@link LocalCollectionService#install}. Reading and installing are separate steps so that
 * every failure of the first is the input's fault and every failure of the second is ours.
 */
public final class LoadedCollection {

    private final CollectionParams params;
    private final List<Shard> shards;

    LoadedCollection(CollectionParams params, List<Shard> shards) {
        this.params = params;
        this.shards = List.copyOf(shards);
    }

    public CollectionParams params() {
        return params;
    }

    List<Shard> shards() {
        return shards;
    }

    /** Live points over all shards. */
    public long pointCount() {
        long n = 0;
        for (Shard s : shards) {
            n += s.pointCount();
        }
        return n;
    }
}
