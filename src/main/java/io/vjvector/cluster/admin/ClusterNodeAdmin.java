package io.vjvector.cluster.admin;

import io.vjvector.cluster.coordination.ClusterView;
import io.vjvector.cluster.coordination.ClusterWatch;
import io.vjvector.cluster.coordination.ShardAssignment;
import io.vjvector.cluster.coordination.ShardId;
import io.vjvector.cluster.coordination.ShardTable;
import io.vjvector.collection.LocalShardSource;
import io.vjvector.error.VJVectorException;
import java.io.IOException;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A gateway's or data node's answers, from the shard table it watches; shard changes are written
 * to etcd with a compare-and-set on the shard's record (retried on a concurrent change), and the
 * data nodes carry them out: a node that finds itself among a shard's copies creates its copy,
 * the shard's leader feeds it and admits it to the in-sync set once caught up.
 *
 * <p>An operation on the leader's copy ({@code move_shard} from it, {@code drop_replica} of it)
 * first asks the leader to hand its leadership over ({@link Handovers}) and waits, bounded, for a
 * new leader (and, for a move, for the old copy to be back in sync: only an in-sync copy moves);
 * the leader's only in-sync copy is moved by adding the target's copy first, handing the
 * leadership to it once caught up, and dropping the old copy.
 */
public final class ClusterNodeAdmin implements ClusterAdmin {

    private static final int ATTEMPTS = 5;
    /** How long an operation on the leader's copy waits for each step of the handover. */
    private static final java.time.Duration HANDOVER_WAIT = java.time.Duration.ofSeconds(30);
    private static final long POLL_MILLIS = 50;

    /** The signed internal call that asks a shard's leader to hand its leadership over. */
    @FunctionalInterface
    public interface Handovers {
        /** No node to ask (tests): an operation on the leader's copy is refused. */
        Handovers NONE = (leader, leaderUrl, shard) -> {
            throw new IOException("this node cannot ask leaders to hand over");
        };

        /** Returns once {@code leader} resigned the leadership of {@code shard}. */
        void ask(String leader, String leaderUrl, ShardId shard) throws IOException;
    }

    private final String self;
    private final ClusterWatch watch;
    private final ShardTable table;
    private final LocalShardSource local;
    private final Function<ShardId, List<ClusterInfo.ReplicaLag>> lag;
    private final Handovers handovers;

    /**
     * @param local this node's shards (for their point counts), or null on a gateway
     * @param lag   what this node knows of each shard's replication (its leader's view), empty when nothing
     */
    public ClusterNodeAdmin(String self, ClusterWatch watch, ShardTable table, LocalShardSource local,
                            Function<ShardId, List<ClusterInfo.ReplicaLag>> lag) {
        this(self, watch, table, local, lag, Handovers.NONE);
    }

    /** @param handovers how a shard's leader is asked to hand over (operations on the leader's copy) */
    public ClusterNodeAdmin(String self, ClusterWatch watch, ShardTable table, LocalShardSource local,
                            Function<ShardId, List<ClusterInfo.ReplicaLag>> lag, Handovers handovers) {
        this.handovers = handovers;
        this.self = self;
        this.watch = watch;
        this.table = table;
        this.local = local;
        this.lag = lag;
    }

    @Override
    public ClusterInfo.Status status() {
        return ClusterInfo.status(watch.current(), self);
    }

    @Override
    public ClusterInfo.CollectionCluster collection(String name) {
        ClusterView view = watch.current();
        String collection = resolve(view, name);
        return ClusterInfo.collection(view, self, collection, (c, shard) -> {
            try {
                return local == null ? 0L : local.localShard(c, shard).count(null);
            } catch (VJVectorException e) {
                return 0L; // the copy is being created or reopened
            }
        });
    }

    @Override
    public ClusterInfo.Overview overview(Predicate<ShardId> visible) {
        ClusterView view = watch.current();
        ClusterView visibleView = new ClusterView(view.revision(), view.nodes(), view.collections(), view.aliases(),
                view.shards().entrySet().stream().filter(e -> visible.test(e.getKey()))
                        .collect(java.util.stream.Collectors.toMap(java.util.Map.Entry::getKey,
                                java.util.Map.Entry::getValue)));
        return ClusterInfo.overview(visibleView, self, lag);
    }

    @Override
    public void update(String name, ShardOperation operation) {
        String collection = resolve(watch.current(), name);
        ShardId shard = new ShardId(collection, operation.shardId());
        try {
            commit(shard, name, prepare(name, shard, operation));
        } catch (IOException e) {
            throw VJVectorException.unavailable("the shard table in etcd could not be updated: " + e.getMessage());
        }
    }

