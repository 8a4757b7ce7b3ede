package io.vjvector.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The test etcd keeps its data across a restart and answers nothing while paused. */
@Tag("cluster")
@Timeout(60)
class EtcdProcessTest {

    private static final ByteSequence KEY = ByteSequence.from("k", StandardCharsets.UTF_8);

    @Test
    void dataSurvivesARestartAndAPausedMemberAnswersNothingUntilResumed() throws Exception {
        try (EtcdProcess etcd = EtcdProcess.start(); Client client = etcd.client()) {
            client.getKVClient().put(KEY, ByteSequence.from("v", StandardCharsets.UTF_8)).get(10, TimeUnit.SECONDS);
            etcd.restart();
            assertEquals("v", value(client));
            etcd.pause();
            try {
                assertThrows(TimeoutException.class, () -> client.getKVClient().get(KEY).get(500, TimeUnit.MILLISECONDS));
            } finally {
                etcd.resume();
            }
            assertEquals("v", value(client));
        }
    }

    private static String value(Client client) throws Exception {
        return client.getKVClient().get(KEY).get(20, TimeUnit.SECONDS).getKvs().get(0).getValue().toString(StandardCharsets.UTF_8);
    }
}
