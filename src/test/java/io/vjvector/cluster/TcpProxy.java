package io.vjvector.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A user-space TCP proxy on a loopback port in front of one target port, which a fault test can
 * {@link #cut} (a black hole: connections stay open but nothing passes, as in a network
 * partition; new connections are accepted and stall too), {@link #heal} (the stalled connections
 * are closed, since what they carried was dropped, and new ones pass again) and {@link #delay}
 * (every chunk is held that long before it is passed on). Stands in for network namespaces and
 * {@code tc netem}, which a test machine may not offer, and needs no privileges.
 *
 * <p>A proxy started with a way to tell a connection's source from the first bytes its client
 * sends ({@link #start(int, Function)}) can also cut only what comes from one source
 * ({@link #cutFrom}): with one proxy in front of each member of a group that all reach each other
 * at advertised addresses, that cuts the links from one member to another — the member's address
 * is the same for all its peers, so the proxy in front of it alone cannot.
 */
public final class TcpProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int targetPort;
    /** A link's source from its client's first chunk (null: unknown), or null when sources are not told apart. */
    private final Function<String, String> sourceOf;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private final Set<String> cutSources = ConcurrentHashMap.newKeySet();
    private volatile boolean cut;
    private volatile long delayMillis;
    private volatile boolean closed;

    /** One client connection and its connection to the target. */
    private final class Link {
        final Socket client;
        final Socket target;
        /** Set when a cut caught it: it carries nothing more and closes on heal. */
        volatile boolean poisoned;
        /** Where it comes from, once told by its first chunk ("" when unknown). */
        volatile String source;

        Link(Socket client, Socket target) {
            this.client = client;
            this.target = target;
        }

        void close() {
            links.remove(this);
            quietly(client);
            quietly(target);
        }
    }

    private TcpProxy(ServerSocket server, int targetPort, Function<String, String> sourceOf) {
        this.server = server;
        this.targetPort = targetPort;
        this.sourceOf = sourceOf;
    }

    /** A proxy on a free loopback port forwarding to {@code targetPort} on loopback. */
    public static TcpProxy start(int targetPort) throws IOException {
        return start(targetPort, null);
    }

    /**
     * A proxy that also tells each connection's source by {@code sourceOf}, applied to the first
     * chunk its client sends (read as ISO-8859-1; an HTTP request's line and headers), for
     * {@link #cutFrom}. A connection whose source it cannot tell (null) is cut only by {@link #cut}.
     */
    public static TcpProxy start(int targetPort, Function<String, String> sourceOf) throws IOException {
        ServerSocket server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        TcpProxy proxy = new TcpProxy(server, targetPort, sourceOf);
        Thread t = new Thread(proxy::acceptLoop, "tcp-proxy-" + server.getLocalPort() + "-to-" + targetPort);
        t.setDaemon(true);
        t.start();
        return proxy;
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Partitions: nothing passes until {@link #heal}. */
    public void cut() {
        cut = true;
        for (Link l : links) {
            l.poisoned = true;
        }
    }

    /** Ends a cut: connections it caught are closed (their peers reconnect), new ones pass. */
    public void heal() {
        cut = false;
        closeHealedLinks();
    }

    /** Partitions what comes from {@code source} only (see {@link #start(int, Function)}) until {@link #healFrom}. */
    public void cutFrom(String source) {
        cutSources.add(source);
        for (Link l : links) {
            if (source.equals(l.source)) {
                l.poisoned = true;
            }
        }
    }

    /** Ends {@link #cutFrom}: that source's connections it caught are closed, new ones pass. */
    public void healFrom(String source) {
        cutSources.remove(source);
        closeHealedLinks();
    }

    private void closeHealedLinks() {
        for (Link l : links) {
            if (l.poisoned && !cut && (l.source == null || !cutSources.contains(l.source))) {
                l.close();
            }
        }
    }

    /** Tells the link's source from its first chunk and poisons it if that source is cut. */
    private void identify(Link link, byte[] chunk, int length) {
        String source = sourceOf.apply(new String(chunk, 0, length, StandardCharsets.ISO_8859_1));
        link.source = source == null ? "" : source;
        // cutFrom adds the source before it looks at the links: one of the two sees the other.
        if (cutSources.contains(link.source)) {
            link.poisoned = true;
        }
    }

    /** Holds every chunk {@code millis} before passing it on (0: none). */
    public void delay(long millis) {
        delayMillis = millis;
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            Socket target = new Socket();
            try {
                if (!cut) {
                    target.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 2000);
                }
            } catch (IOException e) {
                quietly(client);
                quietly(target);
                continue;
            }
            Link link = new Link(client, target);
            link.poisoned = cut;
            links.add(link);
            if (!link.poisoned) {
                pump(link, client, target, "up");
                pump(link, target, client, "down");
            }
        }
    }

    private void pump(Link link, Socket from, Socket to, String direction) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16 << 10];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (sourceOf != null && link.source == null && from == link.client) {
                        identify(link, buffer, n);
                    }
                    if (link.poisoned) {
                        continue;
                    }
                    long delay = delayMillis;
                    if (delay > 0) {
                        Thread.sleep(delay);
                    }
                    if (link.poisoned) {
                        continue;
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // the other side closed, or heal closed the link
            } finally {
                if (!link.poisoned) {
                    link.close();
                }
            }
        }, "tcp-proxy-" + port() + "-" + direction);
        t.setDaemon(true);
        t.start();
    }

    private static void quietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        for (Link l : links) {
            l.close();
        }
    }
}
