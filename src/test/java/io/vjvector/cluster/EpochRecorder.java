package io.vjvector.cluster;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etcd.jetcd.Client;
import io.vjvector.cluster.coordination.ClusterKeys;
import io.vjvector.cluster.coordination.ShardAssignment;
import io.vjvector.cluster.coordination.ShardId;
import io.vjvector.cluster.coordination.ShardTable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a shard's record in the shard table every 100 ms for the length of a fault test (its own
 * etcd client, straight to etcd) and keeps every change: so that a test can assert that epochs
 * never went backwards and that each new leader came with a newer epoch, and print the
 * leaderships it saw. Reads that fail (etcd restarting) are skipped.
 */
final class EpochRecorder implements AutoCloseable {

    /** One observed state of the shard's record. */
    record Observation(long nanos, String leader, long epoch, List<String> inSync) {
    }

    private final ShardId shard;
    private final Client client;
    private final ShardTable table;
    private final List<Observation> seen = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    EpochRecorder(LocalCluster cluster, ShardId shard) {
        this.shard = shard;
        this.client = cluster.etcd().client();
        this.table = new ShardTable(client, new ClusterKeys("it"), Duration.ofSeconds(2));
        this.thread = new Thread(this::run, "epoch-recorder");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running) {
            try {
                ShardAssignment a = table.read(shard).assignment();
                synchronized (seen) {
                    Observation last = seen.isEmpty() ? null : seen.get(seen.size() - 1);
                    if (last == null || last.epoch() != a.epoch() || !java.util.Objects.equals(last.leader(), a.leader())
                            || !last.inSync().equals(a.inSync())) {
                        seen.add(new Observation(System.nanoTime(), a.leader(), a.epoch(), a.inSync()));
                    }
                }
            } catch (Exception e) {
                // etcd unreachable for a moment (restarting): nothing observed
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    List<Observation> observations() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    /** The first observation after {@code sinceNanos} with a leader at an epoch above {@code epoch}, or null. */
    Observation firstLeaderAbove(long epoch, long sinceNanos) {
        for (Observation o : observations()) {
            if (o.nanos() >= sinceNanos && o.epoch() > epoch && o.leader() != null) {
                return o;
            }
        }
        return null;
    }

    /** Asserts that the shard's epoch never decreased and that every change of leader came with a newer epoch. */
    void assertEpochsNeverWentBack() {
        Observation previous = null;
        for (Observation o : observations()) {
            if (previous != null) {
                assertTrue(o.epoch() >= previous.epoch(), shard + ": epoch went back from " + previous + " to " + o);
                if (o.leader() != null && previous.leader() != null && !o.leader().equals(previous.leader())) {
                    assertTrue(o.epoch() > previous.epoch(), shard + ": leader changed without a newer epoch: "
                            + previous + " -> " + o);
                }
            }
            previous = o;
        }
    }

    /** The leaderships seen, in order: {@code leader@epoch -> ...}. */
    String leaderships() {
        StringBuilder out = new StringBuilder();
        long epoch = -1;
        for (Observation o : observations()) {
            if (o.epoch() != epoch) {
                out.append(out.length() == 0 ? "" : " -> ").append(o.leader()).append('@').append(o.epoch());
                epoch = o.epoch();
            }
        }
        return out.toString();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(5000);
        client.close();
    }
}
