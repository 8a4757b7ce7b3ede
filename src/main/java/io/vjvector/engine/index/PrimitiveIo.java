package io.vjvector.engine.index;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Bulk transfer of float and int arrays through {@link DataInput}/{@link DataOutput}, in
 * little-endian order (the native order of the machines we run on, so a block converts with one
 * bulk copy instead of one call per element: a checkpoint holds hundreds of millions of them).
 * One instance holds a 64 KiB block and is not thread-safe.
 */
public final class PrimitiveIo {

    private static final int BLOCK_BYTES = 1 << 16;

    private final ByteBuffer block = ByteBuffer.allocate(BLOCK_BYTES).order(ByteOrder.LITTLE_ENDIAN);

    public void writeFloats(DataOutput out, float[] src, int offset, int length) throws IOException {
        while (length > 0) {
            int n = Math.min(length, BLOCK_BYTES / Float.BYTES);
            block.clear();
            block.asFloatBuffer().put(src, offset, n);
            out.write(block.array(), 0, n * Float.BYTES);
            offset += n;
            length -= n;
        }
    }

    public void readFloats(DataInput in, float[] dst, int offset, int length) throws IOException {
        while (length > 0) {
            int n = Math.min(length, BLOCK_BYTES / Float.BYTES);
            in.readFully(block.array(), 0, n * Float.BYTES);
            block.clear();
            block.asFloatBuffer().get(dst, offset, n);
            offset += n;
            length -= n;
        }
    }

    public void writeInts(DataOutput out, int[] src, int offset, int length) throws IOException {
        while (length > 0) {
            int n = Math.min(length, BLOCK_BYTES / Integer.BYTES);
            block.clear();
            block.asIntBuffer().put(src, offset, n);
            out.write(block.array(), 0, n * Integer.BYTES);
            offset += n;
            length -= n;
        }
    }

    public void readInts(DataInput in, int[] dst, int offset, int length) throws IOException {
        while (length > 0) {
            int n = Math.min(length, BLOCK_BYTES / Integer.BYTES);
            in.readFully(block.array(), 0, n * Integer.BYTES);
            block.clear();
            block.asIntBuffer().get(dst, offset, n);
            offset += n;
            length -= n;
        }
    }
}
