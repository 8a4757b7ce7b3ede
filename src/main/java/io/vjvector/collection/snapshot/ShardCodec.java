package io.vjvector.collection.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vjvector.collection.PointRecord;
import io.vjvector.collection.PointStruct;
import io.vjvector.collection.ScrollRequest;
import io.vjvector.collection.ShardHandle;
import io.vjvector.collection.ShardRouter;
import io.vjvector.collection.WithPayload;
import io.vjvector.engine.point.PointId;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Encodes one shard's points into a snapshot entry and decodes them into an empty shard: every
 * live point with its id, stored vector and payload, in id order.
 *
 * <pre>
 * point*: u8 1  id (u8 0 + i64 | u8 1 + i64 i64)  f32[dimension] vector  i32 n  payload JSON (n bytes)
 * u8 0  i64 number of points
 * </pre>
 */
final class ShardCodec {

    static final String FORMAT = "points-v1";
    /** Points per scroll page when writing and per upsert when reading. */
    private static final int PAGE = 1024;
    /** A payload larger than the largest request body could never have been stored. */
    private static final int MAX_PAYLOAD_BYTES = 64 << 20;

    private final ObjectMapper mapper;

    ShardCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Writes every point of {@code shard}; callers keep writes to the shard paused meanwhile. */
    void write(ShardHandle shard, OutputStream sink) throws IOException {
        DataOutputStream out = new DataOutputStream(sink);
        long count = 0;
        PointId offset = null;
        while (true) {
            List<PointRecord> page = shard.scroll(new ScrollRequest(null, PAGE + 1, offset, WithPayload.ALL, true));
            int n = Math.min(page.size(), PAGE);
            for (int i = 0; i < n; i++) {
                writePoint(out, page.get(i));
            }
            count += n;
            if (page.size() <= PAGE) {
                break;
            }
            offset = page.get(PAGE).id();
        }
        out.writeByte(0);
        out.writeLong(count);
        out.flush();
    }

    private void writePoint(DataOutputStream out, PointRecord p) throws IOException {
        out.writeByte(1);
        if (p.id() instanceof PointId.Num num) {
            out.writeByte(0);
            out.writeLong(num.value());
        } else {
            UUID u = ((PointId.Uuid) p.id()).value();
            out.writeByte(1);
            out.writeLong(u.getMostSignificantBits());
            out.writeLong(u.getLeastSignificantBits());
        }
        for (float f : p.vector()) {
            out.writeFloat(f);
        }
        byte[] payload = mapper.writeValueAsBytes(p.payload());
        out.writeInt(payload.length);
        out.write(payload);
    }

    /**
     * Reads a shard entry into {@code target}, an empty shard of a collection with vectors of
     * {@code dimension} routed by {@code router}.
     *
     * @throws InvalidSnapshotException when the entry breaks the format or holds a point that
     *                                  belongs to another shard
     */
    void read(InputStream source, int dimension, ShardRouter router, ShardHandle target) throws IOException {
        DataInputStream in = new DataInputStream(source);
        List<PointStruct> batch = new ArrayList<>(PAGE);
        long count = 0;
        try {
            while (in.readUnsignedByte() == 1) {
                PointStruct point = readPoint(in, dimension);
                if (router.shardOf(point.id()) != target.shardId()) {
                    throw new InvalidSnapshotException("point " + point.id() + " is stored in shard "
                            + target.shardId() + " but belongs to shard " + router.shardOf(point.id()));
                }
                batch.add(point);
                count++;
                if (batch.size() == PAGE) {
                    target.upsert(batch);
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                target.upsert(batch);
            }
            long expected = in.readLong();
            if (expected != count) {
                throw new InvalidSnapshotException("shard " + target.shardId() + " holds " + count
                        + " points but records " + expected);
            }
        } catch (EOFException e) {
            throw new InvalidSnapshotException("shard " + target.shardId() + " entry ends early (truncated)");
        }
        if (in.read() >= 0) {
            throw new InvalidSnapshotException("data after the end of shard " + target.shardId());
        }
    }

    private PointStruct readPoint(DataInputStream in, int dimension) throws IOException {
        int kind = in.readUnsignedByte();
        PointId id = switch (kind) {
            case 0 -> PointId.of(in.readLong());
            case 1 -> PointId.of(new UUID(in.readLong(), in.readLong()));
            default -> throw new InvalidSnapshotException("unknown point id kind " + kind);
        };
        float[] vector = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            vector[i] = in.readFloat();
        }
        int length = in.readInt();
        if (length < 0 || length > MAX_PAYLOAD_BYTES) {
            throw new InvalidSnapshotException("payload of point " + id + " has impossible length " + length);
        }
        byte[] json = new byte[length];
        in.readFully(json);
        JsonNode payload;
        try {
            payload = mapper.readTree(json);
        } catch (IOException e) {
            throw new InvalidSnapshotException("payload of point " + id + " is not valid JSON");
        }
        if (!(payload instanceof ObjectNode object)) {
            throw new InvalidSnapshotException("payload of point " + id + " is not a JSON object");
        }
        return new PointStruct(id, vector, object);
    }
}
