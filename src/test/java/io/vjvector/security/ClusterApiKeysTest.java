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
import io.vjvector.cluster.coordination.ClusterKeys;
import io.vjvector.cluster.coordination.EtcdApiKeys;
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
    private static final int ROUNDS = 20;

    private static ApiKeyGrant writerOf(String tenant) {
        return new ApiKeyGrant(AccessRole.WRITER, Optional.of(tenant), List.of(), Optional.empty());
    }

    @Test
    void aKeyCreatedOnOneNodeWorksOnAnotherAndARevocationOnEitherIsRefusedEverywhereWithinASecond() throws Exception {
        ClusterKeys keys = new ClusterKeys("keys");
        try (EtcdProcess etcd = EtcdProcess.start(); Client clientA = etcd.client(); Client clientB = etcd.client();
             EtcdApiKeys recordsA = EtcdApiKeys.start(clientA, keys, TIMEOUT);
             EtcdApiKeys recordsB = EtcdApiKeys.start(clientB, keys, TIMEOUT)) {
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
             EtcdApiKeys records = EtcdApiKeys.start(client, keys, TIMEOUT)) {
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
            try (Client late = etcd.client(); EtcdApiKeys lateRecords = EtcdApiKeys.start(late, keys, TIMEOUT)) {
                assertNotNull(new ApiKeyStore(lateRecords, Clock.systemUTC()).authenticate(second.key(), false).caller());
            }
        }
    }

    @Test
    void aRecordOfAnUnknownVersionIsRefusedWithoutStoppingTheOthers() throws Exception {
        ClusterKeys keys = new ClusterKeys("versions");
        try (EtcdProcess etcd = EtcdProcess.start(); Client client = etcd.client();
             EtcdApiKeys records = EtcdApiKeys.start(client, keys, TIMEOUT)) {
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
