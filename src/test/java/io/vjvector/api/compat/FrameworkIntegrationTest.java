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
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Runs the RAG frameworks' Qdrant vector stores against this application: LangChain.js and
 * LlamaIndex.TS for real (their npm packages, {@code src/test/js/frameworks/}), and the REST
 * requests of their Python siblings replayed from their source. Each script checks every answer
 * against an exact reference and prints every HTTP request it sends with the status it got; a
 * failure message repeats the end of that output. The build installs the packages (npm,
 * process-test-classes); this test needs {@code node} (20 or later) on the PATH.
 */
@QuarkusTest
class FrameworkIntegrationTest {

    private static final Logger LOG = Logger.getLogger(FrameworkIntegrationTest.class);
    private static final Path SCRIPT_DIR = Path.of("src", "test", "js", "frameworks");
    private static final long TIMEOUT_SECONDS = 180;
    /** Lines of script output repeated in a failure message; the full output is in the log. */
    private static final int TAIL_LINES = 60;
    /** A failed step and the server's answer or the mismatch, as the scripts print them. */
    private static final Pattern MISMATCH_LINE = Pattern.compile("not ok - |  body: |  actual: |  HTTP ");

    @TestHTTPResource("/")
    URL baseUrl;

    @Test
    void langChainJsQdrantVectorStoreAddsSearchesFiltersAndDeletes() throws Exception {
        runScript("langchain-qdrant.mjs", "@langchain/qdrant");
    }

    @Test
    void llamaIndexTsQdrantVectorStoreAddsQueriesWithFiltersAndDeletesByDocument() throws Exception {
        runScript("llamaindex-qdrant.mjs", "@llamaindex/qdrant");
    }

    @Test
    void pythonLangChainAndLlamaIndexRequestsInDenseSparseAndHybridModesAreAnswered() throws Exception {
        runScript("python-frameworks-replay.mjs", "@qdrant/js-client-rest");
    }

    private void runScript(String script, String requiredPackage) throws Exception {
        assertTrue(Files.isDirectory(SCRIPT_DIR.resolve("node_modules").resolve(requiredPackage)),
                requiredPackage + " is not installed in " + SCRIPT_DIR.toAbsolutePath()
                        + "; the Maven build installs it (npm install) in process-test-classes");

        Process node = start(script, baseUrl.toString());
        Deque<String> tail = new ArrayDeque<>();
        List<String> mismatches = new ArrayList<>();
        Thread pump = pumpToLog(node, script, tail, mismatches);

        if (!node.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            node.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            pump.join(TimeUnit.SECONDS.toMillis(5));
            fail(script + " did not finish within " + TIMEOUT_SECONDS + " s; last output:\n" + joined(tail));
        }
        pump.join(TimeUnit.SECONDS.toMillis(10));
        assertEquals(0, node.exitValue(), () -> script + " reported mismatches:\n" + joined(mismatches)
                + "\n--- last output:\n" + joined(tail));
    }

    private static Process start(String script, String url) {
        ProcessBuilder builder = new ProcessBuilder("node", script, url)
                .directory(SCRIPT_DIR.toFile())
                .redirectErrorStream(true);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new AssertionError("Cannot start 'node' (Node.js 20 or later must be on the PATH)", e);
        }
    }

    /** Streams the script's output to the log as it comes, keeping the last lines for the failure message. */
    private static Thread pumpToLog(Process process, String script, Deque<String> tail, List<String> mismatches) {
        Thread pump = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    LOG.info("[" + script + "] " + line);
                    if (MISMATCH_LINE.matcher(line).lookingAt()) {
                        synchronized (mismatches) {
                            mismatches.add(line);
                        }
                    }
                    synchronized (tail) {
                        tail.addLast(line);
                        if (tail.size() > TAIL_LINES) {
                            tail.removeFirst();
                        }
                    }
                }
            } catch (IOException e) {
                LOG.warn("Lost the output of " + script, e);
            }
        }, "framework-script-output");
        pump.setDaemon(true);
        pump.start();
        return pump;
    }

    private static String joined(Collection<String> lines) {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }
}
