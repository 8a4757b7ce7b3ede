package io.vjvector.engine.shard;

import io.vjvector.engine.index.VectorValue;
import io.vjvector.engine.index.sparse.SparseVector;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The binary form of a point's named vectors inside a log record (little-endian):
 *
 * <pre>
 * vectors  int n, n * (int name length, UTF-8 name, byte kind, value)
 * dense    kind 1: int dimension, dimension * float
 * sparse   kind 2: int n, n * int index, int n, n * float value
 * multi    kind 3: int rows, rows * (int dimension, dimension * float)
 * </pre>
 *
 * Every count is checked against the bytes left before anything is allocated for it.
 */
final class VectorsCodec {

    static final byte DENSE = 1;
    static final byte SPARSE = 2;
    static final byte MULTI = 3;

    private VectorsCodec() {
    }

    /** Bytes {@link #write} takes for {@code vectors}. */
    static long size(Map<String, VectorValue> vectors) {
        long size = 4;
        for (Map.Entry<String, VectorValue> e : vectors.entrySet()) {
            size += 4 + e.getKey().getBytes(StandardCharsets.UTF_8).length + 1 + valueSize(e.getValue());
        }
        return size;
    }

    private static long valueSize(VectorValue value) {
        if (value instanceof VectorValue.Dense d) {
            return 4 + 4L * d.values().length;
        }
        if (value instanceof VectorValue.Sparse s) {
            return 8 + 8L * s.vector().size();
        }
        if (value instanceof VectorValue.Multi m) {
            long size = 4;
            for (float[] row : m.vector().rows()) {
                size += 4 + 4L * row.length;
            }
            return size;
        }
        throw new IllegalArgumentException("unknown vector kind " + value);
    }

    static void write(ByteBuffer buf, Map<String, VectorValue> vectors) {
        buf.putInt(vectors.size());
        for (Map.Entry<String, VectorValue> e : vectors.entrySet()) {
            byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
            buf.putInt(name.length).put(name);
            VectorValue value = e.getValue();
            if (value instanceof VectorValue.Dense d) {
                buf.put(DENSE);
                floats(buf, d.values());
            } else if (value instanceof VectorValue.Sparse s) {
                buf.put(SPARSE);
                int[] indices = s.vector().indices();
                buf.putInt(indices.length);
                for (int index : indices) {
                    buf.putInt(index);
                }
                floats(buf, s.vector().values());
            } else if (value instanceof VectorValue.Multi m) {
                buf.put(MULTI);
                float[][] rows = m.vector().rows();
                buf.putInt(rows.length);
                for (float[] row : rows) {
                    floats(buf, row);
                }
            }
        }
    }

    static Map<String, VectorValue> read(ByteBuffer buf) {
        int n = count(buf, 9);
        Map<String, VectorValue> out = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            byte[] name = new byte[count(buf, 1)];
            buf.get(name);
            byte kind = buf.get();
            VectorValue value = switch (kind) {
                case DENSE -> new VectorValue.Dense(floats(buf));
                case SPARSE -> {
                    int[] indices = new int[count(buf, 4)];
                    for (int j = 0; j < indices.length; j++) {
                        indices[j] = buf.getInt();
                    }
                    yield new VectorValue.Sparse(SparseVector.of(indices, floats(buf)));
                }
                case MULTI -> {
                    float[][] rows = new float[count(buf, 4)][];
                    for (int j = 0; j < rows.length; j++) {
                        rows[j] = floats(buf);
                    }
                    yield new VectorValue.Multi(new io.vjvector.engine.index.multi.MultiVector(rows));
                }
                default -> throw new IllegalArgumentException("unknown vector kind " + kind);
            };
            out.put(new String(name, StandardCharsets.UTF_8), value);
        }
        return out;
    }

    static void floats(ByteBuffer buf, float[] values) {
        buf.putInt(values.length);
        buf.asFloatBuffer().put(values);
        buf.position(buf.position() + 4 * values.length);
    }

    static float[] floats(ByteBuffer buf) {
        float[] values = new float[count(buf, 4)];
        buf.asFloatBuffer().get(values);
        buf.position(buf.position() + 4 * values.length);
        return values;
    }

    /** A count, checked against the bytes left so a damaged count cannot allocate gigabytes. */
    static int count(ByteBuffer buf, int minBytesEach) {
        int n = buf.getInt();
        if (n < 0 || (long) n * minBytesEach > buf.remaining()) {
            throw new IllegalArgumentException("count " + n + " does not fit the record");
        }
        return n;
    }
}
