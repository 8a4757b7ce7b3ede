package io.vjvector.cluster.coordination;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One shard's record in the shard table ({@code shards/<collection>/<shard>}).
 *
 * @param replicas the nodes holding a copy, the preferred leader first
 * @param inSync   the copies that hold every acknowledged write; only these may lead
 * @param leader   the node that last won the shard's election and recorded itself, or null
 * @param epoch    that leader's epoch (its election key's create revision); 0 before any leader
 * @param moves    copies being moved (an operator's {@code move_shard}): new copy's node to the
 *                 node whose copy is dropped once the new one is in sync
 * @param factor   the collection's {@code replication_factor} the shard's copies were last brought
 *                 to ({@link CopyCountPlan}): while the catalog's differs, the leader adds or drops
 *                 copies; null in a record written before copy counts followed the catalog (its
 *                 leader records the catalog's factor, changing no copy)
 */
public record ShardAssignment(
        @JsonProperty("replicas") List<String> replicas,
        @JsonProperty("in_sync") List<String> inSync,
        @JsonProperty("leader") String leader,
        @JsonProperty("epoch") long epoch,
        @JsonProperty("moves") @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> moves,
        @JsonProperty("replication_factor") @JsonInclude(JsonInclude.Include.NON_NULL) Integer factor) {

    public ShardAssignment {
        replicas = List.copyOf(replicas);
        inSync = List.copyOf(inSync);
        moves = moves == null ? Map.of() : Map.copyOf(moves);
    }

    public ShardAssignment(List<String> replicas, List<String> inSync, String leader, long epoch) {
        this(replicas, inSync, leader, epoch, Map.of(), null);
    }

    public ShardAssignment(List<String> replicas, List<String> inSync, String leader, long epoch,
                           Map<String, String> moves) {
        this(replicas, inSync, leader, epoch, moves, null);
    }

    /** A new shard: every copy is in sync (all are empty), no leader yet; placed at its replication factor. */
    public static ShardAssignment initial(List<String> replicas) {
        return new ShardAssignment(replicas, replicas, null, 0, Map.of(), replicas.size());
    }

    public ShardAssignment withLeader(String node, long nextEpoch) {
        return new ShardAssignment(replicas, inSync, node, nextEpoch, moves, factor);
    }

    public ShardAssignment withInSync(List<String> next) {
        return new ShardAssignment(replicas, next, leader, epoch, moves, factor);
    }

    /** The same record, its copies brought to replication factor {@code replicationFactor}. */
    public ShardAssignment withFactor(int replicationFactor) {
        return new ShardAssignment(replicas, inSync, leader, epoch, moves, replicationFactor);
    }

    /**
     * The same record with a new copy on {@code node}, not in sync yet (it joins the in-sync set
     * once caught up); with {@code movedFrom} not null, that node's copy is dropped then.
     */
    public ShardAssignment withCopyAdded(String node, String movedFrom) {
        List<String> next = new ArrayList<>(replicas);
        next.add(node);
        Map<String, String> nextMoves = new LinkedHashMap<>(moves);
        if (movedFrom != null) {
            nextMoves.put(node, movedFrom);
        }
        return new ShardAssignment(next, inSync, leader, epoch, nextMoves, factor);
    }

    /** The same record without {@code node}'s copy (and any move to or from it). */
    public ShardAssignment withCopyRemoved(String node) {
        List<String> nextReplicas = new ArrayList<>(replicas);
        nextReplicas.remove(node);
        List<String> nextInSync = new ArrayList<>(inSync);
        nextInSync.remove(node);
        Map<String, String> nextMoves = new LinkedHashMap<>(moves);
        nextMoves.remove(node);
        nextMoves.values().removeIf(node::equals);
        return new ShardAssignment(nextReplicas, nextInSync, leader, epoch, nextMoves, factor);
    }

    /**
     * After {@code node}'s copy joined the in-sync set: a move to it drops the source copy, unless
     * the source leads (its leadership must move first; the move stays pending until then).
     */
    public ShardAssignment completingMoveTo(String node) {
        String from = moves.get(node);
        if (from == null || !inSync.contains(node) || from.equals(leader)) {
            return this;
        }
        return withCopyRemoved(from);
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
