package io.vjvector.engine.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjvector.engine.storage.WalRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The wire form of replication messages round-trips and refuses damaged or foreign input. */
class ReplicationCodecTest {

    private static final long SEED = Long.getLong("vjvector.test.seed", System.nanoTime());

    private static ReplicationBatch batch(Random rnd) {
        long prev = rnd.nextInt(1000);
        long epoch = 1 + rnd.nextInt(5);
        List<WalRecord> records = new ArrayList<>();
        int n = rnd.nextInt(6);
        for (int i = 0; i < n; i++) {
            byte[] payload = new byte[rnd.nextInt(50)];
            rnd.nextBytes(payload);
            epoch += rnd.nextInt(2);
            records.add(new WalRecord(epoch, prev + 1 + i, (byte) (1 + rnd.nextInt(8)), payload));
        }
        return new ReplicationBatch(epoch + rnd.nextInt(2), prev, prev == 0 ? -1 : 1, rnd.nextInt(1000), records);
    }

    @Test
    void batchesResultsAndEpochEndsRoundTrip() {
        System.out.println("ReplicationCodecTest seed=" + SEED + " (replay with -Dvjvector.test.seed=" + SEED + ")");
        Random rnd = new Random(SEED);
        for (int i = 0; i < 200; i++) {
            ReplicationBatch b = batch(rnd);
            assertEquals(b, ReplicationCodec.decodeBatch(ReplicationCodec.encode(b)), "seed=" + SEED);
        }
        for (ApplyResult.Outcome o : ApplyResult.Outcome.values()) {
            ApplyResult r = new ApplyResult(o, 42, 7);
            assertEquals(r, ReplicationCodec.decodeResult(ReplicationCodec.encode(r)));
        }
        assertEquals(new EpochEnd(3, 99), ReplicationCodec.decodeEpochEnd(ReplicationCodec.encode(new EpochEnd(3, 99))));
        assertEquals(EpochEnd.unknown(), ReplicationCodec.decodeEpochEnd(ReplicationCodec.encode(EpochEnd.unknown())));
    }

    @Test
    void everyFlippedByteAndEveryCutIsRefused() {
        Random rnd = new Random(SEED);
        ReplicationBatch b;
        do {
            b = batch(rnd);
        } while (b.records().isEmpty());
        byte[] good = ReplicationCodec.encode(b);
        for (int i = 0; i < good.length; i++) {
            byte[] bad = good.clone();
            bad[i] ^= (byte) (1 + rnd.nextInt(255));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ReplicationCodec.decodeBatch(bad), "byte " + i + " seed=" + SEED);
            assertTrue(e.getMessage().startsWith("malformed replication batch"), e.getMessage());
        }
        for (int len = 0; len < good.length; len++) {
            byte[] cut = Arrays.copyOf(good, len);
            assertThrows(IllegalArgumentException.class, () -> ReplicationCodec.decodeBatch(cut), "length " + len);
        }
    }

    @Test
    void otherVersionsAndKindsAreRefusedByName() {
        byte[] result = ReplicationCodec.encode(new ApplyResult(ApplyResult.Outcome.APPLIED, 1, 1));
        IllegalArgumentException kind = assertThrows(IllegalArgumentException.class,
                () -> ReplicationCodec.decodeBatch(result));
        assertTrue(kind.getMessage().contains("bad magic"), kind.getMessage());
        byte[] future = ReplicationCodec.encode(new ReplicationBatch(1, 0, -1, 0, List.of()));
        future[5] = 2;
        IllegalArgumentException version = assertThrows(IllegalArgumentException.class,
                () -> ReplicationCodec.decodeBatch(future));
        assertTrue(version.getMessage().contains("unsupported version 2"), version.getMessage());
    }
}
