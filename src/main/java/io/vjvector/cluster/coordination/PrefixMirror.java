package io.vjvector.cluster.coordination;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.etcd.jetcd.watch.WatchResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * An in-memory copy of every key under one etcd prefix, kept current by a watch (never by
 * polling). It reads the prefix once, then watches from the revision after that read, so no change
 * falls between the two; each watch answer (all the events of one or more revisions) gives a new
 * immutable {@link Snapshot} to the listeners, so a transaction's keys appear together. When the
 * watch fails (the revision was compacted, the connection was cancelled) the copy is read again
 * and watched anew.
 */
final class PrefixMirror implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(PrefixMirror.class.getName());
    private static final Duration RESYNC_PAUSE = Duration.ofMillis(200);

    /** A key's value and revisions. */
    record Value(byte[] bytes, long createRevision, long modRevision, long lease) {

        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** The keys under the prefix (full keys) as of {@code revision}. */
    record Snapshot(long revision, NavigableMap<String, Value> values) {
    }

    private final Client client;
    private final String prefix;
    private final List<Consumer<Snapshot>> listeners = new CopyOnWriteArrayList<>();
    private volatile Snapshot current = new Snapshot(0, Collections.emptyNavigableMap());
    private Watch.Watcher watcher;
    private volatile boolean closed;

    private PrefixMirror(Client client, String prefix) {
        this.client = client;
        this.prefix = prefix;
    }

    /** Reads {@code prefix} and starts watching it; the first snapshot is there when this returns. */
    static PrefixMirror start(Client client, String prefix, Duration timeout) throws EtcdException {
        PrefixMirror mirror = new PrefixMirror(client, prefix);
        mirror.sync(timeout);
        return mirror;
    }

    Snapshot current() {
        return current;
    }

    /** Calls {@code listener} with every later snapshot (on a jetcd thread: keep it short). */
    void addListener(Consumer<Snapshot> listener) {
        listeners.add(listener);
    }

    void removeListener(Consumer<Snapshot> listener) {
        listeners.remove(listener);
    }

    /** Waits until the copy has caught up with {@code revision} (for example one's own write). */
    boolean awaitRevision(long revision, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (current.revision() < revision) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
        return true;
    }

    /**
     * Whether this copy holds what etcd holds now. Reads the prefix's keys and revisions (a
     * linearizable read, so it reflects every change committed before this call began), then waits,
     * up to {@code timeout} in all, until the copy has caught up with that read: the copy is at the
     * read's revision or later, or shows exactly the keys read at the revisions read (a prefix that
     * did not change since the copy's revision). A broken watch that missed nothing still confirms;
     * one that missed a change does not until the change arrives or the prefix is read again.
     *
     * @return true when every change made before this call began is in the copy; false when the
     *         copy did not catch up within {@code timeout}
     * @throws EtcdException when etcd does not answer the read within {@code timeout}
     */
    boolean confirmCurrent(Duration timeout) throws EtcdException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        GetResponse read = EtcdException.await(client.getKVClient().get(ClusterKeys.bytes(prefix),
                GetOption.builder().isPrefix(true).withKeysOnly(true).build()), timeout, "read the keys of " + prefix);
        Map<String, Long> modRevisions = new HashMap<>();
        for (KeyValue kv : read.getKvs()) {
            modRevisions.put(kv.getKey().toString(StandardCharsets.UTF_8), kv.getModRevision());
        }
        long revision = read.getHeader().getRevision();
        synchronized (this) {
            while (!holds(current, revision, modRevisions)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
        return true;
    }

    private static boolean holds(Snapshot copy, long revision, Map<String, Long> modRevisions) {
        if (copy.revision() >= revision) {
            return true;
        }
        if (copy.values().size() != modRevisions.size()) {
            return false;
        }
        for (Map.Entry<String, Value> e : copy.values().entrySet()) {
            Long read = modRevisions.get(e.getKey());
            if (read == null || read != e.getValue().modRevision()) {
                return false;
            }
        }
        return true;
    }

    private synchronized void sync(Duration timeout) throws EtcdException {
        ByteSequence key = ClusterKeys.bytes(prefix);
        GetResponse read = EtcdException.await(
                client.getKVClient().get(key, GetOption.builder().isPrefix(true).build()), timeout, "read " + prefix);
        TreeMap<String, Value> values = new TreeMap<>();
        for (KeyValue kv : read.getKvs()) {
            values.put(kv.getKey().toString(StandardCharsets.UTF_8), value(kv));
        }
        publish(new Snapshot(read.getHeader().getRevision(), Collections.unmodifiableNavigableMap(values)));
        WatchOption option = WatchOption.builder().isPrefix(true).withRevision(read.getHeader().getRevision() + 1).build();
        watcher = client.getWatchClient().watch(key, option, Watch.listener(this::onWatch, this::onWatchError, () -> { }));
    }

    private synchronized void onWatch(WatchResponse response) {
        if (closed || response.getEvents().isEmpty()) {
            return;
        }
        TreeMap<String, Value> values = new TreeMap<>(current.values());
        for (WatchEvent event : response.getEvents()) {
            String key = event.getKeyValue().getKey().toString(StandardCharsets.UTF_8);
            if (event.getEventType() == WatchEvent.EventType.DELETE) {
                values.remove(key);
            } else if (event.getEventType() == WatchEvent.EventType.PUT) {
                values.put(key, value(event.getKeyValue()));
            }
        }
        long revision = Math.max(current.revision(), response.getHeader().getRevision());
        publish(new Snapshot(revision, Collections.unmodifiableNavigableMap(values)));
    }

    private void onWatchError(Throwable error) {
        if (closed) {
            return;
        }
        LOG.log(System.Logger.Level.WARNING, "watch of {0} failed ({1}); reading it again", prefix, error.toString());
        Thread resync = new Thread(this::resyncUntilDone, "etcd-resync");
        resync.setDaemon(true);
        resync.start();
    }

    private void resyncUntilDone() {
        while (!closed) {
            try {
                synchronized (this) {
                    if (watcher != null) {
                        watcher.close();
                    }
                    if (!closed) {
                        sync(Duration.ofSeconds(5));
                    }
                }
                return;
            } catch (EtcdException | RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "reading {0} again failed: {1}", prefix, e.toString());
                try {
                    Thread.sleep(RESYNC_PAUSE.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void publish(Snapshot next) {
        current = next;
        notifyAll();
        for (Consumer<Snapshot> listener : listeners) {
            try {
                listener.accept(next);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "listener of " + prefix + " failed", e);
            }
        }
    }

    private static Value value(KeyValue kv) {
        return new Value(kv.getValue().getBytes(), kv.getCreateRevision(), kv.getModRevision(), kv.getLease());
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (watcher != null) {
            watcher.close();
        }
    }
}
