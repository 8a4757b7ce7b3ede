package io.vjvector.cluster.coordination;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.vjvector.collection.Catalog;
import io.vjvector.collection.CatalogJson;
import io.vjvector.collection.CollectionParams;
import io.vjvector.error.VJVectorException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The collection catalog of a cluster, in etcd: {@code collections/<name>} holds each entry in
 * the local catalog's JSON ({@link CatalogJson}) and {@code aliases} the alias map. Every change is
 * one etcd transaction, durable (committed by a majority of etcd members) when the call returns.
 *
 * <p>Recording a collection that does not exist yet also records its shard table (placed by the
 * {@link ShardPlacer}) in the same transaction, guarded by the name being absent: of two nodes
 * creating one name at once, exactly one succeeds and the other gets a conflict. Removing one
 * removes its shard records with it. Entries are listed in creation order (their keys' create
 * revisions), as the local catalog lists them in insertion order.
 *
 * <p>Reads go to etcd each time (linearizable); the catalog is read at start-up and on the rare
 * changes, while request routing reads the watched {@link ClusterView} instead.
 */
public final class EtcdCatalog implements Catalog {

    /** Replacing an entry retries this often when another writer changes it in between. */
    private static final int REPLACE_ATTEMPTS = 5;

    private final Client client;
    private final ClusterKeys keys;
    private final ShardPlacer placer;
    private final Duration timeout;

    public EtcdCatalog(Client client, ClusterKeys keys, ShardPlacer placer, Duration timeout) {
        this.client = client;
        this.keys = keys;
        this.placer = placer;
        this.timeout = timeout;
    }

