package io.vjvector.cluster.coordination;

import io.etcd.jetcd.Client;
import io.vjvector.collection.Catalog;
import io.vjvector.collection.CatalogJson;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Keeps a {@link ClusterView} current from one watch of the cluster's whole key space
 * ({@code /vjvector/<name>/}). One watch rather than one per kind of key so that a transaction
 * touching several (a collection and its shards) shows up in one view, never half.
 */
public final class ClusterWatch implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ClusterWatch.class.getName());

    private final PrefixMirror mirror;
    private final List<Consumer<ClusterView>> listeners = new CopyOnWriteArrayList<>();
    private volatile ClusterView current;

    private ClusterWatch(ClusterKeys keys, PrefixMirror mirror) {
        this.mirror = mirror;
        this.current = view(keys, mirror.current());
        mirror.addListener(snapshot -> publish(view(keys, snapshot)));
    }

    /** Reads the cluster's keys and starts watching them; the first view is there when this returns. */
    public static ClusterWatch start(Client client, ClusterKeys keys, Duration timeout) throws IOException {
        return new ClusterWatch(keys, PrefixMirror.start(client, keys.root(), timeout));
    }

    public ClusterView current() {
        return current;
    }

    /** Calls {@code listener} with every later view, on an etcd client thread (keep it short). */
    public void addListener(Consumer<ClusterView> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<ClusterView> listener) {
        listeners.remove(listener);
    }

    /** Waits until the view reflects etcd revision {@code revision} (one's own write, say). */
    public boolean awaitRevision(long revision, Duration timeout) throws InterruptedException {
        return mirror.awaitRevision(revision, timeout);
    }

    private void publish(ClusterView view) {
        current = view;
        for (Consumer<ClusterView> listener : listeners) {
            try {
                listener.accept(view);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "cluster view listener failed", e);
            }
        }
    }

    static ClusterView view(ClusterKeys keys, PrefixMirror.Snapshot snapshot) {
        Map<String, NodeRegistration> nodes = new HashMap<>();
        Map<String, Catalog.Entry> collections = new HashMap<>();
        Map<String, String> aliases = Map.of();
        for (var e : snapshot.values().entrySet()) {
            String key = e.getKey();
            try {
                if (key.startsWith(keys.nodes())) {
                    NodeRegistration node = CoordinationJson.read(e.getValue().bytes(), NodeRegistration.class);
                    nodes.put(node.nodeId(), node);
                } else if (key.startsWith(keys.collections())) {
                    Catalog.Entry entry = CatalogJson.readEntry(e.getValue().bytes());
                    collections.put(entry.name(), entry);
                } else if (key.equals(keys.aliases())) {
                    aliases = CatalogJson.readAliases(e.getValue().bytes());
                }
            } catch (IOException ex) {
                LOG.log(System.Logger.Level.WARNING, "ignoring unreadable key {0}: {1}", key, ex.getMessage());
            }
        }
        return new ClusterView(snapshot.revision(), nodes, collections, aliases, ShardTable.parse(keys, snapshot));
    }

    @Override
    public void close() {
        mirror.close();
    }
}
