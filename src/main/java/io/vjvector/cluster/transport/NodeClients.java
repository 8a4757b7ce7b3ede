package io.vjvector.cluster.transport;

import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.Guard;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * This node's connections to the other nodes: kept-alive connections pooled per node, and per
 * target node a guard (SmallRye Fault Tolerance: circuit breaker, timeout, bulkhead) and a count of calls
 * in flight. Hands out {@link HttpShardTransport}s for one shard copy each. Thread-safe; one per
 * process.
 *
 * <p>Shard calls and posts (small request, small answer, latency on the path of every search and
 * replicated write) run on the calling thread over kept-alive connections ({@link NodeConnections},
 * which says why not the JDK's {@link HttpClient}): a shard call is synchronous by contract
 * ({@link io.vjvector.collection.wire.ShardTransport}) and runs on a fan-out or worker thread, so
 * blocking I/O is the natural fit. Streamed
 * transfers ({@link #openStream}, a whole shard copy, rare) use the JDK's client, pinned to
 * HTTP/1.1: on a plain {@code http://} URL HTTP/2 would cost an upgrade negotiation on every new
 * connection for no gain on this traffic.
 *
 * <p>Guards are built with SmallRye's programmatic API, so this class needs the Fault Tolerance
 * runtime of a running application (Quarkus provides it).
 */
public final class NodeClients implements AutoCloseable {

    private final HttpClient http;
    private final NodeConnections connections;
    private final ClusterCredential credential;
    private final CallSettings settings;
    private final Guard readRetry;
    private final ConcurrentMap<String, Node> nodes = new ConcurrentHashMap<>();
    private final CallFailures failures;

    public NodeClients(ClusterCredential credential, CallSettings settings) {
        this(credential, settings, CallFailures.NONE);
    }

    /** With {@code failures} told of every call that got no usable answer (for metrics). */
    public NodeClients(ClusterCredential credential, CallSettings settings, CallFailures failures) {
        this.credential = credential;
        this.settings = settings;
        this.failures = failures;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        // As many connections per node as calls the bulkhead lets through, so none waits for one.
        this.connections = new NodeConnections(settings.timeout(),
                Math.max(NodeConnections.DEFAULT_MAX_PER_NODE, settings.bulkhead()));
        // Retries are for an attempt that got no answer (I/O, timeout); a node that is skipped
        // (open circuit, full bulkhead) is not asked again: another copy is.
        this.readRetry = Guard.create()
                .withDescription("vjvector shard read retry")
                .withRetry()
                .maxRetries(settings.readRetries())
                .delay(settings.retryDelay().toMillis(), ChronoUnit.MILLIS)
                .jitter(settings.retryDelay().toMillis() / 2, ChronoUnit.MILLIS)
                .retryOn(List.of(IOException.class, TimeoutException.class))
                .abortOn(List.of(CircuitBreakerOpenException.class, BulkheadException.class))
                .done()
                .build();
    }

    /**
     * The transport to shard {@code shardId} of {@code collection} on node {@code nodeId} at
     * {@code nodeUrl} (scheme, host and port: {@code http://10.0.0.7:6333}), sending
     * {@code epoch} with writes ({@link ShardLeadership#NO_EPOCH} when none is known).
     */
    public HttpShardTransport transport(String nodeId, String nodeUrl, String collection, int shardId, long epoch) {
        return new HttpShardTransport(this, node(nodeId), nodeId, nodeUrl, collection, shardId, epoch);
    }

    /**
     * Posts {@code body} to {@code path} on node {@code nodeId} at {@code nodeUrl}, signed, under
     * the node's circuit breaker, timeout and bulkhead, never retried (replication feeds retry on
     * their own terms); answers the reply's body.
     *
     * @throws IOException when the node did not answer 200 (a skipped or timed-out call included)
     */
    public byte[] post(String nodeId, String nodeUrl, String path, byte[] body) throws IOException {
        Node node = node(nodeId);
        node.inFlight.incrementAndGet();
        try {
            return node.guard.call(() -> {
                NodeConnections.Reply reply = connections.post(nodeUrl, path, "application/octet-stream",
                        Map.of(ClusterCredential.HEADER, credential.sign("POST", path)), body);
                if (reply.status() != 200) {
                    throw new CallFailures.StatusException("node " + nodeId + " answered HTTP " + reply.status() + ": "
                            + new String(reply.body(), java.nio.charset.StandardCharsets.UTF_8));
                }
                return reply.body();
            }, byte[].class);
        } catch (IOException e) {
            failed(nodeId, e);
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted calling node " + nodeId, e);
        } catch (Exception e) {
            failed(nodeId, e);
            throw new IOException("call to node " + nodeId + " failed: " + e, e);
        } finally {
            node.inFlight.decrementAndGet();
        }
    }

    /** Reports a call to {@code nodeId} that got no usable answer. */
    void failed(String nodeId, Throwable e) {
        failures.failed(nodeId, CallFailures.kindOf(e));
    }

    /**
     * Opens a signed {@code GET} of {@code path} on node {@code nodeId} and answers the body as a
     * stream, for transfers too large for one buffer (a shard copy). Only the wait for the answer's
     * head is bounded by the call timeout; the body streams for as long as it takes, and no
     * breaker or bulkhead applies (one transfer at a time per copy, started by its node).
     *
     * @throws IOException when the node did not answer 200
     */
    public InputStream openStream(String nodeId, String nodeUrl, String path) throws IOException {
        try {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(nodeUrl + path))
                    .timeout(settings.timeout())
                    .header(ClusterCredential.HEADER, credential.sign("GET", path))
                    .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                try (InputStream body = response.body()) {
                    throw new IOException("node " + nodeId + " answered HTTP " + response.statusCode() + ": "
                            + new String(body.readNBytes(4096), java.nio.charset.StandardCharsets.UTF_8));
                }
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted calling node " + nodeId, e);
        }
    }

    /** Whether calls to {@code nodeId} are let through: its circuit is not open. */
    public boolean available(String nodeId) {
        Node node = nodes.get(nodeId);
        return node == null || node.state != CircuitBreakerState.OPEN;
    }

    /** Calls to {@code nodeId} in flight now. */
    public int inFlight(String nodeId) {
        Node node = nodes.get(nodeId);
        return node == null ? 0 : node.inFlight.get();
    }

    NodeConnections connections() {
        return connections;
    }

    /** Closes the idle connections to other nodes. */
    @Override
    public void close() {
        connections.close();
    }

    ClusterCredential credential() {
        return credential;
    }

    CallSettings settings() {
        return settings;
    }

    Guard readRetry() {
        return readRetry;
    }

    private Node node(String nodeId) {
        return nodes.computeIfAbsent(nodeId, this::newNode);
    }

    private Node newNode(String nodeId) {
        Node node = new Node();
        node.guard = Guard.create()
                .withDescription("vjvector node " + nodeId)
                .withCircuitBreaker()
                .requestVolumeThreshold(settings.breakerRequestVolume())
                .failureRatio(settings.breakerFailureRatio())
                .delay(settings.breakerDelay().toMillis(), ChronoUnit.MILLIS)
                .successThreshold(settings.breakerSuccessThreshold())
                .onStateChange(state -> node.state = state)
                .done()
                .withTimeout()
                .duration(settings.timeout().toMillis(), ChronoUnit.MILLIS)
                .done()
                .withBulkhead()
                .limit(settings.bulkhead())
                .done()
                .build();
        return node;
    }

    /** What is kept per target node. */
    static final class Node {
        /** Circuit breaker (shared by every call to the node), timeout per attempt, bulkhead. */
        Guard guard;
        volatile CircuitBreakerState state = CircuitBreakerState.CLOSED;
        final AtomicInteger inFlight = new AtomicInteger();
    }
}
