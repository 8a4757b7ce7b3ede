package io.vjvector.cluster.coordination;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;

/**
 * One shard's record in the shard table ({@code shards/<collection>/<shard>}).
 *
 * @param replicas the nodes holding a copy, the preferred leader first
 * @param inSync   the copies that hold every acknowledged write; only these may lead
 * @param leader   the node that last won the shard's election and recorded itself, or null
 * @param epoch    that leader's epoch (its election key's create revision); 0 before any leader
 */
public record ShardAssignment(
        @JsonProperty("replicas") List<String> replicas,
        @JsonProperty("in_sync") List<String> inSync,
        @JsonProperty("leader") String leader,
        @JsonProperty("epoch") long epoch) {

    public ShardAssignment {
        replicas = List.copyOf(replicas);
        inSync = List.copyOf(inSync);
    }

    /** A new shard: every copy is in sync (all are empty), no leader yet. */
    public static ShardAssignment initial(List<String> replicas) {
        return new ShardAssignment(replicas, replicas, null, 0);
    }

    public ShardAssignment withLeader(String node, long nextEpoch) {
        return new ShardAssignment(replicas, inSync, node, nextEpoch);
    }

    public ShardAssignment withInSync(List<String> next) {
        return new ShardAssignment(replicas, next, leader, epoch);
    }

    /** The same record without {@code node} in the in-sync set. */
    public ShardAssignment withoutInSync(String node) {
        List<String> next = new ArrayList<>(inSync);
        next.remove(node);
        return withInSync(next);
    }

    /** The same record with {@code node} (a replica) in the in-sync set. */
    public ShardAssignment withInSyncAdded(String node) {
        if (!replicas.contains(node)) {
            throw new IllegalArgumentException(node + " holds no copy of this shard");
        }
        if (inSync.contains(node)) {
            return this;
        }
        List<String> next = new ArrayList<>(inSync);
        next.add(node);
        return withInSync(next);
    }
}
