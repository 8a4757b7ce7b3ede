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
 * A cluster on loopback for tests: a real etcd (one member, or several: {@link EtcdCluster}) and
 * real VJVector processes (the packaged application) in the gateway, master and replica roles,
 * with API-key authentication, a cluster secret and short lease TTLs. Nodes can be killed, paused
 * and restarted on their data directories. Every node is given every etcd member's endpoint.
 *
 * <p>Started {@code proxied}, every data node reaches each etcd member through a {@link TcpProxy}
 * of its own ({@link Node#etcdLink}) and is reached by other nodes and gateways through another
 * ({@link Node#inbound}: its advertise URL names the proxy), so that a test can partition a node
 * from etcd, from its peers, or both. The test itself calls nodes on their own ports.
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
        private final EtcdLink etcdLink;
        private final TcpProxy inbound;
        private ServiceProcess process;

        Node(String id, String role, int port, boolean proxied) throws IOException {
            this.id = id;
            this.role = role;
            this.port = port;
            this.dir = root.resolve(id);
            this.etcdLink = proxied ? EtcdLink.start(etcd) : null;
            this.inbound = proxied ? TcpProxy.start(port) : null;
        }

        public String role() {
            return role;
        }

        /** The proxies between this node and the etcd members (null unless the cluster is proxied). */
        public EtcdLink etcdLink() {
            return etcdLink;
        }

        /** The proxy every other node and gateway reaches this node through (null unless proxied). */
        public TcpProxy inbound() {
            return inbound;
        }

        /** How other nodes reach this node: its inbound proxy when there is one. */
        String advertiseUrl() {
            return inbound == null ? url() : "http://127.0.0.1:" + inbound.port();
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
            settings.put("vjvector.cluster.etcd-endpoints",
                    String.join(",", etcdLink == null ? etcd.endpoints() : etcdLink.endpoints()));
            settings.put("vjvector.cluster.name", "it");
            settings.put("vjvector.cluster.node-id", id);
            settings.put("vjvector.cluster.advertise-url", advertiseUrl());
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

        /** Orderly shutdown (SIGTERM: leaderships resigned, registration withdrawn), then start again. */
        public void restartGracefully() throws IOException, InterruptedException {
            if (process != null && process.isAlive()) {
                process.stop();
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
            if (etcdLink != null) {
                etcdLink.close();
                inbound.close();
            }
        }
    }

    private final Path root;
    private final Duration ttl;
    private final Map<String, String> extraSettings;
    private final EtcdCluster etcd;
    private final List<Node> nodes = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();

    private LocalCluster(Path root, Duration ttl, EtcdCluster etcd, boolean proxied,
                         Map<String, String> extraSettings) {
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
        return start(root, ttl, masters, replicas, false, Map.of());
    }

    /**
     * {@link #start(Path, Duration, int, int)}, with every data node behind proxies when
     * {@code proxied} (see the class comment).
     */
    public static LocalCluster start(Path root, Duration ttl, int masters, int replicas, boolean proxied)
            throws Exception {
        return start(root, ttl, masters, replicas, proxied, Map.of());
    }

    /** {@link #start(Path, Duration, int, int)} with more configuration for every node. */
    public static LocalCluster start(Path root, Duration ttl, int masters, int replicas, Map<String, String> settings)
            throws Exception {
        return start(root, ttl, masters, replicas, false, settings);
    }

    /** Proxies in front of the data nodes, and more configuration for every node. */
    public static LocalCluster start(Path root, Duration ttl, int masters, int replicas, boolean proxied,
                                     Map<String, String> settings) throws Exception {
        return start(root, ttl, masters, replicas, proxied, settings, 1);
    }

    /** Every option, and an etcd of {@code etcdMembers} members ({@link EtcdCluster}). */
    public static LocalCluster start(Path root, Duration ttl, int masters, int replicas, boolean proxied,
                                     Map<String, String> settings, int etcdMembers) throws Exception {
        LocalCluster cluster = new LocalCluster(root, ttl, EtcdCluster.start(etcdMembers), proxied, settings);
        try {
            List<Node> data = new ArrayList<>();
            for (int i = 1; i <= masters; i++) {
                data.add(cluster.add("master-" + i, "master", proxied));
            }
            for (int i = 1; i <= replicas; i++) {
                data.add(cluster.add("replica-" + i, "replica", proxied));
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
            cluster.add("gateway-1", "gateway", false).start();
            return cluster;
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
    }

    private Node add(String id, String role, boolean behindProxies) throws IOException {
        Node n = new Node(id, role, ServiceProcess.freePort(), behindProxies);
        nodes.add(n);
        return n;
    }

    public EtcdCluster etcd() {
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

    /** The masters and replicas. */
    public List<Node> dataNodes() {
        return nodes.stream().filter(n -> !n.role.equals("gateway")).toList();
    }

    /** The lease TTL the nodes run with. */
    public Duration ttl() {
        return ttl;
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

    /** GETs {@code path} from {@code node} with the API key; answers the body as text (metrics, say). */
    public String text(Node node, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(node.url() + path))
                .timeout(Duration.ofSeconds(30)).header("api-key", API_KEY).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + " on " + node.id() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }

    /** A data node's proxies to the etcd members, one per member in member order, cut and healed together or one by one. */
    public record EtcdLink(List<TcpProxy> toMembers) implements AutoCloseable {

        static EtcdLink start(EtcdCluster etcd) throws IOException {
            List<TcpProxy> proxies = new ArrayList<>();
            for (String endpoint : etcd.endpoints()) {
                proxies.add(TcpProxy.start(URI.create(endpoint).getPort()));
            }
            return new EtcdLink(List.copyOf(proxies));
        }

        /** The endpoints the node is given: its proxies. */
        List<String> endpoints() {
            return toMembers.stream().map(p -> "http://127.0.0.1:" + p.port()).toList();
        }

        /** Cuts the node from every member. */
        public void cut() {
            toMembers.forEach(TcpProxy::cut);
        }

        public void heal() {
            toMembers.forEach(TcpProxy::heal);
        }

        @Override
        public void close() {
            toMembers.forEach(TcpProxy::close);
        }
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
