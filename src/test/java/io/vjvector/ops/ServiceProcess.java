package io.vjvector.ops;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The packaged service ({@code target/quarkus-app/quarkus-run.jar}) running as a child JVM on a
 * free loopback port, for crash tests and benchmarks. Only the process started here is ever
 * signalled; {@link #close()} kills it if it still runs.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(50);

    private final Process process;
    private final int port;
    private final Path log;

    private ServiceProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** The packaged application: {@code -Dvjvector.jar}, else {@code target/quarkus-app/quarkus-run.jar}. */
    public static Path jar() {
        Path jar = Path.of(System.getProperty("vjvector.jar", "target/quarkus-app/quarkus-run.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " does not exist: build it with ./mvnw package");
        }
        return jar;
    }

    /** {@link #start(Path, List, Map, Path, Duration)} with a 512 MB heap. */
    public static ServiceProcess start(Path dataDir, Map<String, String> settings, Path log, Duration readyTimeout)
            throws IOException, InterruptedException {
        return start(dataDir, List.of("-Xmx512m"), settings, log, readyTimeout);
    }

    /**
     * Starts the service on {@code dataDir} with extra JVM options and {@code -D} settings and
     * waits until {@code /q/health/ready} answers 200. Output goes to {@code log} (appended).
     *
     * @throws IllegalStateException if it exits or is not ready within {@code readyTimeout}
     */
    public static ServiceProcess start(Path dataDir, List<String> jvmOptions, Map<String, String> settings, Path log,
                                       Duration readyTimeout) throws IOException, InterruptedException {
        return start(freePort(), dataDir, jvmOptions, settings, log, readyTimeout);
    }

    /**
     * {@link #start(Path, List, Map, Path, Duration)} on {@code port} (chosen beforehand, e.g. by
     * {@link #freePort()}, when the settings must name it, as a cluster node's advertise URL does).
     */
    public static ServiceProcess start(int port, Path dataDir, List<String> jvmOptions, Map<String, String> settings,
                                       Path log, Duration readyTimeout) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--add-modules");
        command.add("jdk.incubator.vector");
        command.addAll(jvmOptions);
        command.add("-Dquarkus.http.host=127.0.0.1");
        command.add("-Dquarkus.http.port=" + port);
        command.add("-Dvjvector.storage.path=" + dataDir.toAbsolutePath());
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar().toAbsolutePath().toString());
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        ServiceProcess service = new ServiceProcess(process, port, log);
        try {
            service.awaitReady(readyTimeout);
        } catch (IOException | InterruptedException | RuntimeException e) {
            service.kill();
            throw e;
        }
        return service;
    }

    /** A free loopback port. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void awaitReady(Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ready = HttpRequest.newBuilder(uri("/q/health/ready")).timeout(Duration.ofSeconds(2)).GET().build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited with " + process.exitValue()
                        + " before it was ready; its log:\n" + logTail());
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            Thread.sleep(POLL.toMillis());
        }
        throw new IllegalStateException("the service was not ready within " + timeout + "; its log:\n" + logTail());
    }

    /** The last lines of the service's output. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL, as a crash: no shutdown hook runs, nothing is flushed. Waits for the exit. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** Orderly shutdown (SIGTERM), killed after 30 s. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            kill();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
