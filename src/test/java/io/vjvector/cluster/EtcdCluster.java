package io.vjvector.cluster;

import io.etcd.jetcd.Client;
import io.vjvector.cluster.coordination.EtcdClients;
import io.vjvector.engine.storage.DirectoryTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The etcd a test cluster runs on: one {@link EtcdProcess}, or several members on loopback as
 * one etcd cluster whose peer links run through {@link TcpProxy} instances, so that a member can
 * be cut from the others ({@link #isolate}) — a black hole both ways, as a partition looks to
 * TCP — while its clients still reach it.
 *
 * <p>Each member advertises the proxy in front of its peer port; every peer reaches it there. The
 * proxy alone cuts what reaches the member; what the member itself sends goes through the other
 * members' proxies, which tell it apart by the {@code X-PeerURLs} header etcd puts on every
 * request between members (the sender's advertised peer URLs: the sender's own proxy).
 *
 * <p>Raft timing for several members is 25 ms heartbeats and a 250 ms election timeout: short
 * enough that a new etcd leader is elected well within the nodes' 2 s lease TTL, long enough that
 * members starved of CPU on a busy machine do not depose their leader. Pre-vote is on, so an
 * isolated member does not disrupt the majority when it comes back.
 */
public final class EtcdCluster implements AutoCloseable {

    private static final int HEARTBEAT_MILLIS = 25;
    private static final int ELECTION_MILLIS = 250;

    private final Path dir;
    private final List<EtcdProcess> members;
    /** The proxy in front of each member's peer port (empty for a single member). */
    private final List<TcpProxy> peerProxies;

    private EtcdCluster(Path dir, List<EtcdProcess> members, List<TcpProxy> peerProxies) {
        this.dir = dir;
        this.members = List.copyOf(members);
        this.peerProxies = List.copyOf(peerProxies);
    }

    /** One member, as {@link EtcdProcess#start()}. */
    public static EtcdCluster single() throws IOException {
        return new EtcdCluster(null, List.of(EtcdProcess.start()), List.of());
    }

    /**
     * Starts {@code size} members (named {@code etcd-1} …) with proxied peer links and waits until
     * every one answers {@code /health}.
     */
    public static EtcdCluster start(int size) throws IOException {
        if (size == 1) {
            return single();
        }
        Path dir = Files.createTempDirectory("vjvector-etcd-cluster-");
        List<TcpProxy> proxies = new ArrayList<>();
        List<EtcdProcess> members = new ArrayList<>();
        try {
            int[] peerPorts = new int[size];
            List<String> names = new ArrayList<>();
            List<String> advertised = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                peerPorts[i] = EtcdProcess.freePort();
                names.add("etcd-" + (i + 1));
            }
            for (int i = 0; i < size; i++) {
                proxies.add(TcpProxy.start(peerPorts[i], first -> senderOf(first, names, advertised)));
                advertised.add("http://127.0.0.1:" + proxies.get(i).port());
            }
            String initialCluster = java.util.stream.IntStream.range(0, size)
                    .mapToObj(i -> names.get(i) + "=" + advertised.get(i)).collect(Collectors.joining(","));
            for (int i = 0; i < size; i++) {
                members.add(EtcdProcess.member(dir.resolve(names.get(i)), names.get(i), EtcdProcess.freePort(),
                        peerPorts[i], advertised.get(i), initialCluster, HEARTBEAT_MILLIS, ELECTION_MILLIS));
            }
            for (EtcdProcess m : members) {
                m.spawn();
            }
            for (EtcdProcess m : members) {
                m.awaitHealthy();
            }
            return new EtcdCluster(dir, members, proxies);
        } catch (IOException | RuntimeException e) {
            new EtcdCluster(dir, members, proxies).close();
            throw e;
        }
    }

    /** The member whose advertised peer URL the {@code X-PeerURLs} header of a peer request names, or null. */
    private static String senderOf(String firstChunk, List<String> names, List<String> advertised) {
        for (String line : firstChunk.split("\r\n")) {
            if (line.isEmpty()) {
                break;
            }
            if (line.toLowerCase(Locale.ROOT).startsWith("x-peerurls:")) {
                String urls = line.substring("x-peerurls:".length()).trim();
                for (int i = 0; i < advertised.size(); i++) {
                    if (List.of(urls.split(",")).contains(advertised.get(i))) {
                        return names.get(i);
                    }
                }
            }
        }
        return null;
    }

    public List<EtcdProcess> members() {
        return members;
    }

    public EtcdProcess member(String name) {
        return members.stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
    }

    /** Every member's client URL, in member order. */
    public List<String> endpoints() {
        return members.stream().map(EtcdProcess::endpoint).toList();
    }

    /** A new client of every member, built as the nodes build theirs; the caller closes it. */
    public Client client() {
        return EtcdClients.connect(endpoints());
    }

    /** The member that is the etcd cluster's raft leader now, or null when none is. */
    public EtcdProcess leader() {
        for (EtcdProcess m : members) {
            try {
                if (m.isLeader()) {
                    return m;
                }
            } catch (IOException e) {
                // not answering: not the leader as far as a test can tell
            }
        }
        return null;
    }

    /** Cuts {@code member} from every other member, both ways; its clients still reach it. */
    public void isolate(EtcdProcess member) {
        int i = members.indexOf(member);
        requireProxied();
        peerProxies.get(i).cut();
        for (int j = 0; j < members.size(); j++) {
            if (j != i) {
                peerProxies.get(j).cutFrom(member.name());
            }
        }
    }

    /** Ends {@link #isolate}: the stalled peer connections close and the member reconnects. */
    public void heal(EtcdProcess member) {
        int i = members.indexOf(member);
        requireProxied();
        peerProxies.get(i).heal();
        for (int j = 0; j < members.size(); j++) {
            if (j != i) {
                peerProxies.get(j).healFrom(member.name());
            }
        }
    }

    private void requireProxied() {
        if (peerProxies.isEmpty()) {
            throw new IllegalStateException("a single etcd member has no peers to be cut from");
        }
    }

    /** Stops every member and starts them again on their data, then waits until each is healthy. */
    public void restart() throws IOException {
        for (EtcdProcess m : members) {
            m.stop();
        }
        for (EtcdProcess m : members) {
            m.spawn();
        }
        for (EtcdProcess m : members) {
            m.awaitHealthy();
        }
    }

    @Override
    public void close() {
        for (EtcdProcess m : members) {
            m.close();
        }
        for (TcpProxy p : peerProxies) {
            p.close();
        }
        if (dir != null) {
            try {
                DirectoryTree.delete(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
