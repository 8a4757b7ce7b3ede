package io.vjvector.cluster.gateway;

import java.util.List;

/**
 * Where a shard's copies are, as the cluster's shard table says: the leader (writes go there)
 * under its epoch, and the in-sync copies (reads may go to any of them; the leader is one).
 *
 * @param leader the leading copy, or null while the shard has none (an election is under way)
 * @param epoch  the leader's epoch (fencing token), or {@link io.vjvector.error.NotLeaderException#UNKNOWN_EPOCH}
 * @param inSync the copies that hold every acknowledged write, leader included
 */
public record ShardRoute(ShardCopy leader, long epoch, List<ShardCopy> inSync) {

    public ShardRoute {
        inSync = List.copyOf(inSync);
    }

    /** A shard with one copy that leads it. */
    public static ShardRoute single(ShardCopy copy, long epoch) {
        return new ShardRoute(copy, epoch, List.of(copy));
    }
}
