package io.vjvector.cluster.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The blocking HTTP/1.1 exchanges between nodes, against a raw loopback server whose answers the
 * tests write byte by byte: connections kept alive and reused, answers framed by length, by chunks
 * or by the end of the connection, a connection the peer closed while idle replaced before use.
 */
@Tag("cluster")
class NodeConnectionsTest {

    private final List<RawServer> servers = new ArrayList<>();
    private final NodeConnections connections = new NodeConnections(Duration.ofSeconds(5));

    @AfterEach
    void stop() throws IOException {
        connections.close();
        for (RawServer s : servers) {
            s.close();
        }
    }

    private RawServer server(Function<String, Answer> answer) throws IOException {
        RawServer s = new RawServer(answer);
        servers.add(s);
        return s;
    }

    /** What the server writes for a request, and whether it closes the connection after it. */
    private record Answer(String bytes, boolean closeAfter) {
        static Answer sized(int status, String body) {
            return new Answer("HTTP/1.1 " + status + " X\r\ncontent-length: " + body.length() + "\r\n\r\n" + body, false);
        }
    }

    @Test
    void consecutivePostsToANodeReuseOneConnectionAndSendHeadersAndBody() throws IOException {
        RawServer s = server(request -> Answer.sized(200, "echo:" + request.substring(request.indexOf("\r\n\r\n") + 4)));
        for (int i = 0; i < 5; i++) {
            NodeConnections.Reply reply = connections.post(s.url(), "/internal/x", "application/octet-stream",
                    Map.of("X-Test", "v" + i), ("body" + i).getBytes(StandardCharsets.UTF_8));
            assertEquals(200, reply.status());
            assertEquals("echo:body" + i, new String(reply.body(), StandardCharsets.UTF_8));
        }
        assertEquals(1, s.accepted(), "every post after the first reuses the kept-alive connection");
        String first = s.requests.get(0);
        assertTrue(first.startsWith("POST /internal/x HTTP/1.1\r\n"), first);
        String lower = first.toLowerCase(Locale.ROOT);
        assertTrue(lower.contains("\r\ncontent-length: 5\r\n") && lower.contains("\r\nx-test: v0\r\n")
                && lower.contains("\r\nhost: " + s.hostPort() + "\r\n"), first);
    }

    @Test
    void aChunkedAnswerIsReadWholeAndTheConnectionKept() throws IOException {
        RawServer s = server(request -> new Answer(
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4;ext=1\r\nabcd\r\n3\r\nefg\r\n0\r\n\r\n", false));
        for (int i = 0; i < 2; i++) {
            assertArrayEquals("abcdefg".getBytes(StandardCharsets.UTF_8),
                    connections.post(s.url(), "/p", "text/plain", Map.of(), new byte[0]).body());
        }
        assertEquals(1, s.accepted());
    }

    @Test
    void anAnswerOtherThan200IsReturnedWithItsBody() throws IOException {
        RawServer s = server(request -> Answer.sized(401, "{\"status\":{\"error\":\"no\"}}"));
        NodeConnections.Reply reply = connections.post(s.url(), "/p", "text/plain", Map.of(), new byte[0]);
        assertEquals(401, reply.status());
        assertEquals("{\"status\":{\"error\":\"no\"}}", new String(reply.body(), StandardCharsets.UTF_8));
    }

    @Test
    void aConnectionThePeerClosedWhileIdleIsReplacedBeforeTheNextPost() throws Exception {
        RawServer s = server(request -> new Answer(Answer.sized(200, "ok").bytes(), true));
        assertEquals("ok", new String(connections.post(s.url(), "/p", "text/plain", Map.of(), new byte[0]).body(),
                StandardCharsets.UTF_8));
        Thread.sleep(200); // the server's close reaches this side while the connection is idle in the pool
        assertEquals("ok", new String(connections.post(s.url(), "/p", "text/plain", Map.of(), new byte[0]).body(),
                StandardCharsets.UTF_8));
        assertEquals(2, s.accepted());
        assertEquals(2, s.requests.size(), "no request was written into the closed connection");
    }

    @Test
    void anAnswerThatSaysCloseOrHasNoLengthIsNotReused() throws IOException {
        List<String> answers = List.of("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nConnection: close\r\n\r\na",
                "HTTP/1.0 200 OK\r\n\r\nbb");
        for (String bytes : answers) {
            RawServer s = server(request -> new Answer(bytes, true));
            connections.post(s.url(), "/p", "text/plain", Map.of(), new byte[0]);
            connections.post(s.url(), "/p", "text/plain", Map.of(), new byte[0]);
            assertEquals(2, s.accepted(), bytes);
        }
    }

    @Test
    void aNodeWithNothingListeningIsAConnectFailure() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port;
        assertThrows(ConnectException.class, () -> connections.post(url, "/p", "text/plain", Map.of(), new byte[0]));
    }

    @Test
    void anAnswerCutShortIsAnIoFailure() throws IOException {
        RawServer s = server(request -> new Answer("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", true));
        IOException e = assertThrows(IOException.class,
                () -> connections.post(s.url(), "/p", "text/plain", Map.of(), new byte[0]));
        assertTrue(e.getMessage().contains("expected: 10; received: 3"), e.getMessage());
    }

    @Test
    void aRequestThatGotNoAnswerIsNotSentAgain() throws IOException {
        RawServer s = server(request -> new Answer("", true));
        assertThrows(IOException.class, () -> connections.post(s.url(), "/p", "text/plain", Map.of(), new byte[0]));
        assertEquals(1, s.requests.size(), "a write that got no answer may have been applied: never resent");
        assertEquals(1, s.accepted());
    }

    /** A loopback server that reads each request (head, then Content-Length bytes) and writes a scripted answer. */
    private static final class RawServer implements AutoCloseable {

        final List<String> requests = new CopyOnWriteArrayList<>();
        private final ServerSocket socket;
        private final Function<String, Answer> answer;
        private final List<Socket> open = new CopyOnWriteArrayList<>();
        private volatile int accepted;

        RawServer(Function<String, Answer> answer) throws IOException {
            this.answer = answer;
            this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread t = new Thread(this::acceptLoop, "raw-server");
            t.setDaemon(true);
            t.start();
        }

        String url() {
            return "http://" + hostPort();
        }

        String hostPort() {
            return "127.0.0.1:" + socket.getLocalPort();
        }

        int accepted() {
            return accepted;
        }

        private void acceptLoop() {
            while (!socket.isClosed()) {
                try {
                    Socket c = socket.accept();
                    accepted++;
                    open.add(c);
                    Thread t = new Thread(() -> serve(c), "raw-connection");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void serve(Socket c) {
            try (c; InputStream in = c.getInputStream(); OutputStream out = c.getOutputStream()) {
                while (true) {
                    String request = readRequest(in);
                    if (request == null) {
                        return;
                    }
                    requests.add(request);
                    Answer a = answer.apply(request);
                    out.write(a.bytes().getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    if (a.closeAfter()) {
                        return;
                    }
                }
            } catch (IOException e) {
                // the client went away
            }
        }

        private static String readRequest(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            while (matched < 4) {
                int b = in.read();
                if (b == -1) {
                    return null;
                }
                head.write(b);
                matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            String text = head.toString(StandardCharsets.ISO_8859_1);
            int length = 0;
            for (String line : text.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(15).trim());
                }
            }
            return text + new String(in.readNBytes(length), StandardCharsets.ISO_8859_1);
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket c : open) {
                c.close();
            }
        }
    }
}
