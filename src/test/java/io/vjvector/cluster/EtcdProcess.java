package io.vjvector.cluster;

import io.etcd.jetcd.Client;
import io.vjvector.engine.storage.DirectoryTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway single-member etcd (Debian's {@code etcd-server}, 3.4) on free loopback ports in a
 * temporary directory, for cluster tests. Raft timing is shortened (10 ms heartbeat, 100 ms
 * election) so the member is healthy in about 0.1 s; pre-vote is on, as the cluster's members run.
 * {@link #stop} and {@link #restart} keep the data directory; {@link #pause} and {@link #resume}
 * freeze and thaw the process (SIGSTOP / SIGCONT) and {@link #kill} crashes it, for fault tests.
 * {@link #close} stops it and deletes the directory. {@link EtcdCluster} runs three of them as
 * one cluster.
 */
public final class EtcdProcess implements AutoCloseable {

    private static final Duration HEALTHY_WITHIN = Duration.ofSeconds(20);

    private final Path dir;
    private final String name;
    private final int clientPort;
    private final int peerPort;
    /** The peer URL other members reach this one at (its own, or a proxy in front of it). */
    private final String advertisedPeerUrl;
    /** {@code --initial-cluster}: every member's name and advertised peer URL. */
    private final String initialCluster;
    /** {@code --heartbeat-interval} and {@code --election-timeout}, in milliseconds. */
    private final int heartbeatMillis;
    private final int electionMillis;
    private Process process;
    private boolean paused;

    private EtcdProcess(Path dir, String name, int clientPort, int peerPort, String advertisedPeerUrl,
                        String initialCluster, int heartbeatMillis, int electionMillis) {
        this.dir = dir;
        this.name = name;
        this.clientPort = clientPort;
        this.peerPort = peerPort;
        this.advertisedPeerUrl = advertisedPeerUrl;
        this.initialCluster = initialCluster;
        this.heartbeatMillis = heartbeatMillis;
        this.electionMillis = electionMillis;
    }

    /**
     * Starts a member and waits until it answers {@code /health}.
     *
     * @throws IllegalStateException naming the package to install when {@code etcd} is missing
     */
    public static EtcdProcess start() throws IOException {
        Path dir = Files.createTempDirectory("vjvector-etcd-");
        int peerPort = freePort();
        String peer = "http://127.0.0.1:" + peerPort;
        EtcdProcess etcd = new EtcdProcess(dir, "t", freePort(), peerPort, peer, "t=" + peer, 10, 100);
        etcd.launch();
        return etcd;
    }

    /**
     * A member of a larger cluster, not started yet ({@link #spawn}, then {@link #awaitHealthy}
     * once every member runs: a member is healthy only when the cluster has a leader).
     */
    static EtcdProcess member(Path dir, String name, int clientPort, int peerPort, String advertisedPeerUrl,
                              String initialCluster, int heartbeatMillis, int electionMillis) throws IOException {
        Files.createDirectories(dir);
        return new EtcdProcess(dir, name, clientPort, peerPort, advertisedPeerUrl, initialCluster, heartbeatMillis,
                electionMillis);
    }

    /** The member's name in the cluster. */
    public String name() {
        return name;
    }

    /** The port the member listens for its peers on. */
    int peerPort() {
        return peerPort;
    }

    /** The client URL ({@code http://127.0.0.1:PORT}). */
    public String endpoint() {
        return "http://127.0.0.1:" + clientPort;
    }

    /** A new client of this member; the caller closes it. */
    public Client client() {
        return Client.builder().endpoints(endpoint()).build();
    }

    public long pid() {
        return process.pid();
    }

    /** Stops the member (SIGTERM, then SIGKILL after 10 s), keeping its data. */
    public void stop() {
        if (process == null) {
            return;
        }
        if (paused) {
            resume();
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        process = null;
    }

    /** Stops the member and starts it again on the same ports and data directory. */
    public void restart() throws IOException {
        stop();
        launch();
    }

    /** SIGKILL, as a crash; the data stays, and {@link #restart} starts the member on it again. */
    public void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
        paused = false;
    }

    /** Freezes the process (SIGSTOP): it holds its sockets but answers nothing. */
    public void pause() {
        signal("STOP");
        paused = true;
    }

    /** Thaws a paused process (SIGCONT). */
    public void resume() {
        signal("CONT");
        paused = false;
    }

    @Override
    public void close() {
        stop();
        try {
            DirectoryTree.delete(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void launch() throws IOException {
        spawn();
        awaitHealthy();
    }

    /** Starts the process without waiting for it (the initial cluster flags count only on the first start). */
    void spawn() throws IOException {
        List<String> command = new ArrayList<>(List.of(
                executable(), "--name", name, "--data-dir", dir.resolve("data").toString(),
                "--listen-client-urls", endpoint(), "--advertise-client-urls", endpoint(),
                "--listen-peer-urls", "http://127.0.0.1:" + peerPort, "--initial-advertise-peer-urls", advertisedPeerUrl,
                "--initial-cluster", initialCluster, "--initial-cluster-state", "new",
                "--logger=zap", "--log-level=warn", "--heartbeat-interval=" + heartbeatMillis,
                "--election-timeout=" + electionMillis, "--pre-vote=true"));
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("etcd.log").toFile()))
                .start();
    }

    private static String executable() {
        for (String candidate : List.of("/usr/bin/etcd", "/usr/local/bin/etcd")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String entry : path.split(java.io.File.pathSeparator)) {
            if (!entry.isEmpty() && Files.isExecutable(Path.of(entry, "etcd"))) {
                return Path.of(entry, "etcd").toString();
            }
        }
        throw new IllegalStateException("etcd not found on the PATH: cluster tests need an etcd 3.4 server "
                + "(Debian: apt-get install -y etcd-server; .ci/run installs it)");
    }

    /** Waits until the member answers {@code /health} (it has a leader). */
    public void awaitHealthy() throws IOException {
        long deadline = System.nanoTime() + HEALTHY_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("etcd exited with status " + process.exitValue() + "; its log:\n" + log());
            }
            if (healthy()) {
                return;
            }
            sleep(50);
        }
        stop();
        throw new IOException("etcd was not healthy within " + HEALTHY_WITHIN + "; its log:\n" + log());
    }

    /**
     * True when this member is its cluster's raft leader: its status ({@code /v3/maintenance/status},
     * etcd's JSON gateway) names itself as the leader.
     */
    public boolean isLeader() throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(endpoint() + "/v3/maintenance/status").toURL()
                .openConnection();
        connection.setConnectTimeout(1000);
        connection.setReadTimeout(2000);
        connection.setRequestMethod("POST");
        connection.setDoOutput(true);
        try {
            connection.getOutputStream().write("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            var status = new com.fasterxml.jackson.databind.ObjectMapper().readTree(connection.getInputStream());
            return status.path("leader").asText().equals(status.path("header").path("member_id").asText());
        } finally {
            connection.disconnect();
        }
    }

    /** True when the member answers {@code /health} with {@code "health":"true"} (it sees a leader). */
    public boolean healthy() {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(endpoint() + "/health").toURL().openConnection();
            connection.setConnectTimeout(500);
            connection.setReadTimeout(500);
            try {
                return connection.getResponseCode() == 200
                        && new String(connection.getInputStream().readAllBytes()).contains("\"true\"");
            } finally {
                connection.disconnect();
            }
        } catch (IOException e) {
            return false;
        }
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("etcd.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
