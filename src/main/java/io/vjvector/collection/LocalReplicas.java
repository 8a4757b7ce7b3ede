package io.vjvector.collection;

import io.vjvector.engine.replication.ShardReplica;
import io.vjvector.engine.storage.WalOptions;
import io.vjvector.error.VJVectorException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The shard copies of a cluster data node: each local shard opened as a {@link ShardReplica}
 * (its durable shard plus leader-epoch history), which refuses client writes until the node's
 * leadership of the shard makes it lead, and otherwise follows its leader. A standalone node has
 * none: its shards take writes directly.
 */
public final class LocalReplicas {

    private record Key(String collection, int shard) {
    }

    private final Map<Key, ShardReplica> replicas = new ConcurrentHashMap<>();

    /**
     * Opens shard copies of {@code collection} as replicas and records them. Their operations are
     * numbered by the shard's log, which the leader writes and every copy holds alike (the
     * {@code operation_id} a write answers is the leader's sequence for it in that shard).
     */
    LocalShards.ShardOpener opener(String collection, WalOptions options) {
        return (n, dir, spec) -> {
            ShardReplica replica = ShardReplica.open(dir, spec.numberedByLog(), options);
            replicas.put(new Key(collection, n), replica);
            return replica.durable();
        };
    }

    /**
     * The copy of shard {@code shard} of {@code collection} on this node.
     *
     * @throws VJVectorException NOT_FOUND when this node holds no such copy (yet)
     */
    public ShardReplica replica(String collection, int shard) {
        ShardReplica r = replicas.get(new Key(collection, shard));
        if (r == null) {
            throw VJVectorException.notFound("this node holds no copy of shard " + shard + " of collection `"
                    + collection + "`");
        }
        return r;
    }

    /** Whether this node holds a copy of the shard. */
    public boolean holds(String collection, int shard) {
        return replicas.containsKey(new Key(collection, shard));
    }

    /** Forgets a dropped collection's copies (closing them is its shards' job). */
    void forget(String collection) {
        replicas.keySet().removeIf(k -> k.collection().equals(collection));
    }
}
