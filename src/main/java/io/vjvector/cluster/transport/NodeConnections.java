package io.vjvector.cluster.transport;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.pool.PoolReusePolicy;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * Small HTTP/1.1 {@code POST}s to other nodes, each run wholly on the calling thread over a
 * kept-alive connection taken from a pool per node address: Apache HttpClient 5's classic
 * (blocking) client. Thread-safe; a connection serves one exchange at a time.
 *
 * <p>Why not the JDK's {@link java.net.http.HttpClient}: its blocking {@code send} is an
 * asynchronous exchange waited for. The request is written from the client's executor, the
 * answer read by its one selector thread, then handed to the executor again to complete the
 * future the caller waits on: three to five thread wake-ups per call (JFR of a gateway serving one
 * search at a time: twelve executor hand-offs per 3-shard search), each waiting for a core on a
 * busy machine, and all calls of a node funnelled through one selector thread. A shard call is
 * synchronous by contract and its caller is already a thread of its own (a fan-out thread, or the
 * worker serving a write), so blocking I/O on that thread is the shortest path: write, read, done.
 * Measured on the 2-core development machine against a node's shard-search endpoint, one call at
 * a time: p50 0.78 ms over a blocking socket against 1.69 ms through {@code HttpClient}. Against
 * a minimal blocking client over the same loopback connection, this client adds about 16 µs per
 * call at p50 (46 against 30 µs, ten alternating passes of 2,000 calls).
 *
 * <p>How the client is set up, and why:
 * <ul>
 *   <li>{@code TCP_NODELAY}, so neither Nagle's algorithm nor the peer's delayed ACK holds a small
 *       request back.</li>
 *   <li>No automatic retry of any request: a write that got no answer may have been applied, and
 *       sending it again would apply it twice. Reads are retried by the caller's guard
 *       ({@link NodeClients}), on its terms. No redirects, cookies or authentication state: the
 *       peer is another node, and each call carries its own signature.</li>
 *   <li>A pooled connection idle for {@link #VALIDATE_AFTER_IDLE} or longer is checked before
 *       use, and dropped if the peer closed it meanwhile (a node restarted), so a request is not
 *       written into a connection already gone. Not every time: the check waits a millisecond
 *       for bytes that a live idle connection never carries (measured: 1.6 ms for a call after
 *       150 ms idle, against 0.2 ms without the wait), as long as a whole shard call; a
 *       connection in steady use is reused within milliseconds of its last answer. Under steady
 *       use a node's restart can still fail the calls in flight and the next one on each
 *       connection it closed (reads are retried by the guard; a write reports it may have been
 *       applied).</li>
 *   <li>Reads of the answer are bounded by {@code timeout} each ({@code SO_TIMEOUT}), and so are
 *       connecting and waiting for a pooled connection; the caller's guard bounds the whole
 *       exchange. Connections per node are capped at {@code maxPerNode}, which is at least the
 *       guard's bulkhead so that a call let through never waits for a connection.</li>
 *   <li>{@code https://} addresses are reached over TLS with the JVM's default SSL context, and
 *       the host name checked by the JDK's own endpoint identification, as the JDK client did (it
 *       also keeps HttpClient's public-suffix list, a resource, out of use).</li>
 * </ul>
 * A connection the node could not be reached on is reported as a {@link ConnectException}
 * whatever HttpClient calls it, since nothing was sent.
 */
final class NodeConnections implements AutoCloseable {

    /** Connections per node when not told otherwise. */
    static final int DEFAULT_MAX_PER_NODE = 16;
    /** How long a pooled connection may sit idle before it is checked for a peer's close. */
    static final Duration VALIDATE_AFTER_IDLE = Duration.ofMillis(100);
    /** Bounds on an answer's head, so a confused peer cannot make this node buffer without end. */
    private static final int MAX_HEAD_LINE = 8192;
    private static final int MAX_HEADERS = 100;
    /** Nodes a process talks to at once, for the pool's overall cap. */
    private static final int MAX_NODES = 64;

    /** An answer: its HTTP status and body. */
    record Reply(int status, byte[] body) {
    }

    private final CloseableHttpClient client;

    /** @param timeout bounds connecting, and each read of an answer */
    NodeConnections(Duration timeout) {
        this(timeout, DEFAULT_MAX_PER_NODE);
    }

    /**
     * @param timeout    bounds connecting, waiting for a pooled connection, and each read of an answer
     * @param maxPerNode connections kept open to one node at most
     */
    NodeConnections(Duration timeout, int maxPerNode) {
        Timeout t = Timeout.ofMilliseconds(Math.max(1, timeout.toMillis()));
        PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnPerRoute(maxPerNode)
                .setMaxConnTotal(maxPerNode * MAX_NODES)
                // Most recently used first: it is the least likely to have been closed by the peer.
                .setConnPoolPolicy(PoolReusePolicy.LIFO)
                .setDefaultSocketConfig(SocketConfig.custom()
                        .setTcpNoDelay(true)
                        .setSoKeepAlive(true)
                        .setSoTimeout(t)
                        .build())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(t)
                        .setSocketTimeout(t)
                        .setValidateAfterInactivity(VALIDATE_AFTER_IDLE.toMillis(), TimeUnit.MILLISECONDS)
                        .build())
                .setConnectionFactory(ManagedHttpClientConnectionFactory.builder()
                        .http1Config(Http1Config.custom()
                                .setMaxLineLength(MAX_HEAD_LINE)
                                .setMaxHeaderCount(MAX_HEADERS)
                                .build())
                        .build())
                .setTlsSocketStrategy(new DefaultClientTlsStrategy(defaultSslContext(),
                        HostnameVerificationPolicy.BUILTIN, null))
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(pool)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(t)
                        .setResponseTimeout(t)
                        .setExpectContinueEnabled(false)
                        .build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableConnectionState()
                .disableContentCompression()
                .disableDefaultUserAgent()
                .build();
    }

    private static SSLContext defaultSslContext() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("TLS is not available: " + e.getMessage(), e);
        }
    }

    /**
     * Posts {@code body} to {@code path} of the node at {@code baseUrl} ({@code http://host:port}
     * or {@code https://...}) with {@code headers} (name, value) and answers its reply.
     *
     * @throws ConnectException when no connection to the node could be made (nothing was sent)
     * @throws IOException      when the exchange failed after that (the node may have acted on it)
     */
    Reply post(String baseUrl, String path, String contentType, Map<String, String> headers, byte[] body)
            throws IOException {
        HttpPost post = new HttpPost(target(baseUrl).resolve(path));
        headers.forEach(post::addHeader);
        post.setEntity(new ByteArrayEntity(body, ContentType.parse(contentType)));
        try {
            return client.execute(post, response -> {
                HttpEntity entity = response.getEntity();
                return new Reply(response.getCode(), entity == null ? new byte[0] : EntityUtils.toByteArray(entity));
            });
        } catch (ConnectTimeoutException | UnknownHostException e) {
            throw (ConnectException) new ConnectException("cannot connect to " + baseUrl + ": " + e.getMessage())
                    .initCause(e);
        }
    }

    /** Closes every pooled connection; connections in use close when their exchange ends. */
    @Override
    public void close() {
        client.close(CloseMode.GRACEFUL);
    }

    private static URI target(String baseUrl) {
        URI uri = URI.create(baseUrl);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException("not an http(s) node address: " + baseUrl);
        }
        return uri;
    }
}
