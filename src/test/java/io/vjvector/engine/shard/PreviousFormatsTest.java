package io.vjvector.engine.shard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vjvector.engine.index.Distance;
import io.vjvector.engine.index.FlatIndex;
import io.vjvector.engine.index.IndexCheckpoint;
import io.vjvector.engine.index.IndexConfig;
import io.vjvector.engine.index.VectorValue;
import io.vjvector.engine.kernels.VectorKernels;
import io.vjvector.engine.kernels.VectorKernelsProvider;
import io.vjvector.engine.point.PointId;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Files written before named vectors, byte for byte as that release wrote them: a version-1
 * checkpoint (one unnamed index) and a type-1 upsert log record (one unnamed vector per point)
 * load into today's shard unchanged.
 */
class PreviousFormatsTest {

    private static final VectorKernels KERNELS = VectorKernelsProvider.fromSystemProperty();

    private static ShardSpec spec() {
        return new ShardSpec(new IndexConfig(3, Distance.DOT, 16, 100, true), KERNELS, new SearchDefaults(0, 100, 16),
                new AtomicLong(10)::getAndIncrement);
    }

    @Test
    void aVersionOneCheckpointLoadsAsTheUnnamedVector() throws IOException {
        FlatIndex index = new FlatIndex(3, Distance.DOT, KERNELS);
        index.add(new float[] {1, 0, 0});
        index.add(new float[] {0, 1, 0});
        index.add(new float[] {0, 0, 1});
        index.delete(1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x564A4350);
        out.writeInt(1);
        out.writeLong(7);
        out.writeLong(6);
        out.writeInt(1);
        out.writeUTF("city");
        out.writeUTF("keyword");
        IndexCheckpoint.capture(index).writeTo(out);
        out.writeInt(2);
        point(out, 0, 100, 4, "{\"city\":\"Berlin\"}");
        point(out, 2, 102, 6, "");
        out.writeInt(0x564A4345);
        out.flush();

        ShardCheckpoint.Loaded loaded = ShardCheckpoint.read(new ByteArrayInputStream(bytes.toByteArray()), "v1", spec(),
                OperationLog.none());
        Shard shard = loaded.shard();
        assertEquals(2, shard.pointCount());
        assertEquals(7, loaded.sequence());
        List<ScoredHit> hits = shard.search(new ShardSearch(new float[] {0, 0, 1}, 1, null, null, true, null, true, true));
        assertEquals(PointId.of(102), hits.get(0).point().id());
        assertArrayEquals(new float[] {0, 0, 1}, hits.get(0).point().vector());
        assertEquals("Berlin", shard.retrieve(List.of(PointId.of(100)), true, true).get(0).payload().get("city").asText());
        assertEquals(1, shard.fieldIndexes().get("city").points());
    }

    private static void point(DataOutputStream out, int ordinal, long id, long version, String json) throws IOException {
        out.writeInt(ordinal);
        out.writeByte(0);
        out.writeLong(Long.reverseBytes(id));
        out.writeLong(version);
        byte[] payload = json.getBytes(StandardCharsets.UTF_8);
        out.writeInt(payload.length);
        out.write(payload);
    }

    @Test
    void aTypeOneUpsertRecordReplaysAsTheUnnamedVector() {
        byte[] payload = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocate(8 + 4 + 4 + 2 * (9 + 12 + 4) + payload.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(42).putInt(2).putInt(3);
        buf.put((byte) 0).putLong(1).putFloat(1).putFloat(2).putFloat(3).putInt(payload.length).put(payload);
        buf.put((byte) 0).putLong(2).putFloat(4).putFloat(5).putFloat(6).putInt(0);
        OperationCodec.Logged logged = OperationCodec.decode(OperationCodec.UPSERT, buf.array());
        assertEquals(42, logged.operationId());
        Shard shard = spec().create(OperationLog.none());
        shard.replay(1, OperationCodec.UPSERT, buf.array());
        StoredPoint p = shard.retrieve(List.of(PointId.of(2)), true, VectorSelection.ALL).get(0);
        assertArrayEquals(new float[] {4, 5, 6}, ((VectorValue.Dense) p.vectors().get("")).values());
        assertEquals(1, shard.retrieve(List.of(PointId.of(1)), true, true).get(0).payload().get("a").asInt());
        assertEquals(42, shard.lastOperationId());
    }
}
