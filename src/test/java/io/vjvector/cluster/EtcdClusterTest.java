package io.vjvector.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.options.GetOption;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Three etcd members with proxied peer links: one is cut off, the other two go on, and it catches up. */
@Tag("cluster")
@Timeout(120)
class EtcdClusterTest {

    @Test
    void anIsolatedMemberLosesItsLeaderWhileTheMajorityServesAndCatchesUpOnceHealed() throws Exception {
        try (EtcdCluster etcd = EtcdCluster.start(3)) {
            EtcdProcess isolated = etcd.members().get(2);
            try (Client majority = Client.builder().endpoints(etcd.members().get(0).endpoint(),
                    etcd.members().get(1).endpoint()).build(); Client alone = isolated.client()) {
                put(majority, "before", "1");
                etcd.isolate(isolated);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (isolated.healthy() && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertTrue(!isolated.healthy(), "the isolated member still sees a leader");
                put(majority, "during", "2");
                assertEquals("2", get(majority, "during", false));
                assertEquals(null, get(alone, "during", true), "the isolated member applied a write it was cut from");
                etcd.heal(isolated);
                isolated.awaitHealthy();
                deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (get(alone, "during", true) == null && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertEquals("2", get(alone, "during", true), "the healed member did not catch up");
            }
        }
    }

    @Test
    void whenTheLeaderIsCutOffTheOtherTwoElectAnotherWithinAFewElectionTimeouts() throws Exception {
        try (EtcdCluster etcd = EtcdCluster.start(3)) {
            for (int round = 0; round < 3; round++) {
                EtcdProcess leader = etcd.leader();
                assertTrue(leader != null, "no leader before the cut");
                long cut = System.nanoTime();
                etcd.isolate(leader);
                EtcdProcess next = null;
                long deadline = cut + TimeUnit.SECONDS.toNanos(10);
                while ((next == null || next == leader) && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                    next = etcd.leader();
                }
                double elected = (System.nanoTime() - cut) / 1e9;
                System.out.printf("round %d: cut %s (the leader); %s leads %.2f s later%n", round, leader.name(),
                        next == null ? "none" : next.name(), elected);
                assertTrue(next != null && next != leader, "the other two elected no leader within 10 s");
                etcd.heal(leader);
                leader.awaitHealthy();
            }
        }
    }

    private static void put(Client client, String key, String value) throws Exception {
        client.getKVClient().put(bytes(key), bytes(value)).get(10, TimeUnit.SECONDS);
    }

    /** The value, read linearizably or from the member's own copy ({@code serializable}); null when absent. */
    private static String get(Client client, String key, boolean serializable) throws Exception {
        var kvs = client.getKVClient().get(bytes(key), GetOption.builder().withSerializable(serializable).build())
                .get(10, TimeUnit.SECONDS).getKvs();
        return kvs.isEmpty() ? null : kvs.get(0).getValue().toString(StandardCharsets.UTF_8);
    }

    private static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }
}
