package io.vjvector.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vjvector.collection.CopyFiles;
import io.vjvector.engine.replication.EpochEntry;
import io.vjvector.engine.replication.ReplicaDigest;
import io.vjvector.engine.replication.ShardReplica;
import io.vjvector.ops.HistoryChecker;
import io.vjvector.ops.ServiceProcess;
import io.vjvector.ops.WriteHistory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The check after a cluster fault test healed and stopped: each in-sync copy's data directory
 * (copied) is judged against the write history by {@link HistoryChecker} through a standalone
 * node started on it (every acknowledged write there, nothing never written, exact contents), the
 * copies hold the same points, and their logs agree record by record on (epoch, sequence,
 * plaintext digest) over the range every copy still holds, and each copy's epoch history only
 * goes forward.
 */
final class HealedCopies {

    private HealedCopies() {
    }

    /** What the check found, for the test's output. */
    record Verdict(int copies, int points, long lastSequence, long lastEpoch, String digest) {
        @Override
        public String toString() {
            return copies + " copies agree on " + points + " points and on the log up to sequence " + lastSequence
                    + " (epoch " + lastEpoch + ", digest " + digest.substring(0, 12) + ")";
        }
    }

    static Verdict check(LocalCluster cluster, Collection<String> inSync, String collection, int shard,
                         WriteHistory history, Path work) throws Exception {
        Map<String, Path> copies = new TreeMap<>();
        for (String node : inSync) {
            Path copy = work.resolve("check-" + node + "-" + System.nanoTime());
            copyTree(cluster.node(node).dataDirectory(), copy);
            copies.put(node, copy);
        }
        LogAgreement log = logsAgree(copies, collection, shard);
        Map<String, Map<Long, JsonNode>> held = new TreeMap<>();
        for (Map.Entry<String, Path> e : copies.entrySet()) {
            Path copy = e.getValue();
            try (ServiceProcess standalone = ServiceProcess.start(copy, Map.of(), copy.resolveSibling(copy.getFileName()
                    + ".log"), Duration.ofMinutes(2))) {
                Map<Long, JsonNode> points = HistoryChecker.scrollAll("http://127.0.0.1:" + standalone.uri("/").getPort(),
                        null, collection);
                HistoryChecker.check("in-sync copy " + e.getKey(), history, points);
                held.put(e.getKey(), points);
            }
        }
        HistoryChecker.agree(held);
        return new Verdict(copies.size(), held.values().iterator().next().size(), log.to, log.epoch, log.digest);
    }

    private record LogAgreement(long to, long epoch, String digest) {
    }

    /**
     * Opens every copy's shard as a replica in this process: the epochs of each history increase
     * with their first sequences and stay within the highest epoch the copy has seen; every copy
     * has the same last sequence, and the records from the latest log start of any copy to
     * there digest the same.
     */
    private static LogAgreement logsAgree(Map<String, Path> copies, String collection, int shard) throws IOException {
        List<ShardReplica> open = new ArrayList<>();
        try {
            Map<String, ShardReplica> replicas = new TreeMap<>();
            for (Map.Entry<String, Path> e : copies.entrySet()) {
                ShardReplica r = CopyFiles.openReplica(e.getValue(), collection, shard);
                open.add(r);
                replicas.put(e.getKey(), r);
            }
            long from = 1;
            long to = Long.MAX_VALUE;
            for (Map.Entry<String, ShardReplica> e : replicas.entrySet()) {
                ShardReplica r = e.getValue();
                long previous = -1;
                for (EpochEntry entry : r.history().entries()) {
                    assertTrue(entry.epoch() > previous, e.getKey() + ": epoch history goes back: " + r.history().entries());
                    previous = entry.epoch();
                }
                assertTrue(previous <= r.history().highestEpochSeen() || r.history().entries().isEmpty(),
                        e.getKey() + ": wrote epoch " + previous + " above the highest seen " + r.history().highestEpochSeen());
                from = Math.max(from, r.durable().logStart());
                to = Math.min(to, r.lastSequence());
            }
            for (Map.Entry<String, ShardReplica> e : replicas.entrySet()) {
                assertEquals(to, e.getValue().lastSequence(), "copy " + e.getKey() + " ends elsewhere than the others: "
                        + lastSequences(replicas));
            }
            if (from > to) {
                return new LogAgreement(to, -1, "(all checkpointed)");
            }
            ReplicaDigest first = null;
            for (Map.Entry<String, ShardReplica> e : replicas.entrySet()) {
                ReplicaDigest d = e.getValue().digest(from, to);
                if (first == null) {
                    first = d;
                }
                assertEquals(first, d, "copy " + e.getKey() + " disagrees on records " + from + ".." + to);
            }
            return new LogAgreement(to, first.lastEpoch(), first.sha256());
        } finally {
            for (ShardReplica r : open) {
                r.close();
            }
        }
    }

    private static Map<String, Long> lastSequences(Map<String, ShardReplica> replicas) {
        Map<String, Long> out = new TreeMap<>();
        replicas.forEach((k, v) -> out.put(k, v.lastSequence()));
        return out;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