    /**
     * Carries out what must happen before {@code operation} applies ({@link ShardOperations#prelude});
     * answers the operation that then applies (the drop of the old copy, after a move of the
     * leader's only in-sync copy).
     */
    private ShardOperation prepare(String name, ShardId shard, ShardOperation operation) throws IOException {
        ShardTable.Versioned current = table.read(shard);
        if (current == null) {
            return operation; // refused below, naming the shard
        }
        ShardAssignment a = current.assignment();
        ClusterView view = watch.current();
        ShardOperations.Prelude prelude = ShardOperations.prelude(a, operation, view);
        if (prelude == ShardOperations.Prelude.NONE) {
            return operation;
        }
        String leader = a.leader();
        if (prelude == ShardOperations.Prelude.REPLICATE_FIRST) {
            ShardOperation.Replicate move = (ShardOperation.Replicate) operation;
            String to = ShardOperations.node(move.toPeer(), view, a, "move_shard.to_peer_id");
            ShardOperation.Replicate copy = new ShardOperation.Replicate(move.shardId(), move.fromPeer(), move.toPeer(), false);
            commit(shard, name, copy);
            awaitRecord(shard, r -> r.inSync().contains(to), "the new copy of shard " + shard.shard() + " on " + to
                    + " to catch up (it stays and keeps catching up: drop_replica the copy on " + leader
                    + " once it is in sync to finish the move)");
            handOver(shard, leader);
            return new ShardOperation.Drop(move.shardId(), move.fromPeer());
        }
        handOver(shard, leader);
        if (operation instanceof ShardOperation.Replicate) {
            awaitRecord(shard, r -> r.inSync().contains(leader), "the copy on " + leader + " (the former leader) of shard "
                    + shard.shard() + " to be back in sync before it moves");
        }
        return operation;
    }

    /** Asks {@code leader} to hand {@code shard} over, then waits for another copy to lead it. */
    private void handOver(ShardId shard, String leader) throws IOException {
        ClusterView.ShardRoute route = watch.current().route(shard).orElse(null);
        if (route == null || !route.hasLiveLeader() || !leader.equals(route.leader())) {
            throw VJVectorException.unavailable("the leader of shard " + shard.shard() + " is changing; try again");
        }
        try {
            handovers.ask(leader, route.leaderUrl(), shard);
        } catch (VJVectorException e) {
            throw e;
        } catch (IOException e) {
            throw VJVectorException.unavailable("the leader " + leader + " of shard " + shard.shard()
                    + " could not hand its leadership over: " + e.getMessage());
        }
        awaitRecord(shard, r -> r.leader() != null && !r.leader().equals(leader)
                && watch.current().route(shard).map(ClusterView.ShardRoute::hasLiveLeader).orElse(false),
                "a new leader of shard " + shard.shard() + " after " + leader + " handed it over");
    }

    /** Waits (bounded) until this node's view of {@code shard}'s record satisfies {@code done}. */
    private void awaitRecord(ShardId shard, Predicate<ShardAssignment> done, String what) {
        long deadline = System.nanoTime() + HANDOVER_WAIT.toNanos();
        while (true) {
            ShardAssignment a = watch.current().shards().get(shard);
            if (a != null && done.test(a)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw VJVectorException.unavailable("waited " + HANDOVER_WAIT.toSeconds() + " s for " + what);
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw VJVectorException.unavailable("interrupted while waiting for " + what);
            }
        }
    }

    /** Applies {@code operation} to the shard's record with a compare-and-set, retried on a concurrent change. */
    private void commit(ShardId shard, String name, ShardOperation operation) throws IOException {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            ShardTable.Versioned current = table.read(shard);
            if (current == null) {
                throw VJVectorException.badRequest("shard_id", "collection `" + name + "` has no shard "
                        + operation.shardId());
            }
            ShardAssignment next = ShardOperations.apply(current.assignment(), operation, watch.current());
            if (table.compareAndSet(shard, current.modRevision(), next)) {
                return;
            }
        }
        throw VJVectorException.conflict("shard " + operation.shardId() + " of collection `" + name
                + "` kept changing; try again");
    }

    private static String resolve(ClusterView view, String name) {
        return view.resolve(name).orElseThrow(() -> VJVectorException.notFound("Collection `" + name
                + "` doesn't exist!"));
    }
}
