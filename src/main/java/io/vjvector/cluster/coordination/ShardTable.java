package io.vjvector.cluster.coordination;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The shard table in etcd ({@code shards/<collection>/<shard>}): reads, watches, and the
 * compare-and-set every change goes through. Which node may change a record is decided by the
 * callers' guards ({@link ShardLeadership#updateShardIfLeader} adds the leader's epoch guard).
 */
public final class ShardTable {

    private static final System.Logger LOG = System.getLogger(ShardTable.class.getName());

    /** A record as read, with the revision a compare-and-set compares against. */
    public record Versioned(ShardAssignment assignment, long modRevision) {
    }

    private final Client client;
    private final ClusterKeys keys;
    private final Duration timeout;

    public ShardTable(Client client, ClusterKeys keys, Duration timeout) {
        this.client = client;
        this.keys = keys;
        this.timeout = timeout;
    }

    /** A shard's record, or null when the shard (or its collection) does not exist. */
    public Versioned read(ShardId shard) throws IOException {
        GetResponse response = EtcdException.await(client.getKVClient().get(ClusterKeys.bytes(keys.shard(shard))),
                timeout, "read shard " + shard);
        if (response.getKvs().isEmpty()) {
            return null;
        }
        KeyValue kv = response.getKvs().get(0);
        return new Versioned(CoordinationJson.read(kv.getValue().getBytes(), ShardAssignment.class), kv.getModRevision());
    }

    /** Every shard record of the cluster. */
    public Map<ShardId, ShardAssignment> readAll() throws IOException {
        GetResponse response = EtcdException.await(client.getKVClient().get(ClusterKeys.bytes(keys.shards()),
                GetOption.builder().isPrefix(true).build()), timeout, "read the shard table");
        Map<ShardId, ShardAssignment> shards = new HashMap<>();
        for (KeyValue kv : response.getKvs()) {
            ShardId id = keys.shardOf(kv.getKey().toString(StandardCharsets.UTF_8));
            if (id != null) {
                shards.put(id, CoordinationJson.read(kv.getValue().getBytes(), ShardAssignment.class));
            }
        }
        return shards;
    }

    /** How many shard copies each node holds (the load {@link Placement} balances). */
    public Map<String, Integer> copiesHeld() throws IOException {
        return Placement.copiesHeld(readAll().values());
    }

    /**
     * Watches the whole table: {@code listener} gets it at once and after every change (on an etcd
     * client thread). Close the result to stop.
     */
    public AutoCloseable watch(Consumer<Map<ShardId, ShardAssignment>> listener) throws IOException {
        PrefixMirror mirror = PrefixMirror.start(client, keys.shards(), timeout);
        Consumer<PrefixMirror.Snapshot> parse = snapshot -> listener.accept(parse(keys, snapshot));
        mirror.addListener(parse);
        parse.accept(mirror.current());
        return mirror;
    }

    static Map<ShardId, ShardAssignment> parse(ClusterKeys keys, PrefixMirror.Snapshot snapshot) {
        Map<ShardId, ShardAssignment> shards = new TreeMap<>(
                java.util.Comparator.comparing(ShardId::collection).thenComparingInt(ShardId::shard));
        for (var e : snapshot.values().subMap(keys.shards(), keys.shards() + Character.MAX_VALUE).entrySet()) {
            ShardId id = keys.shardOf(e.getKey());
            if (id == null) {
                continue;
            }
            try {
                shards.put(id, CoordinationJson.read(e.getValue().bytes(), ShardAssignment.class));
            } catch (IOException ex) {
                LOG.log(System.Logger.Level.WARNING, "ignoring unreadable shard record {0}: {1}", e.getKey(), ex.getMessage());
            }
        }
        return shards;
    }

    /**
     * Replaces a record if it is still at {@code expectedModRevision} and every {@code guards}
     * holds, in one transaction.
     *
     * @return whether the transaction committed
     */
    public boolean compareAndSet(ShardId shard, long expectedModRevision, ShardAssignment next, Cmp... guards)
            throws IOException {
        ByteSequence key = ClusterKeys.bytes(keys.shard(shard));
        List<Cmp> conditions = new ArrayList<>(List.of(guards));
        conditions.add(new Cmp(key, Cmp.Op.EQUAL, CmpTarget.modRevision(expectedModRevision)));
        TxnResponse response = EtcdException.await(client.getKVClient().txn()
                .If(conditions.toArray(Cmp[]::new))
                .Then(Op.put(key, ByteSequence.from(CoordinationJson.write(next)), PutOption.DEFAULT))
                .commit(), timeout, "update shard " + shard);
        return response.isSucceeded();
    }

    /** The puts that record a new collection's shards, every copy in sync and no leader yet. */
    static List<Op> createOps(ClusterKeys keys, String collection, List<List<String>> placement) {
        List<Op> ops = new ArrayList<>(placement.size());
        for (int shard = 0; shard < placement.size(); shard++) {
            ops.add(Op.put(ClusterKeys.bytes(keys.shard(new ShardId(collection, shard))),
                    ByteSequence.from(CoordinationJson.write(ShardAssignment.initial(placement.get(shard)))),
                    PutOption.DEFAULT));
        }
        return ops;
    }
}
