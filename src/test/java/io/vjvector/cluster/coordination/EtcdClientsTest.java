package io.vjvector.cluster.coordination;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.options.WatchOption;
import io.vjvector.cluster.EtcdCluster;
import io.vjvector.cluster.EtcdProcess;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A node's etcd client, with one of three members cut off from the other two: nothing stalls on
 * or fails through the cut-off member. Without the require-leader metadata, a write that lands on
 * it hangs about 5 s and fails as {@code context deadline exceeded}, and a watch on it goes quiet;
 * with the metadata alone, such a write fails at once ({@code no leader}) and jetcd does not retry it.
 */
@Tag("cluster")
@Timeout(120)
class EtcdClientsTest {

    private static final ByteSequence KEY = ByteSequence.from("k", StandardCharsets.UTF_8);

    @Test
    void callsLandingOnAMemberWithoutALeaderFailFastAndWatchesOnItEnd() throws Exception {
        try (EtcdCluster etcd = EtcdCluster.start(3)) {
            EtcdProcess isolated = etcd.members().get(2);
            List<Client> clients = new ArrayList<>();
            List<AtomicInteger> events = new ArrayList<>();
            List<AtomicBoolean> ended = new ArrayList<>();
            try {
                // Several clients, so that some watch through the member about to be cut off.
                for (int i = 0; i < 6; i++) {
                    Client client = EtcdClients.connect(etcd.endpoints());
                    AtomicInteger seen = new AtomicInteger();
                    AtomicBoolean error = new AtomicBoolean();
                    client.getWatchClient().watch(KEY, WatchOption.builder().build(),
                            Watch.listener(r -> seen.addAndGet(r.getEvents().size()), e -> error.set(true)));
                    clients.add(client);
                    events.add(seen);
                    ended.add(error);
                }
                etcd.isolate(isolated);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (isolated.healthy() && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                Client client = clients.get(0);
                // Round robin over three members: of nine writes and nine reads, some land on the cut-off one.
                for (int i = 0; i < 9; i++) {
                    long start = System.nanoTime();
                    client.getKVClient().put(KEY, KEY).get(10, TimeUnit.SECONDS);
                    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(1), "a write took over a second");
                    start = System.nanoTime();
                    client.getKVClient().get(KEY).get(10, TimeUnit.SECONDS);
                    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(1), "a read took over a second");
                }
                // etcd ends a require-leader watch after three election timeouts without a leader.
                deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (System.nanoTime() < deadline && !everyWatchSawAWriteOrEnded(events, ended)) {
                    Thread.sleep(50);
                }
                assertTrue(everyWatchSawAWriteOrEnded(events, ended), "a watch went quiet: events " + events
                        + ", ended " + ended);
                etcd.heal(isolated);
                isolated.awaitHealthy();
                assertEquals(1, client.getKVClient().get(KEY).get(10, TimeUnit.SECONDS).getKvs().size());
            } finally {
                clients.forEach(Client::close);
            }
        }
    }

    private static boolean everyWatchSawAWriteOrEnded(List<AtomicInteger> events, List<AtomicBoolean> ended) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).get() == 0 && !ended.get(i).get()) {
                return false;
            }
        }
        return true;
    }
}
