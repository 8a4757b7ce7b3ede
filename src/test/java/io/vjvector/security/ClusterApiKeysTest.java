package io.vjvector.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.options.GetOption;
import io.vjvector.cluster.EtcdProcess;
import io.vjvector.cluster.TcpProxy;
import io.vjvector.cluster.coordination.ClusterKeys;
import io.vjvector.cluster.coordination.EtcdApiKeys;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Managed API keys kept in etcd, as two cluster nodes see them: each node is an {@link ApiKeyStore}
 * over its own etcd client and watch, so what one node creates or revokes, the other learns only
 * through etcd.
 */
@Tag("cluster")
@Timeout(60)
class ClusterApiKeysTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REVOCATION_BOUND = Duration.ofSeconds(1);
    /** Shorter than the 2 s default, to keep the test short; the mechanism does not depend on it. */
    private static final Duration MAX_STALENESS = Duration.ofSeconds(1);
    /** How long a healed link may take: gRPC reconnects, the watch resumes or re-reads, a confirmation passes. */
    private static final Duration HEALED_WITHIN = Duration.ofSeconds(20);
    private static final int ROUNDS = 20;

    private static ApiKeyGrant writerOf(String tenant) {
        return new ApiKeyGrant(AccessRole.WRITER, Optional.of(tenant), List.of(), Optional.empty());
    }

    @Test
    void aKeyCreatedOnOneNodeWorksOnAnotherAndARevocationOnEitherIsRefusedEverywhereWithinASecond() throws Exception {
        ClusterKeys keys = new ClusterKeys("keys");
        try (EtcdProcess etcd = EtcdProcess.start(); Client clientA = etcd.client(); Client clientB = etcd.client();
             EtcdApiKeys recordsA = EtcdApiKeys.start(clientA, keys, TIMEOUT, MAX_STALENESS);
             EtcdApiKeys recordsB = EtcdApiKeys.start(clientB, keys, TIMEOUT, MAX_STALENESS)) {
            ApiKeyStore nodeA = new ApiKeyStore(recordsA, Clock.systemUTC());
            ApiKeyStore nodeB = new ApiKeyStore(recordsB, Clock.systemUTC());
            List<Long> afterAck = new ArrayList<>();
            List<Long> fromRequest = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                IssuedApiKey key = nodeA.create(writerOf("acme"));
                assertNotNull(nodeA.authenticate(key.key(), false).caller(), "the creating node accepts it at once");
                awaitAccepted(nodeB, key);
                Caller onB = nodeB.authenticate(key.key(), true).caller();
                assertEquals("api-key:" + key.id(), onB.subject());
                assertEquals(Optional.of("acme"), onB.tenant());
                assertEquals(Access.global(AccessRole.WRITER), onB.access());

                // Alternate which node revokes: either must reach the other.
                ApiKeyStore revoker = round % 2 == 0 ? nodeB : nodeA;
                ApiKeyStore other = revoker == nodeB ? nodeA : nodeB;
                long requested = System.nanoTime();
                assertTrue(revoker.revoke(key.id()));
                long acknowledged = System.nanoTime();
                assertNull(revoker.authenticate(key.key(), false).caller(), "the revoking node refuses it at once");
                while (other.authenticate(key.key(), false).caller() != null) {
                    assertTrue(System.nanoTime() - requested < REVOCATION_BOUND.toNanos(),
                            "a revocation reaches the other node within " + REVOCATION_BOUND);
                    Thread.onSpinWait();
                }
                long refused = System.nanoTime();
                afterAck.add(Math.max(0, refused - acknowledged));
                fromRequest.add(refused - requested);
                assertFalse(other.revoke(key.id()), "revoked once, it is unknown everywhere");
            }
            System.out.printf("API key revocation over etcd, %d rounds: refused on the other node %s after the"
                            + " revoking node answered, %s after the revocation was asked for%n",
                    ROUNDS, summary(afterAck), summary(fromRequest));
        }
    }

    @Test
    void etcdHoldsOneVersionedRecordPerKeyWithItsSaltedHashButNeverItsSecret() throws Exception {
        ClusterKeys keys = new ClusterKeys("stored");
        try (EtcdProcess etcd = EtcdProcess.start(); Client client = etcd.client();
             EtcdApiKeys records = EtcdApiKeys.start(client, keys, TIMEOUT, MAX_STALENESS)) {
            ApiKeyStore store = new ApiKeyStore(records, Clock.systemUTC());
            IssuedApiKey first = store.create(writerOf("acme"));
            IssuedApiKey second = store.create(new ApiKeyGrant(AccessRole.READER, Optional.empty(), List.of("docs"),
                    Optional.empty()));
            List<KeyValue> stored = client.getKVClient().get(bytes(keys.apiKeys()),
                    GetOption.builder().isPrefix(true).build()).get(10, TimeUnit.SECONDS).getKvs();
            assertEquals(Set.of(keys.apiKey(first.id()), keys.apiKey(second.id())),
                    stored.stream().map(kv -> kv.getKey().toString(StandardCharsets.UTF_8)).collect(Collectors.toSet()));
            for (KeyValue kv : stored) {
                String json = kv.getValue().toString(StandardCharsets.UTF_8);
                assertFalse(json.contains(ApiKeyStore.secretOf(first.key())), json);
                assertFalse(json.contains(ApiKeyStore.secretOf(second.key())), json);
                assertTrue(json.contains("\"sha256\"") && json.contains("\"salt\"") && json.contains("\"version\":1"),
                        json);
            }
            assertEquals(List.of(first.id(), second.id()), store.list().stream().map(ApiKeyInfo::id).toList(),
                    "listed oldest first");

            // A node that starts later reads what is there.
            try (Client late = etcd.client(); EtcdApiKeys lateRecords = EtcdApiKeys.start(late, keys, TIMEOUT, MAX_STALENESS)) {
                assertNotNull(new ApiKeyStore(lateRecords, Clock.systemUTC()).authenticate(second.key(), false).caller());
            }
        }
    }

    @Test
    void aRecordOfAnUnknownVersionIsRefusedWithoutStoppingTheOthers() throws Exception {
        ClusterKeys keys = new ClusterKeys("versions");
        try (EtcdProcess etcd = EtcdProcess.start(); Client client = etcd.client();
             EtcdApiKeys records = EtcdApiKeys.start(client, keys, TIMEOUT, MAX_STALENESS)) {
            ApiKeyStore store = new ApiKeyStore(records, Clock.systemUTC());
            IssuedApiKey good = store.create(writerOf("acme"));
            IssuedApiKey future = store.create(writerOf("acme"));
            String json = client.getKVClient().get(bytes(keys.apiKey(future.id()))).get(10, TimeUnit.SECONDS)
                    .getKvs().get(0).getValue().toString(StandardCharsets.UTF_8);
            client.getKVClient().put(bytes(keys.apiKey(future.id())),
                    bytes(json.replace("\"version\":1", "\"version\":2"))).get(10, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (store.authenticate(future.key(), false).caller() != null) {
                assertTrue(System.nanoTime() < deadline, "a record of an unknown version is refused");
                Thread.sleep(10);
            }
            assertNotNull(store.authenticate(good.key(), false).caller());
        }
    }

    @Test
    void aNodeCutOffFromEtcdRefusesEveryManagedKeyOnceItsCopyIsStaleAndAfterHealingOnlyTheLiveOnesWork()
            throws Exception {
        ClusterKeys keys = new ClusterKeys("cut");
        try (EtcdProcess etcd = EtcdProcess.start(); TcpProxy link = TcpProxy.start(URI.create(etcd.endpoint()).getPort());
             Client direct = etcd.client();
             Client throughLink = Client.builder().endpoints("http://127.0.0.1:" + link.port()).build();
             EtcdApiKeys reachableRecords = EtcdApiKeys.start(direct, keys, TIMEOUT, MAX_STALENESS);
             EtcdApiKeys cutOffRecords = EtcdApiKeys.start(throughLink, keys, TIMEOUT, MAX_STALENESS)) {
            ApiKeyStore reachable = new ApiKeyStore(reachableRecords, Clock.systemUTC());
            ApiKeyStore cutOff = new ApiKeyStore(cutOffRecords, Clock.systemUTC());
            IssuedApiKey kept = reachable.create(writerOf("acme"));
            IssuedApiKey revoked = reachable.create(writerOf("acme"));
            awaitAccepted(cutOff, kept);
            awaitAccepted(cutOff, revoked);
            // Several confirmations have passed over the link before it is cut.
            Thread.sleep(MAX_STALENESS.toMillis());
            assertNotNull(cutOff.authenticate(kept.key(), false).caller());

            link.cut();
            long cut = System.nanoTime();
            assertTrue(reachable.revoke(revoked.id()));
            IssuedApiKey createdWhileCut = reachable.create(writerOf("acme"));
            while (cutOff.authenticate(revoked.key(), false).caller() != null) {
                Thread.sleep(1);
            }
            System.out.printf("a node cut off from etcd refused a key revoked elsewhere %.0f ms after the cut"
                    + " (bound %d ms)%n", (System.nanoTime() - cut) / 1e6, MAX_STALENESS.toMillis());
            // No read sent after the cut is answered, so the copy is past its bound from cut + bound on.
            sleepUntil(cut + MAX_STALENESS.toNanos() + TimeUnit.MILLISECONDS.toNanos(10));
            long holdUntil = System.nanoTime() + MAX_STALENESS.toNanos();
            do {
                for (IssuedApiKey key : List.of(kept, revoked, createdWhileCut)) {
                    Authentication refused = cutOff.authenticate(key.key(), false);
                    assertNull(refused.caller(), "no managed key is accepted while the copy is stale");
                    assertTrue(refused.unavailable(), refused.refusal());
                    assertEquals(503, refused.failure().status());
                    assertTrue(refused.refusal().startsWith("the API key store is unavailable"), refused.refusal());
                }
                Thread.sleep(50);
            } while (System.nanoTime() < holdUntil);
            assertNotNull(reachable.authenticate(kept.key(), false).caller(), "a node that reaches etcd is unaffected");

            link.heal();
            long healed = System.nanoTime();
            long deadline = healed + HEALED_WITHIN.toNanos();
            while (cutOff.authenticate(kept.key(), false).caller() == null) {
                assertTrue(System.nanoTime() < deadline, "a valid key works again once etcd answers: "
                        + cutOff.authenticate(kept.key(), false).refusal());
                Thread.sleep(10);
            }
            System.out.printf("keys accepted again %.0f ms after the link healed%n", (System.nanoTime() - healed) / 1e6);
            Authentication afterHealing = cutOff.authenticate(revoked.key(), false);
            assertNull(afterHealing.caller(), "the revocation made during the cut is known after healing");
            assertFalse(afterHealing.unavailable(), afterHealing.refusal());
            assertEquals("invalid API key or token", afterHealing.refusal());
            assertNotNull(cutOff.authenticate(createdWhileCut.key(), false).caller(), "so is the key created meanwhile");
            assertFalse(cutOff.revoke(revoked.id()), "revoked once, it is unknown on the healed node too");
        }
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    private static void awaitAccepted(ApiKeyStore node, IssuedApiKey key) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (node.authenticate(key.key(), false).caller() == null) {
            assertTrue(System.nanoTime() < deadline, "a key created on one node reaches the other");
            Thread.sleep(1);
        }
    }

    private static String summary(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return String.format("median %.2f ms / max %.2f ms", sorted.get(sorted.size() / 2) / 1e6,
                sorted.get(sorted.size() - 1) / 1e6);
    }

    private static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }
}