    /** @throws UncheckedIOException when etcd does not answer or holds an unreadable entry */
    @Override
    public List<Entry> entries() {
        try {
            GetResponse response = EtcdException.await(client.getKVClient().get(ClusterKeys.bytes(keys.collections()),
                    GetOption.builder().isPrefix(true)
                            .withSortField(GetOption.SortTarget.CREATE).withSortOrder(GetOption.SortOrder.ASCEND).build()),
                    timeout, "read the collection catalog");
            List<Entry> entries = new ArrayList<>(response.getKvs().size());
            for (KeyValue kv : response.getKvs()) {
                entries.add(readEntry(kv));
            }
            return List.copyOf(entries);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @throws UncheckedIOException when etcd does not answer or holds unreadable aliases */
    @Override
    public Map<String, String> aliases() {
        try {
            GetResponse response = EtcdException.await(client.getKVClient().get(ClusterKeys.bytes(keys.aliases())),
                    timeout, "read the aliases");
            if (response.getKvs().isEmpty()) {
                return Map.of();
            }
            return CatalogJson.readAliases(response.getKvs().get(0).getValue().getBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Entry newEntry(String name, CollectionParams params) {
        return Entry.withFreshDirectory(name, params);
    }

    /**
     * Records a new entry with its shard table, or replaces an existing one's settings (its shards
     * stay as they are).
     *
     * @throws VJVectorException CONFLICT when another node created the name meanwhile, or
     *                           BAD_REQUEST from the placer (too few live data nodes)
     */
    @Override
    public void put(Entry entry) throws IOException {
        for (int attempt = 0; attempt < REPLACE_ATTEMPTS; attempt++) {
            KeyValue existing = read(keys.collection(entry.name()));
            if (existing == null) {
                create(entry);
                return;
            }
            ByteSequence key = ClusterKeys.bytes(keys.collection(entry.name()));
            if (commit(List.of(new Cmp(key, Cmp.Op.EQUAL, CmpTarget.modRevision(existing.getModRevision()))),
                    List.of(Op.put(key, ByteSequence.from(CatalogJson.writeEntry(entry)), PutOption.DEFAULT)),
                    "replace collection " + entry.name())) {
                return;
            }
        }
        throw new EtcdException("collection " + entry.name() + " kept changing while it was being replaced", null);
    }

    /**
     * Replaces the settings of collection {@code name} with a compare-and-set on its entry's
     * revision: {@code change} is applied to the entry as etcd holds it, and the transaction
     * commits only if the entry has not changed since it was read; otherwise it is read and
     * {@code change} applied again. So two nodes changing one collection at once both take
     * effect, in some order, and neither is lost; each change gets the next config version.
     *
     * @throws VJVectorException NOT_FOUND when the collection does not exist (or is deleted
     *                           meanwhile), or whatever {@code change} throws
     */
    @Override
    public Entry change(String name, UnaryOperator<CollectionParams> change) throws IOException {
        ByteSequence key = ClusterKeys.bytes(keys.collection(name));
        for (int attempt = 0; attempt < REPLACE_ATTEMPTS; attempt++) {
            KeyValue existing = read(keys.collection(name));
            if (existing == null) {
                throw VJVectorException.notFound("Collection `" + name + "` doesn't exist!");
            }
            Entry current = readEntry(existing);
            Entry next = current.changed(change.apply(current.params()));
            if (commit(List.of(new Cmp(key, Cmp.Op.EQUAL, CmpTarget.modRevision(existing.getModRevision()))),
                    List.of(Op.put(key, ByteSequence.from(CatalogJson.writeEntry(next)), PutOption.DEFAULT)),
                    "change collection " + name)) {
                return next;
            }
        }
        throw new EtcdException("collection " + name + " kept changing while its settings were being changed", null);
    }

    /**
     * Records a new collection and its placement in one transaction.
     *
     * @throws VJVectorException CONFLICT when the name exists, BAD_REQUEST when it cannot be placed
     */
    @Override
    public void create(Entry entry) throws IOException {
        List<List<String>> placement = placer.place(entry.params());
        ByteSequence key = ClusterKeys.bytes(keys.collection(entry.name()));
        List<Op> ops = new ArrayList<>();
        ops.add(Op.put(key, ByteSequence.from(CatalogJson.writeEntry(entry)), PutOption.DEFAULT));
        ops.addAll(ShardTable.createOps(keys, entry.name(), placement));
        // The shard records go with the entry (remove() deletes both), so an absent entry means absent records.
        if (!commit(List.of(new Cmp(key, Cmp.Op.EQUAL, CmpTarget.createRevision(0))), ops, "create collection " + entry.name())) {
            throw VJVectorException.conflict("Collection `" + entry.name() + "` already exists!");
        }
    }

    /** Removes the entry, its shard records and sets {@code nextAliases}, in one transaction. */
    @Override
    public void remove(String name, Map<String, String> nextAliases) throws IOException {
        commit(List.of(), List.of(
                Op.delete(ClusterKeys.bytes(keys.collection(name)), DeleteOption.DEFAULT),
                Op.delete(ClusterKeys.bytes(keys.shardsOf(name)), DeleteOption.builder().isPrefix(true).build()),
                Op.put(ClusterKeys.bytes(keys.aliases()), ByteSequence.from(CatalogJson.writeAliases(nextAliases)),
                        PutOption.DEFAULT)),
                "remove collection " + name);
    }

    @Override
    public void putAliases(Map<String, String> next) throws IOException {
        EtcdException.await(client.getKVClient().put(ClusterKeys.bytes(keys.aliases()),
                ByteSequence.from(CatalogJson.writeAliases(next))), timeout, "record the aliases");
    }

    private KeyValue read(String key) throws IOException {
        GetResponse response = EtcdException.await(client.getKVClient().get(ClusterKeys.bytes(key)), timeout, "read " + key);
        return response.getKvs().isEmpty() ? null : response.getKvs().get(0);
    }

    private boolean commit(List<Cmp> conditions, List<Op> ops, String what) throws IOException {
        TxnResponse response = EtcdException.await(client.getKVClient().txn()
                .If(conditions.toArray(Cmp[]::new)).Then(ops.toArray(Op[]::new)).commit(), timeout, what);
        return response.isSucceeded();
    }

    private static Entry readEntry(KeyValue kv) throws IOException {
        try {
            return CatalogJson.readEntry(kv.getValue().getBytes());
        } catch (IOException e) {
            throw new IOException("catalog entry " + kv.getKey() + " in etcd is not readable: " + e.getMessage(), e);
        }
    }
}
