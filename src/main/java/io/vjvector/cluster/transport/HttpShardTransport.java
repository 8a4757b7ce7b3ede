package io.vjvector.cluster.transport;

import io.vjvector.collection.wire.RemoteShardException;
import io.vjvector.collection.wire.ShardCall;
import io.vjvector.collection.wire.ShardTransport;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * Shard calls to one copy of a shard on another node, over HTTP to its
 * {@link ShardCallResource}, signed with the cluster credential, made on the calling thread over
 * a kept-alive connection ({@link NodeConnections}). Each attempt runs under the
 * target node's guard (circuit breaker, timeout, bulkhead: {@link NodeClients}); reads are
 * retried on the same node when an attempt got no answer, writes never (a write that got no
 * answer may have been applied, and a second attempt would apply it again).
 *
 * <p>A call that gets no answer throws {@link NodeUnreachableException}; an answer that is not
 * HTTP 200 throws {@link RemoteShardException} (a credential that does not match, a body over
 * the node's limit); every other outcome, errors of the shard included, is in the reply bytes.
 * Get one from {@link NodeClients#transport}.
 */
public final class HttpShardTransport implements ShardTransport {

    private static final String CONTENT_TYPE = "application/octet-stream";

    private final NodeClients clients;
    private final NodeClients.Node node;
    private final String nodeId;
    private final String baseUrl;
    private final String basePath;
    private final long epoch;

    HttpShardTransport(NodeClients clients, NodeClients.Node node, String nodeId, String nodeUrl, String collection,
                       int shardId, long epoch) {
        this.clients = clients;
        this.node = node;
        this.nodeId = nodeId;
        this.baseUrl = nodeUrl.endsWith("/") ? nodeUrl.substring(0, nodeUrl.length() - 1) : nodeUrl;
        this.basePath = "/internal/v1/collections/" + segment(collection) + "/shards/" + shardId + "/";
        this.epoch = epoch;
    }

    @Override
    public byte[] call(ShardCall call, byte[] request) {
        String path = basePath + call.wireName();
        Callable<byte[]> attempt = () -> node.guard.call(() -> exchange(path, request), byte[].class);
        node.inFlight.incrementAndGet();
        try {
            return call.isRead() && clients.settings().readRetries() > 0
                    ? clients.readRetry().call(attempt, byte[].class)
                    : attempt.call();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NodeUnreachableException(nodeId, "interrupted while waiting for " + baseUrl, true, e);
        } catch (Exception e) {
            clients.failed(nodeId, e);
            throw unreachable(e);
        } finally {
            node.inFlight.decrementAndGet();
        }
    }

    /** What a failed call is reported as; a {@link RemoteShardException} (an answer) as it is. */
    private RuntimeException unreachable(Exception e) {
        if (e instanceof RemoteShardException remote) {
            return remote;
        }
        if (e instanceof CircuitBreakerOpenException) {
            return new NodeUnreachableException(nodeId, "its circuit is open after repeated failures", false, e);
        }
        if (e instanceof BulkheadException) {
            return new NodeUnreachableException(nodeId, "too many calls to it are in flight ("
                    + clients.settings().bulkhead() + ", vjvector.cluster.calls.bulkhead)", false, e);
        }
        if (e instanceof TimeoutException || e instanceof SocketTimeoutException) {
            return new NodeUnreachableException(nodeId, "no answer within " + clients.settings().timeout()
                    + " (vjvector.cluster.calls.timeout)", true, e);
        }
        if (e instanceof ConnectException) {
            return new NodeUnreachableException(nodeId, "cannot connect to " + baseUrl + ": " + describe(e), false, e);
        }
        return new NodeUnreachableException(nodeId, "call to " + baseUrl + " failed: " + describe(e), true, e);
    }

    private byte[] exchange(String path, byte[] request) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>(4);
        headers.put("Accept", CONTENT_TYPE);
        headers.put(ClusterCredential.HEADER, clients.credential().sign("POST", path));
        if (epoch != ShardLeadership.NO_EPOCH) {
            headers.put(ShardCallResource.EPOCH_HEADER, Long.toString(epoch));
        }
        NodeConnections.Reply reply = clients.connections().post(baseUrl, path, CONTENT_TYPE, headers, request);
        if (reply.status() != 200) {
            throw new RemoteShardException("HTTP " + reply.status(), new String(reply.body(), StandardCharsets.UTF_8));
        }
        return reply.body();
    }

    /** A path segment: collection names may hold characters a path cannot carry as they are. */
    private static String segment(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
