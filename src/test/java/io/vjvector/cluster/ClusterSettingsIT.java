package io.vjvector.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vjvector.cluster.coordination.ClusterKeys;
import io.vjvector.cluster.coordination.ShardAssignment;
import io.vjvector.cluster.coordination.ShardId;
import io.vjvector.cluster.coordination.ShardTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A collection's settings and vector names change through the gateway of a running cluster (one
 * master, two replicas; 2 shards with a copy on every data node): a PATCH, a vector added, filled,
 * searched and dropped, each in force on every copy once answered. Then a replica is stopped, a
 * vector is added and filled and another dropped while it is gone; restarted, it applies the
 * catalog's config before it takes its leader's records of the new vector, and ends with exactly
 * the leader's points and settings.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ClusterSettingsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void settingsAndVectorNamesChangeOnEveryCopyIncludingOneThatWasDown() throws Exception {
        try (LocalCluster cluster = LocalCluster.start(dir.resolve("cluster"), Duration.ofSeconds(2), 1, 2)) {
            try {
                run(cluster);
            } catch (AssertionError | Exception e) {
                for (LocalCluster.Node n : cluster.nodes()) {
                    System.out.println("---- log of " + n.id() + " ----\n" + n.logTail());
                }
                throw e;
            }
        }
    }

    private void run(LocalCluster cluster) throws Exception {
        {
            LocalCluster.Node gateway = cluster.gateway();
            ok(cluster.call(gateway, "PUT", "/collections/cfg", "{\"vectors\":{\"a\":{\"size\":4,\"distance\":\"Dot\"}},"
                    + "\"shard_number\":2,\"replication_factor\":3}"));
            ok(cluster.call(gateway, "PUT", "/collections/cfg/points?wait=true", points(0, 40, id -> "\"a\":[1," + id + ",2,3]")));

            ok(cluster.call(gateway, "PATCH", "/collections/cfg", "{\"hnsw_config\":{\"m\":24},"
                    + "\"optimizers_config\":{\"deleted_threshold\":0.3},\"metadata\":{\"team\":\"search\"},"
                    + "\"quantization_config\":{\"scalar\":{\"type\":\"int8\",\"quantile\":0.99}}}"));
            JsonNode config = sameConfigOnEveryNode(cluster);
            assertEquals(24, config.at("/hnsw_config/m").asInt(), config.toString());
            assertEquals(0.3, config.at("/optimizer_config/deleted_threshold").asDouble(), config.toString());
            assertEquals("search", config.at("/metadata/team").asText(), config.toString());

            ok(cluster.call(gateway, "PUT", "/collections/cfg/vectors/img", "{\"dense\":{\"size\":3,\"distance\":\"Cosine\"}}"));
            ok(cluster.call(gateway, "PUT", "/collections/cfg/points?wait=true",
                    points(100, 120, id -> "\"a\":[1,1,1,1],\"img\":" + (id == 119 ? "[1,0,0]" : "[0,1," + id + "]"))));
            // Reads go to any in-sync copy: asked several times, every copy answers some.
            for (int i = 0; i < 9; i++) {
                LocalCluster.Reply hits = ok(cluster.call(gateway, "POST", "/collections/cfg/points/search",
                        "{\"vector\":{\"name\":\"img\",\"vector\":[1,0,0]},\"limit\":3}"));
                assertEquals(119, hits.result().get(0).get("id").asInt(), hits.text());
            }
            assertTrue(sameConfigOnEveryNode(cluster).at("/params/vectors").has("img"));
            ok(cluster.call(gateway, "DELETE", "/collections/cfg/vectors/img", null));
            assertFalse(sameConfigOnEveryNode(cluster).at("/params/vectors").has("img"));
            LocalCluster.Reply gone = cluster.call(gateway, "POST", "/collections/cfg/points/search",
                    "{\"vector\":{\"name\":\"img\",\"vector\":[1,1,0.5]},\"limit\":3}");
            assertEquals(400, gone.status(), gone.text());

            // A copy down through changes: it must apply them before it takes records that need them.
            LocalCluster.Node down = cluster.node("replica-2");
            down.process().stop();
            await(() -> peers(cluster) == 3, "replica-2's registration withdrawn");
            ok(cluster.call(gateway, "PUT", "/collections/cfg/vectors/late", "{\"dense\":{\"size\":2,\"distance\":\"Dot\"}}"));
            ok(cluster.call(gateway, "PUT", "/collections/cfg/points?wait=true",
                    points(200, 230, id -> "\"a\":[2,2,2,2],\"late\":[" + (id == 229 ? 100 : id - 200) + ",1]")));
            ok(cluster.call(gateway, "PATCH", "/collections/cfg", "{\"metadata\":{\"while\":\"down\"}}"));
            down.restart();
            ShardTable table = new ShardTable(cluster.etcd().client(), new ClusterKeys("it"), Duration.ofSeconds(5));
            await(() -> inSync(table, "replica-2"), "replica-2 back in the in-sync set of both shards");
            LocalCluster.Reply late = ok(cluster.call(gateway, "POST", "/collections/cfg/points/search",
                    "{\"vector\":{\"name\":\"late\",\"vector\":[1,0]},\"limit\":1}"));
            assertEquals(229, late.result().get(0).get("id").asInt(), late.text());
            config = sameConfigOnEveryNode(cluster);
            assertEquals("down", config.at("/metadata/while").asText(), config.toString());

            cluster.close();
            long version = -1;
            for (LocalCluster.Node n : cluster.dataNodes()) {
                JsonNode entry = localEntry(n, "cfg");
                Set<String> vectors = new TreeSet<>();
                entry.at("/params/vectors/dense").fieldNames().forEachRemaining(vectors::add);
                assertEquals(Set.of("a", "late"), vectors, n.id() + ": " + entry);
                assertEquals(24, entry.at("/params/m").asInt(), n.id() + ": " + entry);
                long v = entry.get("configVersion").asLong();
                assertTrue(version < 0 || version == v, "every copy applied the same config version: " + v + " on "
                        + n.id() + ", " + version + " elsewhere");
                version = v;
            }
            assertEquals(5, version, "five changes: PATCH, add, drop, add, PATCH");
            Map<Long, String> onLeader = CopiesOnDisk.points(cluster.node("master-1"), "cfg", dir.resolve("check-master"));
            Map<Long, String> onDown = CopiesOnDisk.points(down, "cfg", dir.resolve("check-down"));
            assertEquals(40 + 20 + 30, onLeader.size());
            assertTrue(onLeader.get(229L).contains("\"late\""), onLeader.get(229L));
            assertEquals(onLeader, onDown, "the copy that was down holds exactly the leader's points, new vector included");
        }
    }

    /** Qdrant's batch of points {@code from} (inclusive) to {@code to}, with the named vectors {@code vectors} gives each. */
    private static String points(int from, int to, IntFunction<String> vectors) {
        StringBuilder body = new StringBuilder("{\"points\":[");
        for (int id = from; id < to; id++) {
            body.append(id > from ? "," : "").append("{\"id\":").append(id).append(",\"vector\":{")
                    .append(vectors.apply(id)).append("}}");
        }
        return body.append("]}").toString();
    }

    private static LocalCluster.Reply ok(LocalCluster.Reply reply) {
        assertEquals(200, reply.status(), reply.text());
        return reply;
    }

    /** {@code GET /collections/cfg}'s config, the same through every node. */
    private static JsonNode sameConfigOnEveryNode(LocalCluster cluster) throws Exception {
        JsonNode first = null;
        for (LocalCluster.Node n : cluster.nodes()) {
            JsonNode config = ok(cluster.call(n, "GET", "/collections/cfg", null)).result().get("config");
            if (first == null) {
                first = config;
            }
            assertEquals(first, config, "the config through " + n.id());
        }
        return first;
    }

    private static int peers(LocalCluster cluster) throws Exception {
        return ok(cluster.call(cluster.gateway(), "GET", "/cluster", null)).result().get("peers").size();
    }

    private static boolean inSync(ShardTable table, String node) {
        try {
            for (int shard = 0; shard < 2; shard++) {
                ShardAssignment a = table.read(new ShardId("cfg", shard)).assignment();
                if (!a.inSync().contains(node)) {
                    return false;
                }
            }
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    @FunctionalInterface
    private interface Check {
        boolean holds() throws Exception;
    }

    private static void await(Check condition, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.holds()) {
            assertTrue(System.nanoTime() < deadline, "waited 60 s for " + what);
            Thread.sleep(100);
        }
    }

    /** The catalog entry of {@code collection} in a stopped node's own {@code catalog.json}. */
    private static JsonNode localEntry(LocalCluster.Node node, String collection) throws Exception {
        JsonNode catalog = JSON.readTree(Files.readAllBytes(node.dataDirectory().resolve("catalog.json")));
        for (JsonNode e : catalog.get("collections")) {
            if (e.get("name").asText().equals(collection)) {
                return e;
            }
        }
        throw new AssertionError(node.id() + " has no entry for " + collection + ": " + catalog);
    }
}
