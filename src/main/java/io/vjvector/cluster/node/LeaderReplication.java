package io.vjvector.cluster.node;

import io.vjvector.cluster.coordination.ClusterWatch;
import io.vjvector.cluster.coordination.Leadership;
import io.vjvector.cluster.coordination.NodeRegistration;
import io.vjvector.cluster.coordination.ShardAssignment;
import io.vjvector.cluster.coordination.ShardId;
import io.vjvector.cluster.coordination.ShardLeadership;
import io.vjvector.cluster.transport.NodeClients;
import io.vjvector.engine.replication.FollowerFeed;
import io.vjvector.engine.replication.ReplicationCodec;
import io.vjvector.engine.replication.ReplicationLeader;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A shard's leader at work: one feed per other copy, each on its own thread, shipping the log to
 * that copy and bringing back its acknowledgements (which release the client writes waiting for
 * them). The in-sync set changes only through etcd first: a copy that lags past the limit is
 * removed by a transaction guarded by this leadership's epoch before the leader stops waiting for
 * it; a copy that caught up is added the same way before the leader counts it.
 */
final class LeaderReplication {

    private static final System.Logger LOG = System.getLogger(LeaderReplication.class.getName());
    private static final int MAX_RECORDS = 512;
    private static final long MAX_BYTES = 4L << 20;
    /**
     * Longest wait of a feed whose follower is current: it then sends a heartbeat (which carries
     * the high-water mark and refreshes the follower's caught-up time). A new write ends the wait
     * at once, so this adds no latency; it only bounds the idle traffic, far below the lag limit.
     */
    private static final Duration HEARTBEAT_INTERVAL = Duration.ofMillis(100);
    /** Pause of an idle feed that does not know yet where its follower's log ends. */
    private static final long UNKNOWN_END_PAUSE_MILLIS = 2;
    /** How often a feed repeats its request that a follower behind the log start re-creates its copy. */
    private static final long TRANSFER_REQUEST_INTERVAL_NANOS = 5_000_000_000L;
    /** How often an idle feed retries admitting a caught-up copy that is not in sync yet. */
    private static final long ADMISSION_RETRY_NANOS = 1_000_000_000L;

    private final ShardId shard;
    private final Leadership leadership;
    private final ReplicationLeader leader;
    private final ShardLeadership elections;
    private final ClusterWatch watch;
    private final NodeClients clients;
    private final Duration lagLimit;
    private final Map<String, Thread> feeds = new ConcurrentHashMap<>();
    private volatile boolean stopped;

    LeaderReplication(ShardId shard, Leadership leadership, ReplicationLeader leader, ShardLeadership elections,
                      ClusterWatch watch, NodeClients clients, Duration lagLimit) {
        this.shard = shard;
        this.leadership = leadership;
        this.leader = leader;
        this.elections = elections;
        this.watch = watch;
        this.clients = clients;
        this.lagLimit = lagLimit;
        leader.onCaughtUp(this::admit);
    }

    ReplicationLeader leader() {
        return leader;
    }

    /**
     * Starts a feed for every other copy of the shard that has none: at the start of the
     * leadership, and whenever copies are added (an operator's replicate or move, or a
     * replacement of a lost node's copy). A feed ends once its copy leaves the shard table.
     */
    synchronized void start(List<String> copies) {
        if (stopped) {
            return;
        }
        for (String member : copies) {
            if (member.equals(leadership.nodeId()) || feeds.containsKey(member)) {
                continue;
            }
            Thread t = new Thread(() -> {
                try {
                    feed(member);
                } finally {
                    feeds.remove(member);
                }
            }, "vjvector-replicate-" + shard + "-" + member);
            t.setDaemon(true);
            feeds.put(member, t);
            t.start();
        }
    }

    /**
     * Removes from the in-sync set every copy whose node's registration is gone, without waiting
     * for its feed: a feed may be stuck in a call to a paused or cut-off node until the call
     * times out, and every write waits for an in-sync copy meanwhile. A node whose registration
     * expired cannot be waited for (as {@link #shrinkIfLagging} says); this is called on every
     * change of the cluster view, so a new leader drops the dead leader it replaced at once.
     */
    void dropDeadFromInSync() {
        if (stopped) {
            return;
        }
        Map<String, NodeRegistration> live = watch.current().nodes();
        for (String member : leader.inSync()) {
            if (!live.containsKey(member)) {
                shrinkIfLagging(member);
            }
        }
    }

    /** Whether {@code member} still holds a copy in the shard table (a dropped copy is fed no more). */
    private boolean holdsCopy(String member) {
        ShardAssignment a = watch.current().shards().get(shard);
        return a != null && a.replicas().contains(member);
    }

