package io.vjvector.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjvector.ops.ServiceProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/cluster.sh} with a real etcd and the packaged application, on free loopback ports
 * and a temporary cluster directory: its commands, that stop signals only processes it started,
 * and start, which must bring the whole cluster up behind the gateway, and stop, which must take
 * it down again.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class LocalClusterScriptIT {

    private static final Path SCRIPT = Path.of("scripts/cluster.sh").toAbsolutePath();
    private static final List<String> PROCESSES = List.of("etcd", "master-1", "replica-1", "replica-2", "gateway-1");

    @TempDir
    Path dir;

    private int etcdPort;
    private int nodePort;
    private int gatewayPort;

    @BeforeEach
    void choosePorts() throws IOException {
        assertTrue(Stream.of(System.getenv("PATH").split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, "etcd"))),
                "etcd is not on the PATH (Debian: apt-get install -y etcd-server)");
        etcdPort = freePorts(2);
        nodePort = freePorts(3);
        gatewayPort = freePorts(1);
    }

    @Test
    void withoutOneKnownCommandItPrintsUsage() throws Exception {
        for (List<String> args : List.of(List.<String>of(), List.of("restart"), List.of("start", "now"))) {
            Result result = run(args.toArray(String[]::new));
            assertEquals(2, result.exit(), args + ": " + result);
            assertTrue(result.output().contains("usage: "), args + ": " + result);
        }
    }

    @Test
    void statusAndStopOfAClusterThatNeverStarted() throws Exception {
        Result status = run("status");
        assertEquals(3, status.exit(), status.toString());
        assertEquals(PROCESSES.size(), status.output().lines().filter(l -> l.endsWith("stopped")).count(), status.toString());
        assertEquals(0, run("stop").exit());
    }

    @Test
    void stopNeverSignalsAProcessItDidNotStart() throws Exception {
        Process stranger = new ProcessBuilder("sleep", "300").start();
        try {
            for (String name : PROCESSES) {
                Files.createDirectories(dir.resolve(name));
                Files.writeString(dir.resolve(name).resolve("pid"), stranger.pid() + "\n");
            }
            Result stop = run("stop");
            assertEquals(0, stop.exit(), stop.toString());
            assertTrue(stranger.isAlive(), "stop signalled a process of someone else: " + stop);
            for (String name : PROCESSES) {
                assertFalse(Files.exists(dir.resolve(name).resolve("pid")), name + ": stale PID file kept");
            }
        } finally {
            stranger.destroyForcibly();
        }
    }

    @Test
    void startBringsTheClusterUpAndStopTakesItDown() throws Exception {
        Result start = run("start");
        try {
            assertTrue(start.output().contains("etcd: ready at http://127.0.0.1:" + etcdPort), start.toString());
            assertEquals(0, start.exit(), start.toString());
            Result status = run("status");
            assertEquals(0, status.exit(), status.toString());
            String apiKey = Files.readAllLines(dir.resolve("secrets.env")).stream()
                    .filter(l -> l.startsWith("VJVECTOR_AUTH_API_KEY=")).findFirst().orElseThrow().substring(22);
            assertEquals(401, get("/collections", null).statusCode(), "the gateway must demand the API key");
            assertEquals(200, get("/collections", apiKey).statusCode());
        } finally {
            Result stop = run("stop");
            assertEquals(0, stop.exit(), stop.toString());
        }
        assertEquals(3, run("status").exit());
        for (String name : PROCESSES) {
            assertFalse(Files.exists(dir.resolve(name).resolve("pid")), name + ": PID file left after stop");
        }
        for (int port : new int[] {etcdPort, etcdPort + 1, nodePort, nodePort + 1, nodePort + 2, gatewayPort}) {
            assertFalse(listening(port), "port " + port + " still taken after stop");
        }
    }

    // ---------------------------------------------------------------------------------------------

    record Result(int exit, String output) {
    }

    private Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("LOCAL_CLUSTER_DIR", dir.toString());
        env.put("LOCAL_CLUSTER_JAR", ServiceProcess.jar().toAbsolutePath().toString());
        env.put("LOCAL_CLUSTER_ETCD_PORT", Integer.toString(etcdPort));
        env.put("LOCAL_CLUSTER_NODE_PORT", Integer.toString(nodePort));
        env.put("LOCAL_CLUSTER_GATEWAY_PORT", Integer.toString(gatewayPort));
        env.put("LOCAL_CLUSTER_JAVA_OPTS", "-Xmx256m");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        process.waitFor();
        System.out.print(output);
        return new Result(process.exitValue(), output);
    }

    private HttpResponse<String> get(String path, String apiKey) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatewayPort + path))
                .timeout(Duration.ofSeconds(10));
        if (apiKey != null) {
            request.header("api-key", apiKey);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The first of {@code count} consecutive free loopback ports (the script derives the others from it). */
    private static int freePorts(int count) throws IOException {
        for (int attempt = 0; attempt < 200; attempt++) {
            int first = ThreadLocalRandom.current().nextInt(20_000, 40_000);
            boolean free = true;
            for (int port = first; port < first + count && free; port++) {
                try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                    socket.setReuseAddress(true);
                } catch (IOException taken) {
                    free = false;
                }
            }
            if (free) {
                return first;
            }
        }
        throw new IOException("no " + count + " consecutive free loopback ports found");
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException closed) {
            return false;
        }
    }
}
