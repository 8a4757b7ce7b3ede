package io.vjvector.cluster;

import io.vjvector.cluster.coordination.ClusterView;
import io.vjvector.cluster.coordination.ClusterWatch;
import io.vjvector.cluster.coordination.EtcdCatalog;
import io.vjvector.collection.Catalog;
import io.vjvector.collection.CollectionParams;
import io.vjvector.error.VJVectorException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The cluster's catalog as a node uses it: reads come from the view {@link ClusterWatch} keeps
 * in memory (so a request never waits on etcd), changes go to etcd through {@link EtcdCatalog}
 * and return once this node's view shows them, so a client that created a collection can use it
 * through the same node at once.
 */
public final class ClusterCatalog implements Catalog {

    private final EtcdCatalog etcd;
    private final ClusterWatch watch;
    private final Duration visibleWithin;
    private final Duration leadersWithin;

    /**
     * @param visibleWithin how long a change may take to reach this node's view (an etcd round trip)
     * @param leadersWithin how long {@link #create} waits for the new shards' first leaders
     */
    public ClusterCatalog(EtcdCatalog etcd, ClusterWatch watch, Duration visibleWithin, Duration leadersWithin) {
        this.etcd = etcd;
        this.watch = watch;
        this.visibleWithin = visibleWithin;
        this.leadersWithin = leadersWithin;
    }

    @Override
    public List<Entry> entries() {
        List<Entry> entries = new ArrayList<>(watch.current().collections().values());
        entries.sort((a, b) -> a.name().compareTo(b.name()));
        return entries;
    }

    @Override
    public Map<String, String> aliases() {
        return watch.current().aliases();
    }

    @Override
    public Entry entry(String name) {
        return watch.current().collections().get(name);
    }

    @Override
    public Entry newEntry(String name, CollectionParams params) {
        return etcd.newEntry(name, params);
    }

    /**
     * Records a new collection with its shard placement (CONFLICT when the name is taken), then
     * waits, up to {@code leadersWithin}, until every shard has a live leader, so that writes sent
     * right after the answer find one. A shard still without a leader then is not an error: the
     * collection exists and its writes answer 503 until an election ends.
     */
    @Override
    public void create(Entry entry) throws IOException {
        etcd.create(entry);
        awaitVisible(view -> entry.equals(view.collections().get(entry.name())));
        ClusterViews.await(watch, view -> everyShardLed(view, entry), leadersWithin);
    }

    private static boolean everyShardLed(ClusterView view, Entry entry) {
        List<ClusterView.ShardRoute> routes = view.routes(entry.name());
        if (routes.size() != entry.params().shardNumber()) {
            return false;
        }
        for (ClusterView.ShardRoute r : routes) {
            if (!r.hasLiveLeader()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void put(Entry entry) throws IOException {
        etcd.put(entry);
        awaitVisible(view -> entry.equals(view.collections().get(entry.name())));
    }

    /** Changes the entry in etcd ({@link EtcdCatalog#change}) and returns once this node's view shows it. */
    @Override
    public Entry change(String name, UnaryOperator<CollectionParams> change) throws IOException {
        Entry next = etcd.change(name, change);
        awaitVisible(view -> {
            Entry seen = view.collections().get(name);
            return seen == null || seen.configVersion() >= next.configVersion()
                    || !seen.directory().equals(next.directory());
        });
        return next;
    }

    @Override
    public void remove(String name, Map<String, String> nextAliases) throws IOException {
        etcd.remove(name, nextAliases);
        awaitVisible(view -> !view.collections().containsKey(name));
    }

    @Override
    public void putAliases(Map<String, String> next) throws IOException {
        etcd.putAliases(next);
        awaitVisible(view -> view.aliases().equals(next));
    }

    private void awaitVisible(Predicate<ClusterView> condition) {
        if (!ClusterViews.await(watch, condition, visibleWithin)) {
            throw VJVectorException.unavailable("the change was recorded in etcd but this node's view of the"
                    + " cluster has not shown it within " + visibleWithin.toMillis() + " ms; retry the read");
        }
    }
}
