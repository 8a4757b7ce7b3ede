package io.vjvector.cluster.coordination;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.kv.DeleteResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.PutOption;
import io.vjvector.security.ApiKeyRecord;
import io.vjvector.security.ApiKeyRecords;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A cluster's managed API keys in etcd: one key per API key, {@code api-keys/<id>} (see
 * {@link ClusterKeys}), holding the {@link ApiKeyRecord} JSON plus a format version; never the
 * secret. Every node watches the prefix ({@link PrefixMirror}) and authenticates from its
 * in-memory copy, so a key created through one node works on every node, and a revocation made
 * through any node is refused everywhere as soon as the watch delivers it (milliseconds on a
 * healthy cluster; see {@code EtcdApiKeysTest}).
 *
 * <p>A change returns once etcd has committed it and this node's copy shows it, so the node that
 * made it already acts on it. A record this build cannot read is left out (its key is refused)
 * with a warning, rather than stopping every other key from working.
 *
 * <p>The copy fails closed: it is {@link #unavailable} (and no managed key is accepted) unless it
 * was confirmed to hold what etcd holds within the last {@code maxStaleness}
 * ({@link MirrorConfirmation}). A node cut off from etcd would otherwise go on accepting a key that
 * was revoked through another node, for as long as the cut lasts; with the bound, a revocation
 * takes effect on every node within {@code maxStaleness}, whether or not the node hears of it.
 * When etcd answers again, the watch resumes or the prefix is read again (deletions made
 * meanwhile included), the next confirmation succeeds and the keys work again.
 */
public final class EtcdApiKeys implements ApiKeyRecords, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(EtcdApiKeys.class.getName());
    static final int FORMAT_VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Client client;
    private final ClusterKeys keys;
    private final Duration timeout;
    private final PrefixMirror mirror;
    private final MirrorConfirmation confirmation;
    private volatile Map<String, ApiKeyRecord> current;

    private EtcdApiKeys(Client client, ClusterKeys keys, Duration timeout, PrefixMirror mirror,
                        MirrorConfirmation confirmation) {
        this.client = client;
        this.keys = keys;
        this.timeout = timeout;
        this.mirror = mirror;
        this.confirmation = confirmation;
        mirror.addListener(snapshot -> refresh());
        refresh();
    }

    /**
     * Reads the cluster's API keys and starts watching them and confirming the copy; they are there
     * when this returns.
     *
     * @param timeout      longest wait for etcd to answer a change or the first read
     * @param maxStaleness how long the copy is relied on after it was last confirmed current
     *                     ({@code vjvector.cluster.api-keys-max-staleness}); positive
     * @throws IOException when etcd does not answer within {@code timeout}
     */
    public static EtcdApiKeys start(Client client, ClusterKeys keys, Duration timeout, Duration maxStaleness)
            throws IOException {
        long reading = System.nanoTime();
        PrefixMirror mirror = PrefixMirror.start(client, keys.apiKeys(), timeout);
        try {
            return new EtcdApiKeys(client, keys, timeout, mirror,
                    MirrorConfirmation.start(mirror, "the cluster's API keys", reading, maxStaleness));
        } catch (RuntimeException e) {
            mirror.close();
            throw e;
        }
    }

    /**
     * Why the copy may not be relied on: it was last confirmed current longer ago than the bound
     * (etcd unreachable, or the watch behind); empty while it was confirmed within the bound.
     */
    @Override
    public Optional<String> unavailable() {
        if (confirmation.isCurrent()) {
            return Optional.empty();
        }
        return Optional.of("the API key store is unavailable: this node has not confirmed its copy of the"
                + " cluster's keys with etcd for " + confirmation.age().toMillis() + " ms (the bound is "
                + confirmation.maxAge().toMillis() + " ms); retry later or through another node");
    }

    @Override
    public Map<String, ApiKeyRecord> current() {
        return current;
    }

    /** Stores the record unless its id is taken, in one transaction. */
    @Override
    public boolean add(ApiKeyRecord record) {
        ByteSequence key = ClusterKeys.bytes(keys.apiKey(record.id()));
        ObjectNode value = record.toJson();
        value.put("version", FORMAT_VERSION);
        try {
            TxnResponse response = EtcdException.await(client.getKVClient().txn()
                    .If(new Cmp(key, Cmp.Op.EQUAL, CmpTarget.createRevision(0)))
                    .Then(Op.put(key, ByteSequence.from(JSON.writeValueAsBytes(value)), PutOption.DEFAULT))
                    .commit(), timeout, "store API key " + record.id());
            if (!response.isSucceeded()) {
                return false;
            }
            awaitOwnChange(response.getHeader().getRevision());
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("storing API key " + record.id() + " in etcd", e);
        }
    }

    @Override
    public boolean remove(String id) {
        try {
            DeleteResponse response = EtcdException.await(
                    client.getKVClient().delete(ClusterKeys.bytes(keys.apiKey(id))), timeout, "revoke API key " + id);
            if (response.getDeleted() == 0) {
                return false;
            }
            awaitOwnChange(response.getHeader().getRevision());
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("revoking API key " + id + " in etcd", e);
        }
    }

    /**
     * Waits until this node's copy shows its own committed change, so that the answer to the
     * request that made it is only sent once the next request here sees it.
     */
    private void awaitOwnChange(long revision) throws EtcdException {
        try {
            if (!mirror.awaitRevision(revision, timeout)) {
                throw new EtcdException("the change at etcd revision " + revision + " is committed, but the watch"
                        + " did not deliver it within " + timeout.toMillis() + " ms", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EtcdException("interrupted while waiting for the watch to show revision " + revision, e);
        }
    }

    /**
     * Rebuilds the copy from the mirror's latest snapshot (not from the one a listener was handed),
     * under a lock, so a slower rebuild never replaces a newer one.
     */
    private synchronized void refresh() {
        current = records(mirror.current());
    }

    private static Map<String, ApiKeyRecord> records(PrefixMirror.Snapshot snapshot) {
        Map<String, ApiKeyRecord> records = new LinkedHashMap<>();
        // Oldest first, as the file lists them: by the etcd key's create revision.
        snapshot.values().entrySet().stream()
                .sorted(Comparator.comparingLong(e -> e.getValue().createRevision()))
                .forEach(e -> {
                    try {
                        ApiKeyRecord record = read(e.getValue().bytes());
                        records.put(record.id(), record);
                    } catch (IOException | RuntimeException ex) {
                        LOG.log(System.Logger.Level.WARNING, "refusing the API key stored at {0}: {1}", e.getKey(),
                                ex.getMessage());
                    }
                });
        return Collections.unmodifiableMap(records);
    }

    private static ApiKeyRecord read(byte[] bytes) throws IOException {
        JsonNode node = JSON.readTree(bytes);
        if (node == null || !node.path("version").canConvertToInt()) {
            throw new IOException("not an API key record");
        }
        int version = node.path("version").intValue();
        if (version != FORMAT_VERSION) {
            throw new IOException("API key record version " + version + "; this build reads version " + FORMAT_VERSION);
        }
        return ApiKeyRecord.fromJson(node);
    }

    @Override
    public void close() {
        confirmation.close();
        mirror.close();
    }
}
