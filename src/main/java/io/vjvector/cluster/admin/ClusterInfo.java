package io.vjvector.cluster.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.vjvector.cluster.coordination.ClusterView;
import io.vjvector.cluster.coordination.CopyCountPlan;
import io.vjvector.cluster.coordination.NodeRegistration;
import io.vjvector.cluster.coordination.ShardAssignment;
import io.vjvector.cluster.coordination.ShardId;
import io.vjvector.collection.Catalog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The cluster as its status endpoints describe it, built from a {@link ClusterView}: Qdrant's
 * {@code GET /cluster} and {@code GET /collections/{name}/cluster} shapes, and VJVector's fuller
 * view. Pure: no I/O.
 *
 * <p>Qdrant's replica states map onto the shard table: a copy in the in-sync set on a live node
 * is {@code Active}; a copy outside it on a live node is catching up ({@code Partial}, with a
 * transfer from the leader listed); a copy whose node is not live is {@code Dead}.
 *
 * <p>There is no Raft among VJVector's nodes (etcd is the consensus), so {@code raft_info} says
 * what etcd's view says: {@code term} and {@code commit} are the etcd revision the view reflects,
 * nothing is pending, no node is a voter, and there is no Raft leader.
 */
public final class ClusterInfo {

    public static final String ACTIVE = "Active";
    public static final String PARTIAL = "Partial";
    public static final String DEAD = "Dead";

    private ClusterInfo() {
    }

