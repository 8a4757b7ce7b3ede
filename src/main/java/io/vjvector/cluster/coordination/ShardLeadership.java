package io.vjvector.cluster.coordination;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.election.CampaignResponse;
import io.etcd.jetcd.election.LeaderKey;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;

/**
 * Per-shard leader elections of one node, through etcd's election API ({@code
 * election/<collection>/<shard>}).
 *
 * <p>Each campaign runs on a lease of its own (the election TTL), kept alive by this node, so
 * one shard's leadership can be given up or lost without touching another's. Only members of the
 * shard's in-sync set may campaign: every acknowledged write is on each of them, so no election
 * can lose one. Two checks follow etcd's answer, because etcd 3.4 may tell a candidate it won
 * after its lease (and so its key) expired: the key must still exist with the revision and lease
 * the answer named, and the lease must still be valid by this node's own deadline. The winner then
 * records itself (leader and epoch) in the shard record, a write guarded like every other write of
 * a leader ({@link #updateShardIfLeader}); only then is the leadership handed out.
 */
public final class ShardLeadership {

    private static final System.Logger LOG = System.getLogger(ShardLeadership.class.getName());
    /** A leader's write retries this often when another writer changed the record in between. */
    private static final int UPDATE_ATTEMPTS = 5;

    private final Client client;
    private final ClusterKeys keys;
    private final String nodeId;
    private final Duration ttl;
    private final Duration timeout;
    private final ScheduledExecutorService scheduler;
    private final ShardTable table;

    /**
     * @param ttl       lease TTL of each campaign ({@code vjvector.cluster.election-ttl})
     * @param scheduler runs keep-alives and post-election checks; owned by the caller
     */
    public ShardLeadership(Client client, ClusterKeys keys, String nodeId, Duration ttl, ScheduledExecutorService scheduler) {
        this.client = client;
        this.keys = keys;
        this.nodeId = nodeId;
        this.ttl = ttl;
        this.timeout = NodeRegistry.timeout(ttl);
        this.scheduler = scheduler;
        this.table = new ShardTable(client, keys, timeout);
    }

    /**
     * Starts campaigning for {@code shard}; the answer's {@link Candidacy#elected()} completes
     * when this node leads.
     *
     * @throws NotInSyncException when this node is not in the shard's in-sync set (or the shard
     *                            does not exist)
     * @throws IOException        when etcd does not answer
     */
    public Candidacy campaign(ShardId shard) throws IOException {
        ShardTable.Versioned record = table.read(shard);
        if (record == null) {
            throw new NotInSyncException("shard " + shard + " does not exist");
        }
        if (!record.assignment().inSync().contains(nodeId)) {
            throw new NotInSyncException("node " + nodeId + " is not in the in-sync set " + record.assignment().inSync()
                    + " of shard " + shard + ": only in-sync copies may lead");
        }
        LeaseKeeper lease = EtcdException.await(LeaseKeeper.grant(client, scheduler, ttl), timeout, "grant a lease");
        CompletableFuture<Leadership> elected = new CompletableFuture<>();
        AtomicBoolean withdrawn = new AtomicBoolean();
        lease.onLost(() -> {
            elected.completeExceptionally(new IllegalStateException("the lease of the campaign for " + shard + " was lost"));
            scheduler.execute(lease::close);
        });
        client.getElectionClient()
                .campaign(ClusterKeys.bytes(keys.election(shard)), lease.id(), ByteSequence.from(nodeId, StandardCharsets.UTF_8))
                .whenCompleteAsync((won, failure) -> {
                    try {
                        settle(shard, lease, won, failure, withdrawn, elected);
                    } catch (RuntimeException e) {
                        lease.close();
                        elected.completeExceptionally(e);
                    }
                }, scheduler);
        return new Candidacy(elected, () -> {
            withdrawn.set(true);
            if (!elected.completeExceptionally(new CancellationException("campaign for " + shard + " withdrawn"))
                    && !elected.isCompletedExceptionally()) {
                elected.join().resign();
            }
            scheduler.execute(lease::close);
        });
    }

