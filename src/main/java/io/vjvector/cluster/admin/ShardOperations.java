package io.vjvector.cluster.admin;

import io.vjvector.cluster.coordination.ClusterView;
import io.vjvector.cluster.coordination.NodeRegistration;
import io.vjvector.cluster.coordination.ShardAssignment;
import io.vjvector.error.VJVectorException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What an operator's {@link ShardOperation} makes of a shard's record, or why it is refused
 * (400 naming the field and the rule). Pure; the caller commits the result with a
 * compare-and-set on the record's revision, so two operators' changes never interleave.
 *
 * <p>Rules: a copy is added only on a live data node that holds none of the shard (never two
 * copies on one node), from a node holding an in-sync copy; it joins the in-sync set only when
 * the shard's leader has seen it catch up, and a move drops its source then. A copy is dropped
 * only when another in-sync copy remains and it is not the leader's (leadership moves first: the
 * leader's copy cannot be dropped while it leads). To move or drop the leader's copy, the node
 * serving the request first has the leadership handed over ({@link #prelude}), then applies the
 * operation to the record the new leader left.
 */
public final class ShardOperations {

    private ShardOperations() {
    }

    /** What must happen before an operation can apply to the record. */
    public enum Prelude {
        /** Nothing: it applies at once. */
        NONE,
        /** It moves or drops the leader's copy: the leadership is handed over to another in-sync copy first. */
        HAND_OVER,
        /**
         * It moves the leader's copy, which is the only one in sync: the target's copy is added and
         * catches up first, then the leadership is handed over to it and the old copy dropped.
         */
        REPLICATE_FIRST
    }

    /**
     * What must happen before {@code op} applies to {@code a}: a handover when it moves or drops the
     * leader's copy. Checks every other rule first (400 as {@link #apply} would), so that a
     * refused operation never moves a leadership.
     */
    public static Prelude prelude(ShardAssignment a, ShardOperation op, ClusterView view) {
        String source = op instanceof ShardOperation.Drop d ? node(d.peer(), view, a, "drop_replica.peer_id")
                : op instanceof ShardOperation.Replicate r && r.move() ? node(r.fromPeer(), view, a, "move_shard.from_peer_id")
                : null;
        if (source == null || a.leader() == null || !source.equals(a.leader())) {
            return Prelude.NONE;
        }
        ShardAssignment led = a.withLeader(null, a.epoch());
        apply(led, op, view); // the operation's other rules, as if another copy led
        boolean otherInSync = a.inSync().stream().anyMatch(n -> !n.equals(source));
        if (op instanceof ShardOperation.Replicate && !otherInSync) {
            return Prelude.REPLICATE_FIRST;
        }
        return Prelude.HAND_OVER;
    }

    /** The record after {@code op}; {@code view} supplies the live nodes that peer ids resolve against. */
    public static ShardAssignment apply(ShardAssignment a, ShardOperation op, ClusterView view) {
        if (op instanceof ShardOperation.Replicate r) {
            return replicate(a, r, view);
        }
        return drop(a, (ShardOperation.Drop) op, view);
    }

    private static ShardAssignment replicate(ShardAssignment a, ShardOperation.Replicate r, ClusterView view) {
        String kind = r.move() ? "move_shard" : "replicate_shard";
        String from = node(r.fromPeer(), view, a, kind + ".from_peer_id");
        String to = node(r.toPeer(), view, a, kind + ".to_peer_id");
        NodeRegistration target = view.nodes().get(to);
        if (target == null || !target.role().holdsData()) {
            throw VJVectorException.badRequest(kind + ".to_peer_id", "peer " + r.toPeer() + " (" + to
                    + ") is not a live data node");
        }
        if (a.replicas().contains(to)) {
            throw VJVectorException.badRequest(kind + ".to_peer_id", "peer " + r.toPeer() + " (" + to
                    + ") already holds a copy of shard " + r.shardId() + "; a node holds at most one copy of a shard");
        }
        if (!a.inSync().contains(from)) {
            throw VJVectorException.badRequest(kind + ".from_peer_id", "peer " + r.fromPeer() + " (" + from
                    + ") holds no in-sync copy of shard " + r.shardId());
        }
        if (r.move() && from.equals(a.leader())) {
            throw VJVectorException.badRequest(kind + ".from_peer_id", "peer " + r.fromPeer() + " (" + from
                    + ") leads shard " + r.shardId() + "; its copy cannot be moved away while it leads (its leadership"
                    + " was just taken back? try again)");
        }
        if (a.moves().containsValue(from)) {
            throw VJVectorException.badRequest(kind + ".from_peer_id", "the copy on peer " + r.fromPeer()
                    + " is already being moved");
        }
        return a.withCopyAdded(to, r.move() ? from : null);
    }

    private static ShardAssignment drop(ShardAssignment a, ShardOperation.Drop d, ClusterView view) {
        String node = node(d.peer(), view, a, "drop_replica.peer_id");
        if (!a.replicas().contains(node)) {
            throw VJVectorException.badRequest("drop_replica.peer_id", "peer " + d.peer() + " (" + node
                    + ") holds no copy of shard " + d.shardId());
        }
        if (node.equals(a.leader())) {
            throw VJVectorException.badRequest("drop_replica.peer_id", "peer " + d.peer() + " (" + node
                    + ") leads shard " + d.shardId() + "; the leader's copy cannot be dropped while it leads (its"
                    + " leadership was just taken back? try again)");
        }
        Set<String> inSyncLeft = new LinkedHashSet<>(a.inSync());
        inSyncLeft.remove(node);
        if (inSyncLeft.isEmpty()) {
            throw VJVectorException.badRequest("drop_replica.peer_id", "the copy on peer " + d.peer()
                    + " is the last in-sync copy of shard " + d.shardId() + "; dropping it would lose the shard");
        }
        return a.withCopyRemoved(node);
    }

    /** The node a peer id names: a live node, or (for a node that is gone) one of the shard's copies. */
    static String node(long peer, ClusterView view, ShardAssignment a, String field) {
        for (String id : view.nodes().keySet()) {
            if (PeerIds.of(id) == peer) {
                return id;
            }
        }
        for (String id : a.replicas()) {
            if (PeerIds.of(id) == peer) {
                return id;
            }
        }
        throw VJVectorException.badRequest(field, "peer " + peer + " is not a node of this cluster (see GET /cluster)");
    }
}