    /** Qdrant's {@code GET /cluster} result. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Status(
            @JsonProperty("status") String status,
            @JsonProperty("peer_id") Long peerId,
            @JsonProperty("peers") Map<String, Peer> peers,
            @JsonProperty("raft_info") RaftInfo raftInfo,
            @JsonProperty("consensus_thread_status") Map<String, String> consensusThreadStatus,
            @JsonProperty("message_send_failures") Map<String, Object> messageSendFailures) {

        /** A standalone node: Qdrant's answer when distributed mode is off. */
        public static final Status DISABLED = new Status("disabled", null, null, null, null, null);
    }

    public record Peer(@JsonProperty("uri") String uri) {
    }

    public record RaftInfo(
            @JsonProperty("term") long term,
            @JsonProperty("commit") long commit,
            @JsonProperty("pending_operations") long pendingOperations,
            @JsonProperty("leader") @JsonInclude(JsonInclude.Include.ALWAYS) Long leader,
            @JsonProperty("role") @JsonInclude(JsonInclude.Include.ALWAYS) String role,
            @JsonProperty("is_voter") boolean isVoter) {
    }

    /** Qdrant's {@code GET /collections/{name}/cluster} result. */
    public record CollectionCluster(
            @JsonProperty("peer_id") long peerId,
            @JsonProperty("shard_count") int shardCount,
            @JsonProperty("local_shards") List<LocalShard> localShards,
            @JsonProperty("remote_shards") List<RemoteShard> remoteShards,
            @JsonProperty("shard_transfers") List<ShardTransfer> shardTransfers) {
    }

    public record LocalShard(
            @JsonProperty("shard_id") int shardId,
            @JsonProperty("shard_key") @JsonInclude(JsonInclude.Include.ALWAYS) Object shardKey,
            @JsonProperty("points_count") long pointsCount,
            @JsonProperty("state") String state) {
    }

    public record RemoteShard(
            @JsonProperty("shard_id") int shardId,
            @JsonProperty("shard_key") @JsonInclude(JsonInclude.Include.ALWAYS) Object shardKey,
            @JsonProperty("peer_id") long peerId,
            @JsonProperty("state") String state) {
    }

    public record ShardTransfer(
            @JsonProperty("shard_id") int shardId,
            @JsonProperty("to_shard_id") @JsonInclude(JsonInclude.Include.ALWAYS) Integer toShardId,
            @JsonProperty("from") long from,
            @JsonProperty("to") long to,
            @JsonProperty("sync") boolean sync,
            @JsonProperty("method") String method,
            @JsonProperty("comment") String comment) {
    }

    /** VJVector's view: every node and every shard's leadership and copies. */
    public record Overview(
            @JsonProperty("revision") long revision,
            @JsonProperty("this_node") String thisNode,
            @JsonProperty("nodes") List<Node> nodes,
            @JsonProperty("shards") List<Shard> shards) {
    }

    public record Node(
            @JsonProperty("id") String id,
            @JsonProperty("peer_id") long peerId,
            @JsonProperty("role") String role,
            @JsonProperty("url") String url,
            @JsonProperty("started") String started) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Shard(
            @JsonProperty("collection") String collection,
            @JsonProperty("shard_id") int shardId,
            @JsonProperty("leader") String leader,
            @JsonProperty("epoch") long epoch,
            @JsonProperty("replicas") List<String> replicas,
            @JsonProperty("in_sync") List<String> inSync,
            @JsonProperty("dead") List<String> dead,
            @JsonProperty("replication") List<ReplicaLag> replication,
            @JsonProperty("replication_factor") Integer replicationFactor,
            @JsonProperty("unplaced_copies") Integer unplacedCopies) {
    }

    /**
     * How far a copy is behind its leader, known only on the leader's node.
     *
     * @param behind         records the leader has that the copy has not acknowledged
     * @param caughtUpMsAgo  milliseconds since the copy last had everything the leader had
     */
    public record ReplicaLag(
            @JsonProperty("node") String node,
            @JsonProperty("in_sync") boolean inSync,
            @JsonProperty("acked_sequence") long ackedSequence,
            @JsonProperty("behind") long behind,
            @JsonProperty("caught_up_ms_ago") long caughtUpMsAgo) {
    }

    /** Qdrant's {@code GET /cluster} for node {@code self} of a cluster in {@code view}. */
    public static Status status(ClusterView view, String self) {
        Map<String, Peer> peers = new LinkedHashMap<>();
        for (NodeRegistration n : view.nodes().values()) {
            peers.put(Long.toString(PeerIds.of(n.nodeId())), new Peer(n.url()));
        }
        return new Status("enabled", PeerIds.of(self), peers,
                new RaftInfo(view.revision(), view.revision(), 0, null, null, false),
                Map.of("consensus_thread_status", "working", "last_update", Instant.now().toString()), Map.of());
    }

    /**
     * Qdrant's {@code GET /collections/{name}/cluster} as node {@code self} sees collection
     * {@code collection}; {@code pointsCount} counts the points of a local copy (collection, shard).
     */
    public static CollectionCluster collection(ClusterView view, String self, String collection,
                                               BiFunction<String, Integer, Long> pointsCount) {
        List<LocalShard> local = new ArrayList<>();
        List<RemoteShard> remote = new ArrayList<>();
        List<ShardTransfer> transfers = new ArrayList<>();
        int count = 0;
        for (; ; count++) {
            ShardAssignment a = view.shards().get(new ShardId(collection, count));
            if (a == null) {
                break;
            }
            for (String node : a.replicas()) {
                String state = state(view, a, node);
                if (node.equals(self)) {
                    local.add(new LocalShard(count, null, pointsCount.apply(collection, count), state));
                } else {
                    remote.add(new RemoteShard(count, null, PeerIds.of(node), state));
                }
                if (state.equals(PARTIAL) && a.leader() != null && view.nodes().containsKey(a.leader())) {
                    transfers.add(new ShardTransfer(count, null, PeerIds.of(a.leader()), PeerIds.of(node), true,
                            "snapshot", "catching up from the leader's checkpoint and log"));
                }
            }
        }
        return new CollectionCluster(PeerIds.of(self), count, local, remote, transfers);
    }

    /** A copy's Qdrant replica state (see the class comment). */
    static String state(ClusterView view, ShardAssignment a, String node) {
        if (!view.nodes().containsKey(node)) {
            return DEAD;
        }
        return a.inSync().contains(node) ? ACTIVE : PARTIAL;
    }

    /** VJVector's view; {@code lag} answers what the shard's leader knows, when this node leads it (else empty). */
    public static Overview overview(ClusterView view, String self, Function<ShardId, List<ReplicaLag>> lag) {
        List<Node> nodes = new ArrayList<>();
        view.nodes().values().stream().sorted(java.util.Comparator.comparing(NodeRegistration::nodeId)).forEach(n ->
                nodes.add(new Node(n.nodeId(), PeerIds.of(n.nodeId()), n.role().wireName(), n.url(),
                        Instant.ofEpochMilli(n.startedAt()).toString())));
        List<Shard> shards = new ArrayList<>();
        view.shards().entrySet().stream()
                .sorted(Map.Entry.comparingByKey(java.util.Comparator.comparing(ShardId::collection)
                        .thenComparingInt(ShardId::shard)))
                .forEach(e -> {
                    ShardAssignment a = e.getValue();
                    List<String> dead = a.replicas().stream().filter(n -> !view.nodes().containsKey(n)).toList();
                    List<ReplicaLag> replication = lag.apply(e.getKey());
                    Catalog.Entry entry = view.collections().get(e.getKey().collection());
                    Integer factor = entry == null ? null : entry.params().replicationFactor();
                    int unplaced = entry == null ? 0 : CopyCountPlan.of(a, factor,
                            entry.params().writeConsistencyFactor(), view).unplaced();
                    shards.add(new Shard(e.getKey().collection(), e.getKey().shard(), a.leader(), a.epoch(),
                            a.replicas(), a.inSync(), dead, replication == null || replication.isEmpty() ? null
                            : replication, factor, unplaced == 0 ? null : unplaced));
                });
        return new Overview(view.revision(), self, nodes, shards);
    }
}
