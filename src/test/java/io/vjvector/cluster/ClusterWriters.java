package io.vjvector.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vjvector.ops.WriteHistory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Clients writing through a cluster's gateway while a test injects faults: each writer upserts
 * one point per request with {@code wait=true}, under a unique id, and records in a
 * {@link WriteHistory} what it was told. A 200 is an acknowledgement; a 503 saying the write was
 * not applied is a failure; anything else (other errors, no answer) leaves it unknown. Remembers
 * when each acknowledgement came, so that a test can measure how long writes stopped.
 */
final class ClusterWriters implements AutoCloseable {

    static final int DIMENSION = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalCluster cluster;
    private final String collection;
    private final WriteHistory history = new WriteHistory();
    private final AtomicLong nextId = new AtomicLong(1);
    private final AtomicLong lastAckNanos = new AtomicLong();
    private final AtomicBoolean writing = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();
    private final List<Long> ackTimes = java.util.Collections.synchronizedList(new ArrayList<>());
    /** The last write not acknowledged: its status and answer, or the exception; for failure messages. */
    private volatile String lastRefusal = "none";

    ClusterWriters(LocalCluster cluster, String collection) {
        this.cluster = cluster;
        this.collection = collection;
    }

    /** Starts {@code writers} threads; their random choices come from {@code seed}. */
    ClusterWriters start(int writers, long seed) {
        Random seeds = new Random(seed);
        for (int w = 0; w < writers; w++) {
            Random random = new Random(seeds.nextLong());
            Thread t = new Thread(() -> writeUntilStopped(random), "writer-" + w);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        return this;
    }

    private void writeUntilStopped(Random random) {
        while (writing.get()) {
            long id = nextId.getAndIncrement();
            float[] vector = new float[DIMENSION];
            ArrayNode v = JSON.createArrayNode();
            for (int i = 0; i < DIMENSION; i++) {
                // Multiples of 1/256: exact through JSON, so a copy's vector compares exactly.
                vector[i] = (random.nextInt(2049) - 1024) / 256f;
                v.add(vector[i]);
            }
            ObjectNode payload = JSON.createObjectNode().put("w", id).put("word", Long.toString(random.nextLong() & 0xffffff, 36));
            history.invoked(id, new WriteHistory.Sent(vector, payload));
            ObjectNode point = JSON.createObjectNode().put("id", id);
            point.set("vector", v);
            point.set("payload", payload);
            ObjectNode body = JSON.createObjectNode();
            body.putArray("points").add(point);
            try {
                LocalCluster.Reply r = cluster.call(cluster.gateway(), "PUT", "/collections/" + collection
                        + "/points?wait=true", body.toString());
                if (r.status() == 200) {
                    history.acknowledged(List.of(id));
                    long now = System.nanoTime();
                    lastAckNanos.set(now);
                    ackTimes.add(now);
                } else if (r.text().contains("not applied")) {
                    lastRefusal = r.status() + " " + r.text();
                    history.failed(List.of(id));
                    pause(20);
                } else {
                    lastRefusal = r.status() + " " + r.text();
                    pause(20);
                }
            } catch (Exception e) {
                lastRefusal = e.toString();
                // No answer: unknown. A gateway being restarted refuses connections; do not spin.
                pause(50);
            }
        }
    }

    /** The last write not acknowledged (its HTTP status and answer, or the exception), or "none". */
    String lastRefusal() {
        return lastRefusal;
    }

    WriteHistory history() {
        return history;
    }

    /** The time of the first acknowledgement at or after {@code sinceNanos}, waiting up to {@code timeout}; 0 if none. */
    long firstAckAfter(long sinceNanos, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            synchronized (ackTimes) {
                for (int i = ackTimes.size() - 1; i >= 0 && ackTimes.get(i) >= sinceNanos; i--) {
                    if (i == 0 || ackTimes.get(i - 1) < sinceNanos) {
                        return ackTimes.get(i);
                    }
                }
            }
            Thread.sleep(20);
        }
        return 0;
    }

    /** Acknowledgements received in {@code [fromNanos, toNanos)}. */
    int acksBetween(long fromNanos, long toNanos) {
        synchronized (ackTimes) {
            return (int) ackTimes.stream().filter(t -> t >= fromNanos && t < toNanos).count();
        }
    }

    /** The longest stretch without any acknowledgement between {@code fromNanos} and now, in seconds. */
    double longestGapSince(long fromNanos) {
        return longestGapBetween(fromNanos, System.nanoTime());
    }

    /** The longest stretch without any acknowledgement in {@code [fromNanos, toNanos]}, in seconds. */
    double longestGapBetween(long fromNanos, long toNanos) {
        long previous = fromNanos;
        long longest = 0;
        synchronized (ackTimes) {
            for (long t : ackTimes) {
                if (t >= fromNanos && t <= toNanos) {
                    longest = Math.max(longest, t - previous);
                    previous = t;
                }
            }
        }
        return Math.max(longest, toNanos - previous) / 1e9;
    }

    /** Stops every writer and waits for its last request to end. */
    void stop() throws InterruptedException {
        writing.set(false);
        for (Thread t : threads) {
            t.join(120_000);
        }
    }

    Set<Long> acknowledged() {
        return history.acknowledged();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
