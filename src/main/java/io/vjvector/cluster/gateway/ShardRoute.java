package io.vjvector.cluster.gateway;

import java.util.List;

/**
 * Where a shard's copies are, as the cluster's shard table says: the leader (writes go there)
 * under its epoch, and the in-sync copies (reads may go to any of them; the leader is one).
 *
 * @param leader the leading copy, or null while the shard has none (an election is under way)
 * @param epoch  the leader's epoch (fencing token), or {@link io.vjvector.error.NotLeaderException#UNKNOWN_EPOCH}
 * @param inSync the copies that hold every acknowledged write, leader included (those whose node
 *               is live)
 * @param copies how many copies the shard has, in sync or not, live or not (what a read's
 *               {@code consistency} counts from)
 */
public record ShardRoute(ShardCopy leader, long epoch, List<ShardCopy> inSync, int copies) {

    public ShardRoute {
        inSync = List.copyOf(inSync);
        copies = Math.max(copies, inSync.size());
    }

    /** A shard whose copies are all in sync. */
    public ShardRoute(ShardCopy leader, long epoch, List<ShardCopy> inSync) {
        this(leader, epoch, inSync, inSync.size());
    }

    /** A shard with one copy that leads it. */
    public static ShardRoute single(ShardCopy copy, long epoch) {
        return new ShardRoute(copy, epoch, List.of(copy));
    }
}
