package io.vjvector.bench.http;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive HTTP/1.1 connection with a blocking socket and nothing else: a request is a
 * single write of pre-rendered bytes, a response is read by {@code Content-Length} (or chunks).
 * The JDK's {@code HttpClient} spends tens of microseconds per request on its own machinery,
 * which would be counted as the server's overhead; this client spends a few.
 */
final class LoopbackClient implements AutoCloseable {

    private final String host;
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream(4096);
    private int status;

    LoopbackClient(String host, int port) throws IOException {
        this.host = host + ":" + port;
        this.socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port), 5000);
        this.out = socket.getOutputStream();
        this.in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
    }

    /** A complete request (head and body) for this connection, to be sent as often as wanted. */
    byte[] request(String method, String path, String json) {
        byte[] content = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        String head = method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\n"
                + (json == null ? "" : "Content-Type: application/json\r\n")
                + "Content-Length: " + content.length + "\r\n\r\n";
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[h.length + content.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(content, 0, all, h.length, content.length);
        return all;
    }

    /** Sends a request made by {@link #request} and reads the whole response; returns its status. */
    int send(byte[] request) throws IOException {
        out.write(request);
        out.flush();
        readResponse();
        return status;
    }

    /** The body of the last response. */
    String body() {
        return body.toString(StandardCharsets.UTF_8);
    }

    private void readResponse() throws IOException {
        String statusLine = line();
        status = Integer.parseInt(statusLine.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            String name = header.substring(0, colon).trim();
            String value = header.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("content-length")) {
                length = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("transfer-encoding") && value.equalsIgnoreCase("chunked")) {
                chunked = true;
            }
        }
        body.reset();
        if (chunked) {
            for (int size = Integer.parseInt(line().trim(), 16); size > 0; size = Integer.parseInt(line().trim(), 16)) {
                copy(size);
                line();
            }
            line();
        } else if (length > 0) {
            copy(length);
        }
    }

    private void copy(long n) throws IOException {
        for (long i = 0; i < n; i++) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed mid-body");
            }
            body.write(b);
        }
    }

    private String line() throws IOException {
        StringBuilder s = new StringBuilder(64);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed");
            }
            if (b != '\r') {
                s.append((char) b);
            }
        }
        return s.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
