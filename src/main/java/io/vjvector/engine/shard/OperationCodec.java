package io.vjvector.engine.shard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vjvector.engine.filter.PayloadFieldSchema;
import io.vjvector.engine.payload.JsonPath;
import io.vjvector.engine.point.PointId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The binary form of a {@link ShardOperation} in a log record: little-endian, the record type
 * byte says which operation, and every record starts with the operation id (8 bytes), which
 * {@link #stamp} fills in under the shard's write lock so that the rest can be encoded before it.
 *
 * <pre>
 * id        byte 0 + u64 | byte 1 + UUID (msb, lsb)
 * payload   int length (0 = empty object) + JSON (UTF-8)
 * string    int length + UTF-8
 * UPSERT    long op, int count, int dimension, count * (id, dimension floats, payload)   (unnamed
 *           vector only; read, no longer written)
 * UPSERT_NAMED    long op, int count, count * (id, vectors, payload); vectors see {@link VectorsCodec}
 * UPDATE_VECTORS  long op, int count, count * (id, vectors)
 * DELETE_VECTORS  long op, int count, count * id, int names, names * string
 * DELETE    long op, int count, count * id
 * PAYLOAD   long op, int count, count * id, byte kind:
 *           0 set (payload, byte hasKey, [string key]) | 1 overwrite (payload)
 *           2 delete keys (int n, n * string) | 3 clear
 * CREATE_INDEX  long op, string key, string schema: Qdrant's type name, or the field_schema
 *               object as JSON text when it has parameters (see PayloadFieldSchema#encode)
 * DROP_INDEX    long op, string key
 * </pre>
 */
final class OperationCodec {

    static final byte UPSERT = 1;
    static final byte DELETE = 2;
    static final byte PAYLOAD = 3;
    static final byte CREATE_INDEX = 4;
    static final byte DROP_INDEX = 5;
    static final byte UPSERT_NAMED = 6;
    static final byte UPDATE_VECTORS = 7;
    static final byte DELETE_VECTORS = 8;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] EMPTY = new byte[0];

    /** An operation read back from a record, with the operation id it was applied under. */
    record Logged(long operationId, ShardOperation operation) {
    }

    private OperationCodec() {
    }

    static byte type(ShardOperation operation) {
        if (operation instanceof ShardOperation.Upsert) {
            return UPSERT_NAMED;
        } else if (operation instanceof ShardOperation.UpdateVectors) {
            return UPDATE_VECTORS;
        } else if (operation instanceof ShardOperation.DeleteVectors) {
            return DELETE_VECTORS;
        } else if (operation instanceof ShardOperation.Delete) {
            return DELETE;
        } else if (operation instanceof ShardOperation.UpdatePayload) {
            return PAYLOAD;
        } else if (operation instanceof ShardOperation.CreateFieldIndex) {
            return CREATE_INDEX;
        }
        return DROP_INDEX;
    }

    /** The record of {@code operation} with a zero operation id; {@link #stamp} sets it. */
    static byte[] encode(ShardOperation operation) {
        if (operation instanceof ShardOperation.Upsert u) {
            return upsert(u.points());
        }
        if (operation instanceof ShardOperation.UpdateVectors u) {
            return updateVectors(u.points());
        }
        Writer w = new Writer();
        w.buf.putLong(0);
        if (operation instanceof ShardOperation.Delete d) {
            w.ids(d.ids());
        } else if (operation instanceof ShardOperation.UpdatePayload p) {
            w.ids(p.ids());
            w.update(p.update());
        } else if (operation instanceof ShardOperation.CreateFieldIndex c) {
            w.string(c.key());
            w.string(c.schema().encode());
        } else if (operation instanceof ShardOperation.DropFieldIndex d) {
            w.string(d.key());
        } else if (operation instanceof ShardOperation.DeleteVectors d) {
            w.ids(d.ids());
            w.strings(d.names());
        }
        return w.bytes();
    }

    /** Writes the operation id into a record made by {@link #encode}. */
    static void stamp(byte[] record, long operationId) {
        ByteBuffer.wrap(record).order(ByteOrder.LITTLE_ENDIAN).putLong(0, operationId);
    }

    /** An upsert is sized exactly up front: its vectors make it the one large record. */
    private static byte[] upsert(List<PointWrite> points) {
        List<byte[]> payloads = new ArrayList<>(points.size());
        long size = 12;
        for (PointWrite p : points) {
            byte[] json = json(p.payload());
            payloads.add(json);
            size += idBytes(p.id()) + VectorsCodec.size(p.vectors()) + 4 + json.length;
        }
        ByteBuffer buf = allocate(size, points.size());
        buf.putLong(0).putInt(points.size());
        for (int i = 0; i < points.size(); i++) {
            PointWrite p = points.get(i);
            id(buf, p.id());
            VectorsCodec.write(buf, p.vectors());
            buf.putInt(payloads.get(i).length).put(payloads.get(i));
        }
        return buf.array();
    }

    private static byte[] updateVectors(List<VectorsUpdate> points) {
        long size = 12;
        for (VectorsUpdate p : points) {
            size += idBytes(p.id()) + VectorsCodec.size(p.vectors());
        }
        ByteBuffer buf = allocate(size, points.size());
        buf.putLong(0).putInt(points.size());
        for (VectorsUpdate p : points) {
            id(buf, p.id());
            VectorsCodec.write(buf, p.vectors());
        }
        return buf.array();
    }

    private static ByteBuffer allocate(long size, int points) {
        if (size > Integer.MAX_VALUE - 64) {
            throw new IllegalArgumentException("a write of " + points + " points is too large for one record");
        }
        return ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Reads a record written by {@link #encode}.
     *
     * @throws IllegalArgumentException if the record is not a valid operation (the log's checksum
     *                                  passed, so this means a format or version mismatch)
     */
    static Logged decode(byte type, byte[] record) {
        ByteBuffer buf = ByteBuffer.wrap(record).order(ByteOrder.LITTLE_ENDIAN);
        try {
            long op = buf.getLong();
            ShardOperation operation = switch (type) {
                case UPSERT -> decodeUpsert(buf);
                case UPSERT_NAMED -> decodeNamedUpsert(buf);
                case UPDATE_VECTORS -> decodeUpdateVectors(buf);
                case DELETE_VECTORS -> new ShardOperation.DeleteVectors(ids(buf), names(buf));
                case DELETE -> new ShardOperation.Delete(ids(buf));
                case PAYLOAD -> new ShardOperation.UpdatePayload(ids(buf), update(buf));
                case CREATE_INDEX -> new ShardOperation.CreateFieldIndex(string(buf), PayloadFieldSchema.decode(string(buf)));
                case DROP_INDEX -> new ShardOperation.DropFieldIndex(string(buf));
                default -> throw new IllegalArgumentException("unknown operation type " + type);
            };
            if (buf.hasRemaining()) {
                throw new IllegalArgumentException(buf.remaining() + " bytes after the operation");
            }
            return new Logged(op, operation);
        } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("operation record of type " + type + " ends early");
        }
    }

    private static ShardOperation decodeUpsert(ByteBuffer buf) {
        int count = count(buf, 9);
        int dimension = buf.getInt();
        List<PointWrite> points = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            PointId id = id(buf);
            float[] vector = new float[dimension];
            buf.asFloatBuffer().get(vector);
            buf.position(buf.position() + 4 * dimension);
            points.add(new PointWrite(id, vector, payload(buf)));
        }
        return new ShardOperation.Upsert(points);
    }

    private static ShardOperation decodeNamedUpsert(ByteBuffer buf) {
        int count = count(buf, 9);
        List<PointWrite> points = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            PointId id = id(buf);
            points.add(new PointWrite(id, VectorsCodec.read(buf), payload(buf)));
        }
        return new ShardOperation.Upsert(points);
    }

    private static ShardOperation decodeUpdateVectors(ByteBuffer buf) {
        int count = count(buf, 9);
        List<VectorsUpdate> points = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            PointId id = id(buf);
            points.add(new VectorsUpdate(id, VectorsCodec.read(buf)));
        }
        return new ShardOperation.UpdateVectors(points);
    }

    private static java.util.Set<String> names(ByteBuffer buf) {
        int n = count(buf, 4);
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        for (int i = 0; i < n; i++) {
            names.add(string(buf));
        }
        return names;
    }

    private static PayloadUpdate update(ByteBuffer buf) {
        byte kind = buf.get();
        return switch (kind) {
            case 0 -> {
                ObjectNode values = nonNull(payload(buf));
                yield new PayloadUpdate.Set(values, buf.get() != 0 ? JsonPath.parse(string(buf)) : null);
            }
            case 1 -> new PayloadUpdate.Overwrite(nonNull(payload(buf)));
            case 2 -> {
                int n = count(buf, 4);
                List<JsonPath> keys = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    keys.add(JsonPath.parse(string(buf)));
                }
                yield new PayloadUpdate.DeleteKeys(keys);
            }
            case 3 -> new PayloadUpdate.Clear();
            default -> throw new IllegalArgumentException("unknown payload change " + kind);
        };
    }

    private static ObjectNode nonNull(ObjectNode payload) {
        return payload != null ? payload : JSON.createObjectNode();
    }

    /** A count, checked against the bytes left so a damaged count cannot allocate gigabytes. */
    private static int count(ByteBuffer buf, int minBytesEach) {
        int n = buf.getInt();
        if (n < 0 || (long) n * minBytesEach > buf.remaining()) {
            throw new IllegalArgumentException("count " + n + " does not fit the record");
        }
        return n;
    }

    private static List<PointId> ids(ByteBuffer buf) {
        int n = count(buf, 9);
        List<PointId> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ids.add(id(buf));
        }
        return ids;
    }

    static int idBytes(PointId id) {
        return id instanceof PointId.Num ? 9 : 17;
    }

    static void id(ByteBuffer buf, PointId id) {
        if (id instanceof PointId.Num n) {
            buf.put((byte) 0).putLong(n.value());
        } else {
            UUID u = ((PointId.Uuid) id).value();
            buf.put((byte) 1).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
        }
    }

    static PointId id(ByteBuffer buf) {
        byte tag = buf.get();
        return switch (tag) {
            case 0 -> PointId.of(buf.getLong());
            case 1 -> PointId.of(new UUID(buf.getLong(), buf.getLong()));
            default -> throw new IllegalArgumentException("unknown point id tag " + tag);
        };
    }

    /** JSON of a payload; empty for null or an empty object (the common case costs nothing). */
    static byte[] json(ObjectNode payload) {
        if (payload == null || payload.isEmpty()) {
            return EMPTY;
        }
        try {
            return JSON.writeValueAsBytes(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A payload read back; null for an empty one. */
    static ObjectNode payload(byte[] json) {
        if (json.length == 0) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(json);
            if (!(node instanceof ObjectNode object)) {
                throw new IllegalArgumentException("payload is not a JSON object");
            }
            return object;
        } catch (IOException e) {
            throw new IllegalArgumentException("payload is not valid JSON: " + e.getMessage());
        }
    }

    private static ObjectNode payload(ByteBuffer buf) {
        int length = count(buf, 1);
        byte[] json = new byte[length];
        buf.get(json);
        return payload(json);
    }

    private static String string(ByteBuffer buf) {
        byte[] utf8 = new byte[count(buf, 1)];
        buf.get(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    /** A growable little-endian buffer for the small records. */
    private static final class Writer {
        private ByteBuffer buf = ByteBuffer.allocate(256).order(ByteOrder.LITTLE_ENDIAN);

        private void ensure(int more) {
            if (buf.remaining() < more) {
                ByteBuffer bigger = ByteBuffer.allocate(Math.max(buf.capacity() * 2, buf.position() + more))
                        .order(ByteOrder.LITTLE_ENDIAN);
                bigger.put(buf.flip());
                buf = bigger;
            }
        }

        void ids(List<PointId> ids) {
            ensure(4 + 17 * ids.size());
            buf.putInt(ids.size());
            for (PointId id : ids) {
                id(buf, id);
            }
        }

        void string(String s) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            ensure(4 + utf8.length);
            buf.putInt(utf8.length).put(utf8);
        }

        void strings(java.util.Collection<String> strings) {
            ensure(4);
            buf.putInt(strings.size());
            for (String s : strings) {
                string(s);
            }
        }

        void payload(ObjectNode payload) {
            byte[] json = json(payload);
            ensure(4 + json.length);
            buf.putInt(json.length).put(json);
        }

        void kind(int kind) {
            ensure(1);
            buf.put((byte) kind);
        }

        void update(PayloadUpdate update) {
            if (update instanceof PayloadUpdate.Set s) {
                kind(0);
                payload(s.values());
                kind(s.key() != null ? 1 : 0);
                if (s.key() != null) {
                    string(s.key().toString());
                }
            } else if (update instanceof PayloadUpdate.Overwrite o) {
                kind(1);
                payload(o.values());
            } else if (update instanceof PayloadUpdate.DeleteKeys d) {
                kind(2);
                strings(d.keys().stream().map(JsonPath::toString).toList());
            } else {
                kind(3);
            }
        }

        byte[] bytes() {
            byte[] out = new byte[buf.position()];
            buf.flip().get(out);
            return out;
        }
    }
}
