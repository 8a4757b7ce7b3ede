package io.vjvector.cluster.transport;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Small HTTP/1.1 {@code POST}s to other nodes, each run wholly on the calling thread over a
 * kept-alive connection taken from a pool per node address. Thread-safe; a connection serves one
 * exchange at a time.
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
 * a time: p50 0.78 ms here against 1.69 ms through {@code HttpClient}.
 *
 * <p>Each request goes out in one write (head and body together) on a socket with
 * {@code TCP_NODELAY}, so neither Nagle's algorithm nor the peer's delayed ACK holds it back. A
 * connection found closed by the peer while idle in the pool (a node restarted, an idle timeout)
 * is dropped before it is used, so a write is never sent into a connection already gone. Reads of
 * the answer are bounded by {@code timeout} each ({@code SO_TIMEOUT}); the caller's guard bounds
 * the whole exchange and may interrupt it, which closes the connection (its channel is
 * interruptible). {@code https://} addresses are reached over TLS with the JVM's default trust
 * and host name verification, as the JDK client did.
 */
final class NodeConnections implements AutoCloseable {

    /** Idle connections kept per address; more are closed when returned (calls in flight are bounded by the bulkhead). */
    private static final int MAX_IDLE = 16;
    /** Bounds on an answer's head, so a confused peer cannot make this node buffer without end. */
    private static final int MAX_HEAD_LINE = 8192;
    private static final int MAX_HEADERS = 100;

    /** An answer: its HTTP status and body. */
    record Reply(int status, byte[] body) {
    }

    private final Duration timeout;
    private final ConcurrentMap<String, Deque<Connection>> idle = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** @param timeout bounds connecting, and each read of an answer */
    NodeConnections(Duration timeout) {
        this.timeout = timeout;
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
        Address address = Address.of(baseUrl);
        Connection c = take(address);
        boolean reusable = false;
        try {
            c.send(request(address, path, contentType, headers, body));
            Reply reply = c.receive();
            reusable = c.keepAlive;
            return reply;
        } finally {
            if (reusable) {
                giveBack(address, c);
            } else {
                c.close();
            }
        }
    }

    /** Closes every idle connection; connections in use close when their exchange ends. */
    @Override
    public void close() {
        closed = true;
        for (Deque<Connection> pool : idle.values()) {
            synchronized (pool) {
                pool.forEach(Connection::close);
                pool.clear();
            }
        }
    }

    private static byte[] request(Address address, String path, String contentType, Map<String, String> headers,
                                  byte[] body) {
        StringBuilder head = new StringBuilder(256).append("POST ").append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(address.hostHeader()).append("\r\n")
                .append("Content-Type: ").append(contentType).append("\r\n")
                .append("Content-Length: ").append(body.length).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        byte[] headBytes = head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, out, 0, headBytes.length);
        System.arraycopy(body, 0, out, headBytes.length, body.length);
        return out;
    }

    /** An idle connection to {@code address} that the peer has not closed, else a new one. */
    private Connection take(Address address) throws IOException {
        Deque<Connection> pool = idle.get(address.key());
        while (pool != null) {
            Connection c;
            synchronized (pool) {
                c = pool.pollFirst();
            }
            if (c == null) {
                break;
            }
            if (c.stillOpen()) {
                return c;
            }
            c.close();
        }
        return Connection.open(address, timeout);
    }

    private void giveBack(Address address, Connection c) {
        Deque<Connection> pool = idle.computeIfAbsent(address.key(), k -> new ArrayDeque<>());
        synchronized (pool) {
            if (!closed && pool.size() < MAX_IDLE) {
                // Most recently used first: it is the least likely to have been closed by the peer.
                pool.addFirst(c);
                return;
            }
        }
        c.close();
    }

    /** Where a node listens, from its base URL. */
    private record Address(boolean tls, String host, int port) {

        static Address of(String baseUrl) {
            URI uri = URI.create(baseUrl);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw new IllegalArgumentException("not an http(s) node address: " + baseUrl);
            }
            boolean tls = scheme.equals("https");
            return new Address(tls, uri.getHost(), uri.getPort() != -1 ? uri.getPort() : tls ? 443 : 80);
        }

        String key() {
            return (tls ? "https://" : "http://") + hostHeader();
        }

        String hostHeader() {
            return (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    /** One connection: a blocking socket channel (interruptible), under TLS for https. */
    private static final class Connection {

        private final SocketChannel channel;
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        /** Whether the last answer left the connection usable for another exchange. */
        boolean keepAlive;

        private Connection(SocketChannel channel, Socket socket) throws IOException {
            this.channel = channel;
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            this.out = socket.getOutputStream();
        }

        static Connection open(Address address, Duration timeout) throws IOException {
            int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
            SocketChannel channel = SocketChannel.open();
            try {
                Socket plain = channel.socket();
                plain.setTcpNoDelay(true);
                plain.setKeepAlive(true);
                try {
                    plain.connect(new InetSocketAddress(address.host(), address.port()), millis);
                } catch (SocketTimeoutException e) {
                    throw (ConnectException) new ConnectException("connect timed out after " + timeout).initCause(e);
                }
                plain.setSoTimeout(millis);
                return new Connection(channel, address.tls() ? tls(plain, address) : plain);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        }

        private static Socket tls(Socket plain, Address address) throws IOException {
            SSLSocket ssl;
            try {
                ssl = (SSLSocket) SSLContext.getDefault().getSocketFactory()
                        .createSocket(plain, address.host(), address.port(), true);
            } catch (NoSuchAlgorithmException e) {
                throw new IOException("TLS is not available: " + e.getMessage(), e);
            }
            SSLParameters params = ssl.getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS");
            ssl.setSSLParameters(params);
            ssl.startHandshake();
            return ssl;
        }

        void send(byte[] request) throws IOException {
            out.write(request);
            out.flush();
        }

        /**
         * Whether the peer has not closed this idle connection, nor sent anything on it (an idle
         * HTTP/1.1 connection carries nothing; a TLS close_notify or stray bytes mean it is done).
         */
        boolean stillOpen() {
            if (!channel.isOpen()) {
                return false;
            }
            try {
                channel.configureBlocking(false);
                try {
                    return channel.read(ByteBuffer.allocate(1)) == 0;
                } finally {
                    channel.configureBlocking(true);
                }
            } catch (IOException e) {
                return false;
            }
        }

        Reply receive() throws IOException {
            String status = line();
            String[] parts = status.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP/1.x answer: " + status);
            }
            int code;
            try {
                code = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw new IOException("not an HTTP/1.x answer: " + status);
            }
            long length = -1;
            boolean chunked = false;
            boolean close = parts[0].equals("HTTP/1.0");
            for (int n = 0; ; n++) {
                String header = line();
                if (header.isEmpty()) {
                    break;
                }
                if (n == MAX_HEADERS) {
                    throw new IOException("an answer with more than " + MAX_HEADERS + " headers");
                }
                int colon = header.indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = header.substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> length = parseLength(value);
                    case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    case "connection" -> close = value.equalsIgnoreCase("close")
                            || close && !value.equalsIgnoreCase("keep-alive");
                    default -> { }
                }
            }
            byte[] body;
            if (chunked) {
                body = chunkedBody();
            } else if (length >= 0) {
                body = exactly(length);
            } else {
                // Neither length nor chunks: the body runs to the end of the connection.
                body = in.readAllBytes();
                close = true;
            }
            keepAlive = !close;
            return new Reply(code, body);
        }

        private byte[] chunkedBody() throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String size = line();
                int semicolon = size.indexOf(';');
                long n;
                try {
                    n = Long.parseLong((semicolon >= 0 ? size.substring(0, semicolon) : size).trim(), 16);
                } catch (NumberFormatException e) {
                    throw new IOException("a malformed chunk size: " + size);
                }
                if (n == 0) {
                    while (!line().isEmpty()) {
                        // trailers: not used
                    }
                    return body.toByteArray();
                }
                body.write(exactly(n));
                if (!line().isEmpty()) {
                    throw new IOException("a chunk not followed by CRLF");
                }
            }
        }

        private byte[] exactly(long n) throws IOException {
            if (n > Integer.MAX_VALUE - 8) {
                throw new IOException("an answer of " + n + " bytes is too large");
            }
            byte[] b = in.readNBytes((int) n);
            if (b.length < n) {
                throw new EOFException("the connection closed after " + b.length + " of " + n + " bytes of the answer");
            }
            return b;
        }

        private static long parseLength(String value) throws IOException {
            try {
                long n = Long.parseLong(value);
                if (n < 0) {
                    throw new NumberFormatException();
                }
                return n;
            } catch (NumberFormatException e) {
                throw new IOException("a malformed Content-Length: " + value);
            }
        }

        /** One line of the answer's head, without its CRLF. */
        private String line() throws IOException {
            StringBuilder b = new StringBuilder(64);
            while (true) {
                int c = in.read();
                if (c == -1) {
                    throw new EOFException(b.length() == 0 ? "the connection closed before an answer"
                            : "the connection closed within the answer's head");
                }
                if (c == '\n') {
                    int end = b.length();
                    return end > 0 && b.charAt(end - 1) == '\r' ? b.substring(0, end - 1) : b.toString();
                }
                if (b.length() == MAX_HEAD_LINE) {
                    throw new IOException("a line of the answer's head over " + MAX_HEAD_LINE + " bytes");
                }
                b.append((char) c);
            }
        }

        void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // Closing is best effort: the connection is dropped either way.
            }
            try {
                channel.close();
            } catch (IOException e) {
                // as above
            }
        }
    }
}