    private void settle(ShardId shard, LeaseKeeper lease, CampaignResponse won, Throwable failure, AtomicBoolean withdrawn,
                        CompletableFuture<Leadership> elected) {
        if (failure != null || withdrawn.get() || elected.isDone()) {
            lease.close();
            elected.completeExceptionally(failure != null ? failure
                    : new CancellationException("campaign for " + shard + " ended"));
            return;
        }
        LeaderKey key = won.getLeader();
        String leaderKey = key.getKey().toString(StandardCharsets.UTF_8);
        Leadership leadership = new Leadership(shard, nodeId, leaderKey, key.getRevision(), lease, this);
        String refused = null;
        try {
            if (!holdsKey(leadership)) {
                refused = "etcd answered the campaign for " + shard + " after its key " + leaderKey + " was gone";
            } else if (!updateShardIfLeader(leadership, a -> a.inSync().contains(nodeId) ? a.withLeader(nodeId, key.getRevision()) : null)) {
                refused = "node " + nodeId + " won " + shard + " but is no longer in its in-sync set (or lost the lease)";
            }
        } catch (IOException e) {
            refused = "node " + nodeId + " won " + shard + " but could not record it: " + e.getMessage();
        }
        if (refused != null) {
            LOG.log(System.Logger.Level.WARNING, refused);
            lease.close();
            elected.completeExceptionally(new NotInSyncException(refused));
            return;
        }
        LOG.log(System.Logger.Level.INFO, "node {0} leads shard {1} at epoch {2}", nodeId, shard, key.getRevision());
        if (!elected.complete(leadership)) {
            resign(leadership);
        }
    }

    /** True when the leadership's key still exists as it was created, on its lease, and the lease is valid. */
    private boolean holdsKey(Leadership leadership) throws IOException {
        GetResponse response = EtcdException.await(client.getKVClient().get(ClusterKeys.bytes(leadership.leaderKey())),
                timeout, "read leader key " + leadership.leaderKey());
        if (response.getKvs().isEmpty()) {
            return false;
        }
        KeyValue kv = response.getKvs().get(0);
        return kv.getCreateRevision() == leadership.epoch() && kv.getLease() == leadership.lease().id()
                && leadership.isValid();
    }

    /**
     * Changes the shard record of {@code leadership}'s shard if this node still leads it: the
     * write is one transaction guarded by {@code create_revision(leader key) == epoch} (and by the
     * record being unchanged since read; a concurrent change is read again and {@code change}
     * re-applied). Nothing is written once the leadership is no longer valid by its own deadline.
     *
     * @param change the next record from the current one; null to write nothing
     * @return whether the change committed (false when not leader any more, or {@code change} gave null)
     */
    public boolean updateShardIfLeader(Leadership leadership, UnaryOperator<ShardAssignment> change) throws IOException {
        Cmp guard = new Cmp(ClusterKeys.bytes(leadership.leaderKey()), Cmp.Op.EQUAL, CmpTarget.createRevision(leadership.epoch()));
        for (int attempt = 0; attempt < UPDATE_ATTEMPTS; attempt++) {
            if (!leadership.isValid()) {
                return false;
            }
            ShardTable.Versioned current = table.read(leadership.shard());
            if (current == null) {
                return false;
            }
            ShardAssignment next = change.apply(current.assignment());
            if (next == null || !leadership.isValid()) {
                return false;
            }
            if (table.compareAndSet(leadership.shard(), current.modRevision(), next, guard)) {
                return true;
            }
            if (!holdsKey(leadership)) {
                return false;
            }
        }
        throw new EtcdException("shard " + leadership.shard() + " kept changing while its leader was updating it", null);
    }

    void resign(Leadership leadership) {
        try {
            client.getElectionClient().resign(new LeaderKey(ClusterKeys.bytes(keys.election(leadership.shard())),
                    ClusterKeys.bytes(leadership.leaderKey()), leadership.epoch(), leadership.lease().id()))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.log(System.Logger.Level.DEBUG, "resigning {0} failed ({1}); revoking its lease", leadership, e.toString());
        }
        leadership.lease().close();
    }

    /** This node may not lead the shard: it is not in the in-sync set (or the shard is gone). */
    public static final class NotInSyncException extends IllegalStateException {
        public NotInSyncException(String message) {
            super(message);
        }
    }
}
