package io.vjvector.cluster.node;

import io.vjvector.cluster.coordination.Candidacy;
import io.vjvector.cluster.coordination.ClusterView;
import io.vjvector.cluster.coordination.ClusterWatch;
import io.vjvector.cluster.coordination.CopyCountPlan;
import io.vjvector.cluster.coordination.Leadership;
import io.vjvector.cluster.coordination.NodeRegistration;
import io.vjvector.cluster.coordination.NodeRole;
import io.vjvector.cluster.coordination.ShardAssignment;
import io.vjvector.cluster.coordination.ShardId;
import io.vjvector.cluster.coordination.ShardLeadership;
import io.vjvector.collection.Catalog;
import io.vjvector.cluster.transport.NodeClients;
import io.vjvector.cluster.transport.ReplicationReceiver;
import io.vjvector.collection.LocalCollectionService;
import io.vjvector.collection.LocalReplicas;
import io.vjvector.engine.replication.ApplyResult;
import io.vjvector.engine.replication.ReplicationBatch;
import io.vjvector.engine.replication.ReplicationCodec;
import io.vjvector.engine.replication.ReplicationFollower;
import io.vjvector.engine.replication.ReplicationLeader;
import io.vjvector.engine.replication.ShardReplica;
import io.vjvector.engine.replication.TruncationResult;
import io.vjvector.error.NotLeaderException;
import io.vjvector.error.VJVectorException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * What makes a master or a replica hold its part of the cluster: it keeps this node's local
 * collections equal to the shard table's copies placed on it, and campaigns for the leadership of
 * every shard it holds in sync. Works from the {@link ClusterWatch}'s views, one at a time on its
 * own thread, so no two reconciliations race.
 *
 * <p>A node holds a collection locally as soon as one of its shards has a copy here: the local
 * collection is created with every shard of the collection (an empty shard costs a few objects),
 * and only the copies placed here are served or led.
 *
 * <p>Masters campaign at once. Replicas join an election only behind a live leader (so they take
 * over when it dies) or when no live master holds an in-sync copy: a shard is normally led by a
 * master.
 *
 * <p>Writes are admitted ({@link #checkWrite}) only while this node holds a valid leadership
 * (its lease deadline has not passed, counted from keep-alive send times) of the shard.
 */
public final class DataNode implements io.vjvector.cluster.transport.ShardLeadership, ReplicationReceiver, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(DataNode.class.getName());
    /** Longest hold of a write that reaches this node between winning a campaign and leading ({@link #checkWrite}). */
    private static final Duration STARTING_WAIT = Duration.ofSeconds(1);

    /** The follower of a copy, with the copy it follows (replaced when the copy is reopened). */
    private record Following(ShardReplica replica, ReplicationFollower follower) {
    }

    private final String nodeId;
    private final NodeRole role;
    private final LocalCollectionService local;
    private final ClusterWatch watch;
    private final ShardLeadership elections;
    private final Duration ttl;
    private final ScheduledExecutorService reconciler;
    private final Map<ShardId, Candidacy> candidacies = new ConcurrentHashMap<>();
    private final Map<ShardId, Leadership> leaderships = new ConcurrentHashMap<>();
    private final Map<ShardId, LeaderReplication> leading = new ConcurrentHashMap<>();
    private final Map<ShardId, Following> followers = new ConcurrentHashMap<>();
    private final Set<ShardId> truncating = ConcurrentHashMap.newKeySet();
    private final Set<ShardId> transferring = ConcurrentHashMap.newKeySet();
    private final LocalReplicas replicas;
    private final NodeClients clients;
    private final CopyReplacement replacement;
    private final LeadershipHandover handover;
    private final Consumer<ClusterView> onView = view -> schedule();
    private volatile boolean closed;

    /**
     * @param replaceAfter how long a data node may stay gone before the shards this node leads get
     *                     a new copy in place of its ({@code vjvector.cluster.replace-after})
     */
    public DataNode(String nodeId, NodeRole role, LocalCollectionService local, LocalReplicas replicas,
                    ClusterWatch watch, ShardLeadership elections, NodeClients clients, Duration ttl,
                    Duration replaceAfter) {
        if (!role.holdsData()) {
            throw new IllegalArgumentException("a " + role.wireName() + " holds no data");
        }
        this.nodeId = nodeId;
        this.role = role;
        this.local = local;
        this.replicas = replicas;
        this.clients = clients;
        this.watch = watch;
        this.elections = elections;
        this.ttl = ttl;
        this.replacement = new CopyReplacement(replaceAfter);
        this.handover = new LeadershipHandover(nodeId, elections, ttl);
        this.reconciler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vjvector-data-node");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts following the cluster once the local collections are loaded; besides every change of
     * the view, it reconciles once per lease TTL (a campaign that failed is retried then).
     */
    public void start() {
        local.loaded().whenComplete((ok, e) -> {
            watch.addListener(onView);
            reconciler.scheduleWithFixedDelay(this::reconcile, 0, ttl.toMillis(), TimeUnit.MILLISECONDS);
        });
    }

    private void reconcilerTick(Duration after) {
        if (closed) {
            return;
        }
        try {
            reconciler.schedule(this::reconcile, after.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing
        }
    }

    private void schedule() {
        if (closed) {
            return;
        }
        try {
            reconciler.execute(this::reconcile);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing
        }
    }

    /** Brings this node's collections and campaigns in line with the current view. */
    private void reconcile() {
        if (closed) {
            return;
        }
        ClusterView view = watch.current();
        try {
            Set<String> wanted = new HashSet<>();
            for (Map.Entry<String, Catalog.Entry> c : view.collections().entrySet()) {
                if (holdsCopyOf(view, c.getKey())) {
                    wanted.add(c.getKey());
                    ensureLocal(c.getValue());
                }
            }
            for (String name : local.list()) {
                if (!wanted.contains(name)) {
                    withdrawAll(name);
                    local.delete(name);
                    LOG.log(System.Logger.Level.INFO, "Dropped local collection `" + name + "`: no copy is placed here");
                }
            }
            campaign(view);
            feedNewCopies(view);
            replaceGoneCopies(view);
            convergeCopyCounts(view);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Reconciling with the cluster view failed; retrying on the next change", e);
            reconcilerTick(Duration.ofSeconds(1));
        }
    }

    private boolean holdsCopyOf(ClusterView view, String collection) {
        for (Map.Entry<ShardId, ShardAssignment> s : view.shards().entrySet()) {
            if (s.getKey().collection().equals(collection) && s.getValue().replicas().contains(nodeId)) {
                return true;
            }
        }
        return false;
    }

    private void ensureLocal(Catalog.Entry entry) {
        String name = entry.name();
        if (local.exists(name)) {
            if (entry.directory().equals(local.directoryOf(name))) {
                applyConfig(entry);
                return;
            }
            // Another collection of the same name (deleted and created again): its copy starts afresh.
            withdrawAll(name);
            local.delete(name);
        }
        try {
            local.create(name, entry.params(), entry.directory());
            LOG.log(System.Logger.Level.INFO, "Created local collection `" + name + "` ("
                    + entry.params().shardNumber() + " shards)");
            // Created with the entry's settings: records their config version, changing nothing else.
            applyConfig(entry);
        } catch (VJVectorException e) {
            if (!local.exists(name)) {
                throw e;
            }
        }
    }

    /**
     * Brings this node's copy to the catalog entry's settings when it has applied an older config
     * version (a change made while it looked, or while it was down: then before it takes its
     * leader's records, see {@link #pendingVector}). Skipped while the copy loads (the next
     * reconciliation applies it).
     */
    private void applyConfig(Catalog.Entry entry) {
        long applied = local.configVersion(entry.name());
        if (applied < 0 || applied >= entry.configVersion()) {
            return;
        }
        if (local.applyConfig(entry.name(), entry)) {
            LOG.log(System.Logger.Level.INFO, "Applied config version " + entry.configVersion() + " of collection `"
                    + entry.name() + "` to the local copy (it had " + applied + ")");
        }
    }

    /**
     * Whether this node's copy of {@code collection} must not take a leader's value of a vector
     * name yet: the catalog, as this node sees it, defines the name and the copy has not applied
     * that definition. The leader's feed retries the batch; the copy applies the settings on its
     * next reconciliation, which this schedules.
     */
    private boolean pendingVector(String collection, String vectorName) {
        Catalog.Entry entry = watch.current().collections().get(collection);
        if (entry == null || !io.vjvector.collection.CollectionChanges.vectorPending(local.params(collection),
                entry.params(), vectorName)) {
            return false;
        }
        schedule();
        return true;
    }

    private void campaign(ClusterView view) {
        for (Map.Entry<ShardId, ShardAssignment> s : view.shards().entrySet()) {
            ShardId shard = s.getKey();
            ShardAssignment a = s.getValue();
            if (!a.inSync().contains(nodeId) || candidacies.containsKey(shard) || !local.exists(shard.collection())) {
                continue;
            }
            if (role == NodeRole.REPLICA && !mayCampaignAsReplica(view, shard)) {
                continue;
            }
            try {
                Candidacy candidacy = elections.campaign(shard);
                candidacies.put(shard, candidacy);
                candidacy.elected().whenComplete((leadership, error) -> elected(shard, candidacy, leadership, error));
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Could not campaign for " + shard + ": " + e.getMessage());
            }
        }
    }

    /**
     * Copies added to shards this node leads (an operator's replicate or move, a replacement) get a
     * feed; in-sync copies whose node is no longer live leave the in-sync set at once.
     */
    private void feedNewCopies(ClusterView view) {
        leading.forEach((shard, replication) -> {
            ShardAssignment a = view.shards().get(shard);
            if (a != null) {
                replication.start(a.replicas());
                replication.dropDeadFromInSync();
            }
        });
    }

    /**
     * For every shard this node leads, replaces the copy of a data node gone longer than
     * {@code vjvector.cluster.replace-after} by a new copy on another live data node, in one
     * transaction guarded by the leadership; the new copy catches up like any other.
     */
    private void replaceGoneCopies(ClusterView view) {
        long now = System.nanoTime();
        replacement.observe(view, now);
        leaderships.forEach((shard, leadership) -> {
            if (!leadership.isValid()) {
                return;
            }
            replacement.due(shard, view, now).ifPresent(r -> {
                try {
                    if (elections.updateShardIfLeader(leadership, r::applyTo)) {
                        LOG.log(System.Logger.Level.WARNING, "Node " + r.gone() + " stayed gone; its copy of " + shard
                                + " is re-created on " + r.target());
                    }
                } catch (IOException | RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "Could not replace the copy of " + shard + " on gone node "
                            + r.gone() + ": " + e.getMessage());
                }
            });
        });
    }

    /**
     * For every shard this node leads, adds or drops copies until the shard holds its collection's
     * replication factor ({@link CopyCountPlan}), in one transaction guarded by the leadership
     * and planned on the record as the transaction finds it. Copies that no live data node can take
     * yet are placed by a later reconciliation, which every change of the view (a node joining)
     * brings.
     */
    private void convergeCopyCounts(ClusterView view) {
        leaderships.forEach((shard, leadership) -> {
            ShardAssignment a = view.shards().get(shard);
            Catalog.Entry entry = view.collections().get(shard.collection());
            if (a == null || entry == null || !leadership.isValid()) {
                return;
            }
            int rf = entry.params().replicationFactor();
            int wcf = entry.params().writeConsistencyFactor();
            if (CopyCountPlan.of(a, rf, wcf, view).isEmpty()) {
                return;
            }
            AtomicReference<CopyCountPlan> made = new AtomicReference<>();
            try {
                if (elections.updateShardIfLeader(leadership, current -> {
                    made.set(CopyCountPlan.of(current, rf, wcf, view));
                    return made.get().applyTo(current);
                })) {
                    CopyCountPlan plan = made.get();
                    LOG.log(System.Logger.Level.INFO, "Replication factor " + rf + " of " + shard + ": copies added on "
                            + plan.add() + ", dropped on " + plan.drop() + (plan.unplaced() > 0 ? "; " + plan.unplaced()
                            + " more wait for a live data node" : plan.factor() == null ? "; not reached yet" : ""));
                }
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Could not bring " + shard + " to replication factor " + rf + ": "
                        + e.getMessage());
            }
        });
    }

    /**
     * How far each other copy of {@code shard} is behind this node's, when this node leads it
     * (empty otherwise: only the leader knows).
     */
    public List<io.vjvector.cluster.admin.ClusterInfo.ReplicaLag> replication(ShardId shard) {
        LeaderReplication r = leading.get(shard);
        if (r == null) {
            return List.of();
        }
        long last = r.leader().lastSequence();
        long now = System.nanoTime();
        List<io.vjvector.cluster.admin.ClusterInfo.ReplicaLag> out = new ArrayList<>();
        for (ReplicationLeader.FollowerState f : r.leader().followers()) {
            out.add(new io.vjvector.cluster.admin.ClusterInfo.ReplicaLag(f.member(), f.inSync(), f.ackedSequence(),
                    Math.max(0, last - Math.max(0, f.ackedSequence())), (now - f.caughtUpNanos()) / 1_000_000));
        }
        return out;
    }

    /**
     * A replica campaigns behind a live leader (to take over when it dies), or when no live
     * master holds an in-sync copy of the shard (nobody else would lead it).
     */
    private boolean mayCampaignAsReplica(ClusterView view, ShardId shard) {
        ClusterView.ShardRoute route = view.route(shard).orElse(null);
        if (route == null) {
            return false;
        }
        if (route.hasLiveLeader() && !nodeId.equals(route.leader())) {
            return true;
        }
        for (ClusterView.Copy c : route.inSync()) {
            NodeRegistration node = view.nodes().get(c.nodeId());
            if (node != null && node.role() == NodeRole.MASTER) {
                return false;
            }
        }
        return true;
    }

    private void elected(ShardId shard, Candidacy candidacy, Leadership leadership, Throwable error) {
        if (error != null || leadership == null) {
            candidacies.remove(shard, candidacy);
            if (!closed) {
                LOG.log(System.Logger.Level.INFO, "Campaign for " + shard + " ended without leadership: "
                        + (error == null ? "withdrawn" : error.getMessage()));
                reconcilerTick(Duration.ofMillis(500));
            }
            return;
        }
        try {
            startLeading(shard, leadership);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "Could not start leading " + shard + "; resigning", e);
            leadership.resign();
            candidacies.remove(shard, candidacy);
            reconcilerTick(Duration.ofSeconds(1));
            return;
        }
        leaderships.put(shard, leadership);
        LOG.log(System.Logger.Level.INFO, "Leading " + shard + " at epoch " + leadership.epoch());
        leadership.onLost(() -> {
            leaderships.remove(shard, leadership);
            LeaderReplication r = leading.remove(shard);
            if (r != null) {
                r.stop("the leadership of " + shard + " at epoch " + leadership.epoch() + " was lost");
            }
            candidacies.remove(shard, candidacy);
            LOG.log(System.Logger.Level.WARNING, "Lost the leadership of " + shard + " (epoch " + leadership.epoch() + ")");
            schedule();
        });
    }

    /**
     * Makes this node's copy lead {@code shard}: writes are logged under the leadership's epoch and
     * acknowledged once every in-sync copy has them; a feed ships the log to every other copy.
     */
    private synchronized void startLeading(ShardId shard, Leadership leadership) throws IOException {
        ShardAssignment a = watch.current().shards().get(shard);
        if (a == null) {
            throw new IOException("the shard table has no " + shard);
        }
        followers.remove(shard);
        List<String> others = new ArrayList<>(a.inSync());
        others.remove(nodeId);
        ShardReplica replica = replicas.replica(shard.collection(), shard.shard());
        ReplicationLeader leader = replica.lead(leadership.epoch(), others, new RequiredInSync(shard, local, watch),
                ttl.multipliedBy(2));
        LeaderReplication r = new LeaderReplication(shard, leadership, leader, elections, watch, clients, ttl);
        LeaderReplication previous = leading.put(shard, r);
        if (previous != null) {
            previous.stop("a newer leadership of " + shard + " started");
        }
        r.start(a.replicas());
    }

    @Override
    public byte[] apply(String collection, int shardId, byte[] encoded) throws IOException {
        ReplicationBatch batch;
        try {
            batch = ReplicationCodec.decodeBatch(encoded);
        } catch (IllegalArgumentException damaged) {
            throw VJVectorException.badRequest("body", "not a replication batch: " + damaged.getMessage());
        }
        ShardId shard = new ShardId(collection, shardId);
        ShardReplica replica = replicas.replica(collection, shardId);
        Leadership mine = leaderships.get(shard);
        if (mine != null) {
            if (batch.leaderEpoch() <= mine.epoch()) {
                return ReplicationCodec.encode(new ApplyResult(ApplyResult.Outcome.STALE_EPOCH, replica.lastSequence(),
                        Math.max(mine.epoch(), replica.history().highestEpochSeen())));
            }
            // A newer leader exists: this node's leadership is over whatever its lease says.
            LOG.log(System.Logger.Level.WARNING, "A leader of " + shard + " at epoch " + batch.leaderEpoch()
                    + " replicates to this node; stepping down from epoch " + mine.epoch());
            mine.resign();
        }
        ReplicationFollower follower;
        synchronized (this) {
            LeaderReplication stale = leading.remove(shard);
            if (stale != null) {
                stale.stop("a newer leader of " + shard + " exists");
            }
            // A copy reopened (truncated, or re-created by a transfer) is followed afresh.
            follower = followers.compute(shard, (k, f) -> f != null && f.replica() == replica ? f
                    : new Following(replica, replica.follow(name -> pendingVector(collection, name)))).follower();
        }
        ApplyResult result = follower.apply(batch);
        if (result.outcome() == ApplyResult.Outcome.DIVERGED && truncating.add(shard)) {
            LOG.log(System.Logger.Level.WARNING, "Copy of " + shard + " diverged from its leader at epoch "
                    + batch.leaderEpoch() + "; truncating it by leader epoch");
            reconciler.execute(() -> {
                try {
                    truncate(shard);
                } finally {
                    truncating.remove(shard);
                }
            });
        }
        return ReplicationCodec.encode(result);
    }

    /**
     * Cuts this node's copy of {@code shard} where it diverged from the current leader's log, by
     * leader epoch (asking the leader where each epoch ends), so that the leader's feed can
     * continue it. The whole local collection is reopened: this node's leaderships of its other
     * shards are resigned (and campaigned for again); a copy that would have to go below its
     * checkpoint is re-created from the leader's instead ({@link #startTransfer}).
     */
    private void truncate(ShardId shard) {
        ClusterView.ShardRoute route = watch.current().route(shard).orElse(null);
        if (route == null || !route.hasLiveLeader() || nodeId.equals(route.leader())) {
            return;
        }
        String leader = route.leader();
        String url = route.leaderUrl();
        try {
            ShardReplica replica = replicas.replica(shard.collection(), shard.shard());
            TruncationResult divergence = replica.divergence(epoch -> ReplicationCodec.decodeEpochEnd(
                    clients.post(leader, url, replicationPath(shard, "epoch-end/" + epoch), new byte[0])));
            if (divergence.needsSnapshot()) {
                LOG.log(System.Logger.Level.WARNING, "Copy of " + shard + " diverged below its checkpoint (sequence "
                        + divergence.divergence() + "); re-creating it from the leader's checkpoint");
                startTransfer(shard);
                return;
            }
            if (divergence.removed() == 0) {
                return;
            }
            releaseCopiesOf(shard.collection());
            local.truncateCopy(shard.collection(), shard.shard(), divergence.divergence());
            LOG.log(System.Logger.Level.INFO, "Truncated the copy of " + shard + " after sequence "
                    + divergence.divergence() + " (" + divergence.removed() + " records the leader never had)");
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Truncating the copy of " + shard + " failed: " + e.getMessage());
        }
    }

    /**
     * Stops following and resigns every leadership of {@code collection} on this node: its local
     * collection is about to be closed and opened again (the other shards are campaigned for anew).
     */
    private synchronized void releaseCopiesOf(String collection) {
        followers.keySet().removeIf(s -> s.collection().equals(collection));
        leaderships.forEach((s, l) -> {
            if (s.collection().equals(collection)) {
                l.resign();
            }
        });
    }

    /** Re-creates this node's copy of {@code shard} from its leader's, on a thread of its own (it may be large). */
    private void startTransfer(ShardId shard) {
        if (closed || !transferring.add(shard)) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                transferFromLeader(shard);
            } finally {
                transferring.remove(shard);
            }
        }, "vjvector-transfer-" + shard.collection() + "-" + shard.shard());
        t.setDaemon(true);
        t.start();
    }

    /**
     * Streams the leader's checkpoint of {@code shard} into a staged copy while this copy keeps
     * its place, then swaps it in with the local collection closed (crash-safe:
     * {@link io.vjvector.engine.replication.ShardTransfer}) and reopens it. The leader's feed then
     * continues it from the checkpoint's sequence, and admits it to the in-sync set once caught up.
     */
    private void transferFromLeader(ShardId shard) {
        ClusterView.ShardRoute route = watch.current().route(shard).orElse(null);
        if (route == null || !route.hasLiveLeader() || nodeId.equals(route.leader())) {
            return;
        }
        long start = System.nanoTime();
        try {
            io.vjvector.engine.replication.ShardTransfer.Staged staged;
            try (java.io.InputStream in = clients.openStream(route.leader(), route.leaderUrl(),
                    replicationPath(shard, "transfer"))) {
                staged = local.stageCopy(shard.collection(), shard.shard(), in);
            }
            releaseCopiesOf(shard.collection());
            local.installStagedCopy(shard.collection(), shard.shard());
            LOG.log(System.Logger.Level.INFO, "Re-created the copy of " + shard + " from leader " + route.leader()
                    + "'s checkpoint at sequence " + staged.sequence() + " (" + staged.checkpointBytes() + " bytes in "
                    + (System.nanoTime() - start) / 1_000_000 + " ms); following its log from there");
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Re-creating the copy of " + shard + " from its leader failed: "
                    + e.getMessage());
        }
    }

    @Override
    public Transfer transfer(String collection, int shardId) {
        // Only a leader's copy holds every acknowledged write; another's may be behind or diverged.
        checkWrite(collection, shardId, NO_EPOCH);
        ShardReplica replica = replicas.replica(collection, shardId);
        return out -> io.vjvector.engine.replication.ShardTransfer.write(replica, out);
    }

    @Override
    public void transferRequired(String collection, int shardId, long leaderLogStart) {
        ShardId shard = new ShardId(collection, shardId);
        if (leaderships.containsKey(shard)
                || replicas.replica(collection, shardId).lastSequence() + 1 >= leaderLogStart) {
            return;
        }
        startTransfer(shard);
    }

    @Override
    public void handOver(String collection, int shardId) throws IOException {
        ShardId shard = new ShardId(collection, shardId);
        Leadership leadership = leaderships.get(shard);
        LeaderReplication replication = leading.get(shard);
        if (leadership == null || replication == null || !leadership.isValid()) {
            checkWrite(collection, shardId, NO_EPOCH); // names the leader this node knows of
            throw VJVectorException.unavailable("node `" + nodeId + "` is only starting to lead " + shard + "; try again");
        }
        handover.run(shard, leadership, replication.leader(), () -> stepDown(shard, leadership, replication));
    }

    /** Gives up a leadership on purpose (a handover): as when it is lost, then resigned so another wins at once. */
    private void stepDown(ShardId shard, Leadership leadership, LeaderReplication replication) {
        leaderships.remove(shard, leadership);
        leading.remove(shard, replication);
        replication.stop("the leadership of " + shard + " at epoch " + leadership.epoch() + " was handed over");
        leadership.resign();
        Candidacy candidacy = candidacies.get(shard);
        if (candidacy != null && candidacy.elected().isDone()) {
            candidacies.remove(shard, candidacy);
        }
        schedule();
    }

    /** The internal path of a replication call {@code op} about {@code shard}. */
    public static String replicationPath(ShardId shard, String op) {
        return "/internal/v1/collections/" + java.net.URLEncoder.encode(shard.collection(),
                java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20") + "/shards/" + shard.shard()
                + "/replication/" + op;
    }

    @Override
    public byte[] epochEnd(String collection, int shardId, long epoch) {
        return ReplicationCodec.encode(replicas.replica(collection, shardId).endSequenceFor(epoch));
    }

    private void withdrawAll(String collection) {
        candidacies.entrySet().removeIf(e -> {
            if (!e.getKey().collection().equals(collection)) {
                return false;
            }
            Leadership l = leaderships.remove(e.getKey());
            if (l != null) {
                l.resign();
            }
            LeaderReplication r = leading.remove(e.getKey());
            if (r != null) {
                r.stop("collection `" + collection + "` is dropped from this node");
            }
            followers.remove(e.getKey());
            e.getValue().withdraw();
            return true;
        });
    }

    /** The shards this node leads now, with their epochs. */
    public Map<ShardId, Long> leading() {
        Map<ShardId, Long> out = new java.util.TreeMap<>(java.util.Comparator.comparing(ShardId::collection)
                .thenComparingInt(ShardId::shard));
        leaderships.forEach((shard, l) -> {
            if (l.isValid()) {
                out.put(shard, l.epoch());
            }
        });
        return out;
    }

    /** Replication state of every shard this node leads now. */
    public List<LedShard> ledShards() {
        List<LedShard> out = new ArrayList<>();
        leading.forEach((shard, r) -> {
            ReplicationLeader leader = r.leader();
            if (leader.stoppedReason() != null) {
                return;
            }
            List<ReplicationLeader.FollowerState> followers = leader.followers();
            int inSync = 1 + (int) followers.stream().filter(ReplicationLeader.FollowerState::inSync).count();
            out.add(new LedShard(shard, leader.epoch(), leader.lastSequence(), leader.highWaterMark(), inSync, followers));
        });
        return out;
    }

    /**
     * Holds a write sent to this node as the shard's leader (a caller naming an epoch) while this
     * node campaigns and has no leadership yet, up to {@link #STARTING_WAIT}: a campaign records
     * the winner in the shard table before this node starts leading (its replication set up), so
     * a gateway watching the table may send the first writes in that gap. Refused then, they would
     * name this node at the very epoch the gateway already has, and the gateway would wait for a
     * newer leader that never comes: its whole refresh wait (twice the TTL and 2 s), which made a
     * failover on three etcd members, where the gap is hit more often, take 8 s instead of 2. The
     * hold ends as soon as this node leads or its campaign ends, at {@link #STARTING_WAIT} at the
     * latest (a node that does not win within it refuses as before).
     */
    private void awaitStartedLeading(ShardId shard, long callerEpoch) {
        if (callerEpoch == NO_EPOCH) {
            return;
        }
        long deadline = System.nanoTime() + STARTING_WAIT.toNanos();
        while (!leaderships.containsKey(shard) && candidacies.containsKey(shard) && !closed
                && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void checkWrite(String collection, int shardId, long callerEpoch) {
        ShardId shard = new ShardId(collection, shardId);
        awaitStartedLeading(shard, callerEpoch);
        Leadership l = leaderships.get(shard);
        if (l != null && l.isValid() && (callerEpoch == NO_EPOCH || callerEpoch <= l.epoch())
                && !handover.refusesWrites(shard)) {
            return;
        }
        ClusterView.ShardRoute route = watch.current().route(shard).orElse(null);
        long epoch = route == null ? NotLeaderException.UNKNOWN_EPOCH : route.epoch();
        String leader = route == null ? null : route.leader();
        throw new NotLeaderException("node `" + nodeId + "` does not lead shard " + shardId + " of collection `"
                + collection + "`" + (leader == null ? "" : "; its leader is `" + leader + "` at epoch " + epoch),
                epoch, leader);
    }

    @Override
    public void close() {
        closed = true;
        watch.removeListener(onView);
        reconciler.shutdown();
        try {
            reconciler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (LeaderReplication r : leading.values()) {
            r.stop("the node is shutting down");
        }
        for (Leadership l : leaderships.values()) {
            l.resign();
        }
        for (Candidacy c : candidacies.values()) {
            c.withdraw();
        }
    }
}
