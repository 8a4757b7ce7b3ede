package io.vjvector.cluster;

import io.vjvector.cluster.coordination.ClusterView;
import io.vjvector.cluster.coordination.ClusterWatch;
import io.vjvector.cluster.coordination.ShardId;
import io.vjvector.cluster.gateway.ShardCopy;
import io.vjvector.cluster.gateway.ShardRoute;
import io.vjvector.cluster.gateway.ShardRoutes;
import io.vjvector.error.NotLeaderException;
import io.vjvector.error.VJVectorException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The gateway's routes, read from the shard table that {@link ClusterWatch} keeps current in
 * memory: a route costs a map lookup, never an etcd call. Only live copies are offered: a copy
 * whose node registration expired is not tried.
 */
public final class ClusterRoutes implements ShardRoutes {

    private final ClusterWatch watch;
    private final Duration refreshWait;

    /**
     * @param refreshWait how long {@link #refresh} waits for a newer leader: about an election's
     *                    length (the lease TTL and a little)
     */
    public ClusterRoutes(ClusterWatch watch, Duration refreshWait) {
        this.watch = watch;
        this.refreshWait = refreshWait;
    }

    @Override
    public ShardRoute route(String collection, int shardId) {
        return toRoute(watch.current(), collection, shardId);
    }

    @Override
    public ShardRoute refresh(String collection, int shardId, long minEpoch) {
        Predicate<ClusterView> newer = view -> {
            Optional<ClusterView.ShardRoute> r = view.route(new ShardId(collection, shardId));
            return r.isEmpty() || (r.get().epoch() >= minEpoch && r.get().hasLiveLeader());
        };
        ClusterViews.await(watch, newer, refreshWait);
        return route(collection, shardId);
    }

    static ShardRoute toRoute(ClusterView view, String collection, int shardId) {
        ClusterView.ShardRoute r = view.route(new ShardId(collection, shardId)).orElseThrow(() ->
                VJVectorException.notFound("Collection `" + collection + "` has no shard " + shardId + " in the shard table"));
        List<ShardCopy> inSync = new ArrayList<>();
        for (ClusterView.Copy c : r.inSync()) {
            if (c.live()) {
                inSync.add(new ShardCopy(c.nodeId(), c.url()));
            }
        }
        ShardCopy leader = r.hasLiveLeader() ? new ShardCopy(r.leader(), r.leaderUrl()) : null;
        return new ShardRoute(leader, r.leader() == null ? NotLeaderException.UNKNOWN_EPOCH : r.epoch(), inSync,
                r.replicas().size());
    }
}
