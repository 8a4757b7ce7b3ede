package io.vjvector.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vjvector.ops.ServiceProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A cluster on loopback for tests: a real etcd member and real VJVector processes (the packaged
 * application) in the gateway, master and replica roles, with API-key authentication, a cluster
 * secret and short lease TTLs. Nodes can be killed, paused and restarted on their data
 * directories.
 */
public final class LocalCluster implements AutoCloseable {

    public static final String API_KEY = "local-cluster-test-key";
    static final String SECRET = "local-cluster-test-secret";

    /** One VJVector process of the cluster, restartable on its port and data directory. */
    public final class Node {
        private final String id;
        private final String role;
        private final int port;
        private final Path dir;
        private ServiceProcess process;

        Node(String id, String role, int port) {
            this.id = id;
            this.role = role;
            this.port = port;
            this.dir = root.resolve(id);
        }

        public String id() {
            return id;
        }

        public String url() {
            return "http://127.0.0.1:" + port;
        }

        public ServiceProcess process() {
            return process;
        }

        /** The node's {@code vjvector.storage.path}. */
        public Path dataDirectory() {
            return dir.resolve("data");
        }

        void start() throws IOException, InterruptedException {
            Files.createDirectories(dir);
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("quarkus.profile", role);
            settings.put("vjvector.auth.mode", "api-key");
            settings.put("vjvector.auth.api-key", API_KEY);
            settings.put("vjvector.cluster.secret", SECRET);
            settings.put("vjvector.cluster.etcd-endpoints", etcd.endpoint());
            settings.put("vjvector.cluster.name", "it");
            settings.put("vjvector.cluster.node-id", id);
            settings.put("vjvector.cluster.advertise-url", url());
            settings.put("vjvector.cluster.election-ttl", ttl.toMillis() + "ms");
            settings.put("vjvector.storage.fsync", "always");
            // A call to a paused node fails after this long, so that writers move on to the new leader.
            settings.put("vjvector.cluster.calls.timeout", "3s");
            settings.putAll(extraSettings);
            process = ServiceProcess.start(port, dataDirectory(), List.of("-Xmx384m"), settings,
                    dir.resolve("log"), Duration.ofMinutes(3));
        }

        /** SIGKILL, as a crash. */
        public void kill() throws InterruptedException {
            process.kill();
        }

        public void restart() throws IOException, InterruptedException {
            if (process != null && process.isAlive()) {
                process.kill();
            }
            start();
        }

        /** SIGSTOP: the process keeps its sockets and leases but answers nothing. */
        public void pause() throws IOException, InterruptedException {
            signal("STOP");
        }

        /** SIGCONT. */
        public void resume() throws IOException, InterruptedException {
            signal("CONT");
        }

        private void signal(String name) throws IOException, InterruptedException {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IOException("kill -" + name + " " + process.pid() + " failed");
            }
        }

        public String logTail() {
            return process == null ? "(not started)" : process.logTail();
        }

        void close() throws InterruptedException {
            if (process != null) {
                process.close();
            }
        }
    }

    private final Path root;
    private final Duration ttl;
    private final Map<String, String> extraSettings;
    private final EtcdProcess etcd;
    private final List<Node> nodes = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();

    private LocalCluster(Path root, Duration ttl, EtcdProcess etcd, Map<String, String> extraSettings) {
        this.root = root;
        this.ttl = ttl;
        this.extraSettings = Map.copyOf(extraSettings);
        this.etcd = etcd;
    }

    /**
     * Starts etcd, then {@code masters} masters, {@code replicas} replicas and one gateway (data
     * nodes in parallel), each ready before this returns.
     */
    public static LocalCluster start(Path root, Duration ttl, int masters, int replicas) throws Exception {
        return start(root, ttl, masters, replicas, Map.of());
    }

    /** {@link #start(Path, Duration, int, int)} with more configuration for every node. */
    public static LocalCluster start(Path root, Duration ttl, int masters, int replicas, Map<String, String> settings)
            throws Exception {
        LocalCluster cluster = new LocalCluster(root, ttl, EtcdProcess.start(), settings);
        try {
            List<Node> data = new ArrayList<>();
            for (int i = 1; i <= masters; i++) {
                data.add(cluster.add("master-" + i, "master"));
            }
            for (int i = 1; i <= replicas; i++) {
                data.add(cluster.add("replica-" + i, "replica"));
            }
            List<Thread> starting = new ArrayList<>();
            List<Exception> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            for (Node n : data) {
                Thread t = new Thread(() -> {
                    try {
                        n.start();
                    } catch (Exception e) {
                        failures.add(e);
                    }
                });
                t.start();
                starting.add(t);
            }
            for (Thread t : starting) {
                t.join();
            }
            if (!failures.isEmpty()) {
                throw failures.get(0);
            }
            cluster.add("gateway-1", "gateway").start();
            return cluster;
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
    }

    private Node add(String id, String role) throws IOException {
        Node n = new Node(id, role, ServiceProcess.freePort());
        nodes.add(n);
        return n;
    }

    public EtcdProcess etcd() {
        return etcd;
    }

    public Node node(String id) {
        return nodes.stream().filter(n -> n.id.equals(id)).findFirst().orElseThrow();
    }

    public Node gateway() {
        return node("gateway-1");
    }

    public List<Node> nodes() {
        return List.copyOf(nodes);
    }

    /** Sends {@code body} (JSON, or null for none) to {@code node} with the API key; answers status and parsed body. */
    public Reply call(Node node, String method, String path, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.url() + path))
                .timeout(Duration.ofSeconds(60))
                .header("api-key", API_KEY)
                .header("content-type", "application/json");
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : json.writeValueAsString(body));
        HttpResponse<String> response = http.send(request.method(method, publisher).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode parsed = response.body().isEmpty() ? null : json.readTree(response.body());
        return new Reply(response.statusCode(), parsed, response.body());
    }

    /** An answer: HTTP status and body. */
    public record Reply(int status, JsonNode body, String text) {
        public JsonNode result() {
            return body == null ? null : body.get("result");
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (Node n : nodes) {
            n.close();
        }
        etcd.close();
    }
}