    private void feed(String member) {
        FollowerFeed feed = new FollowerFeed(leader, member, batch -> {
            NodeRegistration node = watch.current().nodes().get(member);
            if (node == null) {
                throw new IOException("node " + member + " is not live");
            }
            return ReplicationCodec.decodeResult(clients.post(member, node.url(), path("apply"),
                    ReplicationCodec.encode(batch)));
        }, MAX_RECORDS, MAX_BYTES);
        long failures = 0;
        long lastTransferRequest = System.nanoTime() - TRANSFER_REQUEST_INTERVAL_NANOS - 1;
        long lastAdmission = System.nanoTime();
        while (!stopped && leadership.isValid()) {
            if (!holdsCopy(member)) {
                leader.untrack(member);
                LOG.log(System.Logger.Level.INFO, "Copy " + member + " of " + shard + " was dropped; no longer fed");
                return;
            }
            FollowerFeed.Step step;
            try {
                step = feed.shipOnce();
                failures = 0;
            } catch (IOException | RuntimeException e) {
                if (failures++ % 50 == 0) {
                    LOG.log(System.Logger.Level.WARNING, "Replicating " + shard + " to " + member + " failed: "
                            + e.getMessage());
                }
                shrinkIfLagging(member);
                pause(Math.min(200, 10 * failures));
                continue;
            }
            switch (step) {
                case SHIPPED -> {
                }
                case IDLE -> {
                    if (System.nanoTime() - lastAdmission > ADMISSION_RETRY_NANOS && leader.isCaughtUp(member)) {
                        // The caught-up callback fires once per offer; a failed or lost admission is retried here.
                        lastAdmission = System.nanoTime();
                        admit(member);
                    }
                    awaitNextWrite(feed);
                }
                case DIVERGED -> {
                    shrinkIfLagging(member);
                    pause(100);
                }
                case SNAPSHOT_REQUIRED -> {
                    forgetIfOutOfSyncInTable(member);
                    shrinkIfLagging(member);
                    if (System.nanoTime() - lastTransferRequest > TRANSFER_REQUEST_INTERVAL_NANOS) {
                        lastTransferRequest = System.nanoTime();
                        requestTransfer(member);
                    }
                    pause(100);
                }
                case FENCED -> {
                    LOG.log(System.Logger.Level.WARNING, "Stepping down from " + shard + ": copy " + member
                            + " has seen a newer epoch");
                    stopped = true;
                    leadership.resign();
                    return;
                }
            }
            if (step != FollowerFeed.Step.SHIPPED) {
                shrinkIfLagging(member);
            }
        }
    }

    /**
     * Removes {@code member} from the in-sync set, in etcd first, once it lags past the limit or
     * its node's registration is gone (its lease expired: it is dead or cut off from etcd, and
     * cannot be waited for).
     */
    private void shrinkIfLagging(String member) {
        boolean live = watch.current().nodes().containsKey(member);
        if (!leader.inSync().contains(member) || (live && !leader.lagging(lagLimit).contains(member))) {
            return;
        }
        try {
            if (elections.updateShardIfLeader(leadership, a -> a.inSync().contains(member) ? a.withoutInSync(member) : null)) {
                leader.removeInSync(member);
                LOG.log(System.Logger.Level.WARNING, "Copy " + member + " of " + shard + " left the in-sync set ("
                        + (live ? "lagging more than " + lagLimit.toMillis() + " ms" : "its node is not live") + ")");
            } else {
                ShardAssignment now = watch.current().shards().get(shard);
                if (now != null && !now.inSync().contains(member)) {
                    leader.removeInSync(member);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not remove " + member + " from the in-sync set of " + shard
                    + ": " + e.getMessage());
        }
    }

    /**
     * A copy that needs a transfer holds nothing this leader can count on; when the shard table no
     * longer counts it in sync either (its copy was dropped and added again between two views this
     * feed saw), this leader stops counting it too: the table changed first, as the rule wants.
     */
    private void forgetIfOutOfSyncInTable(String member) {
        ShardAssignment now = watch.current().shards().get(shard);
        if (now != null && !now.inSync().contains(member) && leader.inSync().contains(member)) {
            leader.removeInSync(member);
            LOG.log(System.Logger.Level.INFO, "Copy " + member + " of " + shard + " is no longer in sync (re-created)");
        }
    }

    /**
     * Tells {@code member} that its copy ends before this leader's log starts: it re-creates the
     * copy from this leader's by a transfer, then this feed continues it from the log.
     */
    private void requestTransfer(String member) {
        NodeRegistration node = watch.current().nodes().get(member);
        if (node == null) {
            return;
        }
        try {
            clients.post(member, node.url(), path("transfer-required/" + leader.logStart()), new byte[0]);
            LOG.log(System.Logger.Level.INFO, "Copy " + member + " of " + shard + " is behind this leader's log start "
                    + leader.logStart() + "; it re-creates the copy from this leader's checkpoint");
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not ask " + member + " to re-create its copy of " + shard
                    + ": " + e.getMessage());
        }
    }

    /** Adds a copy that caught up to the in-sync set, in etcd first. */
    private void admit(String member) {
        try {
            if (elections.updateShardIfLeader(leadership, a -> a.inSync().contains(member) ? null
                    : a.withInSyncAdded(member).completingMoveTo(member))
                    || watch.current().shards().getOrDefault(shard, ShardAssignment.initial(List.of())).inSync().contains(member)) {
                leader.addInSync(member);
                LOG.log(System.Logger.Level.INFO, "Copy " + member + " of " + shard + " is in sync");
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not add " + member + " to the in-sync set of " + shard
                    + ": " + e.getMessage());
        }
    }

    /** An idle feed's wait: until a record follows what the follower has, or the heartbeat is due. */
    private void awaitNextWrite(FollowerFeed feed) {
        long next = feed.nextSequence();
        if (next < 0) {
            pause(UNKNOWN_END_PAUSE_MILLIS);
            return;
        }
        try {
            leader.awaitRecordsAfter(next - 1, HEARTBEAT_INTERVAL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String path(String op) {
        return DataNode.replicationPath(shard, op);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the feeds and refuses further writes (the leadership is gone). */
    void stop(String reason) {
        stopped = true;
        leader.stepDown(reason);
        for (Thread t : feeds.values()) {
            t.interrupt();
        }
    }
}
