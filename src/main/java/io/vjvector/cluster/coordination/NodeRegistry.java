package io.vjvector.cluster.coordination;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.options.PutOption;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * This node's registration in etcd and the registrations of every live node.
 *
 * <p>The registration ({@code nodes/<node id>}) is put under a lease of the election TTL that this
 * node keeps alive: when the process dies or loses etcd, the key expires after about the TTL and
 * every watcher sees the node leave. When the lease is lost while the process lives (a long pause,
 * a partition), the node registers again under a new lease as soon as etcd answers.
 *
 * <p>Live nodes come from a watch of {@code nodes/}; listeners hear of joins and leaves (a node that
 * re-registers with a new {@code started_at} leaves and joins again: it restarted).
 */
public final class NodeRegistry implements AutoCloseable {

    /** Hears of nodes joining and leaving; called on an etcd client thread, so keep it short. */
    public interface Listener {
        void joined(NodeRegistration node);

        void left(NodeRegistration node);
    }

    private static final System.Logger LOG = System.getLogger(NodeRegistry.class.getName());
    private static final Duration RETRY = Duration.ofMillis(500);

    private final Client client;
    private final ClusterKeys keys;
    private final Duration ttl;
    private final ScheduledExecutorService scheduler;
    private final NodeRegistration self;
    private final PrefixMirror mirror;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private Map<String, NodeRegistration> live = Map.of();
    private volatile LeaseKeeper lease;
    private volatile boolean closed;

    private NodeRegistry(Client client, ClusterKeys keys, Duration ttl, ScheduledExecutorService scheduler,
                         NodeRegistration self, PrefixMirror mirror) {
        this.client = client;
        this.keys = keys;
        this.ttl = ttl;
        this.scheduler = scheduler;
        this.self = self;
        this.mirror = mirror;
    }

    /**
     * Registers {@code self} and starts watching the live nodes.
     *
     * @param ttl       the lease TTL ({@code vjvector.cluster.election-ttl})
     * @param scheduler runs the keep-alives; owned by the caller
     * @throws IOException if etcd does not answer
     */
    public static NodeRegistry register(Client client, ClusterKeys keys, NodeRegistration self, Duration ttl,
                                        ScheduledExecutorService scheduler) throws IOException {
        PrefixMirror mirror = PrefixMirror.start(client, keys.nodes(), timeout(ttl));
        NodeRegistry registry = new NodeRegistry(client, keys, ttl, scheduler, self, mirror);
        registry.live = registry.parse(mirror.current());
        mirror.addListener(registry::changed);
        try {
            registry.putRegistration();
        } catch (IOException | RuntimeException e) {
            registry.close();
            throw e;
        }
        return registry;
    }

    /** This node's registration. */
    public NodeRegistration self() {
        return self;
    }

    /** Every live node by id, this one included once registered. */
    public synchronized Map<String, NodeRegistration> liveNodes() {
        return live;
    }

    /** True while this node's registration lease is surely alive. */
    public boolean registered() {
        LeaseKeeper current = lease;
        return current != null && current.isValid();
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    /**
     * Puts the registration under a new lease. A registration left by an earlier process of the
     * same node id (restarted before its lease expired) is replaced: the key then belongs to the
     * new lease, and the old lease's expiry no longer removes it.
     */
    private void putRegistration() throws IOException {
        LeaseKeeper next = EtcdException.await(LeaseKeeper.grant(client, scheduler, ttl), timeout(ttl), "grant a lease");
        var key = ClusterKeys.bytes(keys.node(self.nodeId()));
        try {
            EtcdException.await(client.getKVClient().put(key, ByteSequence.from(CoordinationJson.write(self)),
                    PutOption.builder().withLeaseId(next.id()).build()), timeout(ttl), "register node " + self.nodeId());
        } catch (IOException | RuntimeException e) {
            next.close();
            throw e;
        }
        LeaseKeeper previous = lease;
        lease = next;
        if (previous != null) {
            previous.close();
        }
        next.onLost(this::leaseLost);
    }

    private void leaseLost() {
        if (closed) {
            return;
        }
        LOG.log(System.Logger.Level.WARNING, "registration of node {0} lost its lease; registering again", self.nodeId());
        scheduler.execute(this::reRegister);
    }

    private void reRegister() {
        if (closed) {
            return;
        }
        try {
            putRegistration();
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "registering node {0} again failed ({1}); retrying", self.nodeId(), e.toString());
            scheduler.schedule(this::reRegister, RETRY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void changed(PrefixMirror.Snapshot snapshot) {
        Map<String, NodeRegistration> next = parse(snapshot);
        Map<String, NodeRegistration> before;
        synchronized (this) {
            before = live;
            live = next;
        }
        for (var old : before.values()) {
            NodeRegistration now = next.get(old.nodeId());
            if (now == null || !now.equals(old)) {
                listeners.forEach(l -> l.left(old));
            }
        }
        for (var now : next.values()) {
            NodeRegistration old = before.get(now.nodeId());
            if (old == null || !old.equals(now)) {
                listeners.forEach(l -> l.joined(now));
            }
        }
    }

    private Map<String, NodeRegistration> parse(PrefixMirror.Snapshot snapshot) {
        Map<String, NodeRegistration> nodes = new HashMap<>();
        for (var e : snapshot.values().entrySet()) {
            try {
                NodeRegistration node = CoordinationJson.read(e.getValue().bytes(), NodeRegistration.class);
                nodes.put(node.nodeId(), node);
            } catch (IOException ex) {
                LOG.log(System.Logger.Level.WARNING, "ignoring unreadable node registration {0}: {1}", e.getKey(), ex.getMessage());
            }
        }
        return Map.copyOf(nodes);
    }

    static Duration timeout(Duration ttl) {
        return ttl.multipliedBy(2).compareTo(Duration.ofSeconds(5)) < 0 ? Duration.ofSeconds(5) : ttl.multipliedBy(2);
    }

    /** Deletes the registration (revoking its lease) and stops watching. */
    @Override
    public void close() {
        closed = true;
        mirror.close();
        LeaseKeeper current = lease;
        if (current != null) {
            current.close();
        }
    }
}
