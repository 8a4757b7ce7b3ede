package io.vjvector.api.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Runs the official Qdrant JavaScript client ({@code src/test/js/qdrant-client-compat.js}) against
 * this application: the strongest evidence that existing Qdrant clients work unchanged. The build
 * installs the client (npm, generate-test-resources); this test needs {@code node} on the PATH.
 */
@QuarkusTest
class QdrantJsClientCompatibilityTest {

    private static final Logger LOG = Logger.getLogger(QdrantJsClientCompatibilityTest.class);
    private static final Path SCRIPT_DIR = Path.of("src", "test", "js");
    private static final String SCRIPT = "qdrant-client-compat.js";
    private static final long TIMEOUT_SECONDS = 180;
    /** Lines of script output repeated in a failure message; the full output is in the log. */
    private static final int TAIL_LINES = 40;

    @TestHTTPResource("/")
    URL baseUrl;

    @Test
    void officialQdrantJsClientGetsTheAnswersQdrantWouldGive() throws Exception {
        assertTrue(Files.isDirectory(SCRIPT_DIR.resolve("node_modules/@qdrant/js-client-rest")),
                "The Qdrant JS client is not installed in " + SCRIPT_DIR.toAbsolutePath()
                        + "; the Maven build installs it (npm install) in generate-test-resources");

        Process node = start(baseUrl.toString(), apiKey());
        Deque<String> tail = new ArrayDeque<>();
        Thread pump = pumpToLog(node, tail);

        if (!node.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            node.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            pump.join(TimeUnit.SECONDS.toMillis(5));
            fail("Qdrant JS client script did not finish within " + TIMEOUT_SECONDS + " s; last output:\n"
                    + joined(tail));
        }
        pump.join(TimeUnit.SECONDS.toMillis(10));
        assertEquals(0, node.exitValue(), () -> "Qdrant JS client script reported a mismatch:\n" + joined(tail));
    }

    /** The API key the client passes with its {@code apiKey} option; null when the server runs without. */
    protected String apiKey() {
        return null;
    }

    private static Process start(String url, String apiKey) {
        ProcessBuilder builder = new ProcessBuilder("node", SCRIPT, url)
                .directory(SCRIPT_DIR.toFile())
                .redirectErrorStream(true);
        builder.environment().remove("QDRANT_API_KEY");
        if (apiKey != null) {
            builder.environment().put("QDRANT_API_KEY", apiKey);
        }
        try {
            return builder.start();
        } catch (IOException e) {
            throw new AssertionError("Cannot start 'node' (Node.js 18.17 or later must be on the PATH)", e);
        }
    }

    /** Streams the script's output to the log as it comes, keeping the last lines for the failure message. */
    private static Thread pumpToLog(Process process, Deque<String> tail) {
        Thread pump = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    LOG.info("[qdrant-js] " + line);
                    synchronized (tail) {
                        tail.addLast(line);
                        if (tail.size() > TAIL_LINES) {
                            tail.removeFirst();
                        }
                    }
                }
            } catch (IOException e) {
                LOG.warn("Lost the Qdrant JS client script output", e);
            }
        }, "qdrant-js-output");
        pump.setDaemon(true);
        pump.start();
        return pump;
    }

    private static String joined(Deque<String> tail) {
        synchronized (tail) {
            return String.join("\n", tail);
        }
    }
}
