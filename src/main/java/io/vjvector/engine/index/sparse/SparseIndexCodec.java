package io.vjvector.engine.index.sparse;

import io.vjvector.engine.index.PrimitiveIo;
import io.vjvector.engine.index.Tombstones;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * The serialized form of a {@link SparseIndex} (docs/storage-format.md, "Sparse index"):
 * scalars big-endian, entry arrays little-endian through {@link PrimitiveIo}.
 * <pre>
 * int magic 'VJSP', byte version 1, int size N
 * N records: int entries E (-1: the ordinal has no vector), E ints indices, E floats values
 * int words, long[words]   tombstones as a bit set (words = ceil(N / 64))
 * </pre>
 * Postings are not written: loading re-adds the vectors, which rebuilds them in the same order.
 *
 * <p>Reading trusts no count: each is checked against its range, and entry arrays grow while they
 * are read instead of being allocated from the claimed length, so a forged length runs into the
 * end of the input before it can claim memory.
 */
final class SparseIndexCodec {

    static final int MAGIC = 0x564A5350; // "VJSP"
    static final byte VERSION = 1;
    private static final int ABSENT = -1;
    /** Entries read per step while a vector's arrays grow. */
    private static final int CHUNK = 1 << 14;

    private SparseIndexCodec() {
    }

    static void write(DataOutput out, SparseVector[] vectors, int size, long[] deleted) throws IOException {
        PrimitiveIo io = new PrimitiveIo();
        out.writeInt(MAGIC);
        out.writeByte(VERSION);
        out.writeInt(size);
        for (int ord = 0; ord < size; ord++) {
            SparseVector vector = vectors[ord];
            if (vector == null) {
                out.writeInt(ABSENT);
                continue;
            }
            int[] indices = vector.indicesView();
            float[] values = vector.valuesView();
            out.writeInt(indices.length);
            io.writeInts(out, indices, 0, indices.length);
            io.writeFloats(out, values, 0, values.length);
        }
        out.writeInt(deleted.length);
        for (long word : deleted) {
            out.writeLong(word);
        }
    }

    static SparseIndex read(DataInput in) throws IOException {
        int magic = in.readInt();
        if (magic != MAGIC) {
            throw new IOException("not a sparse index (magic " + Integer.toHexString(magic) + ")");
        }
        byte version = in.readByte();
        if (version != VERSION) {
            throw new IOException("sparse index version " + version + " is not supported (expected " + VERSION + ")");
        }
        int size = in.readInt();
        if (size < 0 || size > SparseIndex.MAX_ORDINALS) {
            throw new IOException("sparse index claims " + size + " ordinals");
        }
        PrimitiveIo io = new PrimitiveIo();
        SparseIndex index = new SparseIndex();
        for (int ord = 0; ord < size; ord++) {
            int entries = in.readInt();
            if (entries == ABSENT) {
                index.addAbsent();
            } else if (entries < 0) {
                throw new IOException("sparse vector of ordinal " + ord + " claims " + entries + " entries");
            } else {
                index.add(readVector(in, io, ord, entries));
            }
        }
        readTombstones(in, index, size);
        return index;
    }

    private static SparseVector readVector(DataInput in, PrimitiveIo io, int ord, int entries) throws IOException {
        int[] indices = new int[Math.min(entries, CHUNK)];
        for (int done = 0; done < entries; ) {
            int n = Math.min(CHUNK, entries - done);
            if (done + n > indices.length) {
                indices = Arrays.copyOf(indices, (int) Math.min(entries, Math.max(done + n, indices.length * 2L)));
            }
            io.readInts(in, indices, done, n);
            done += n;
        }
        // The indices were there, so the values are allocated at their full length.
        float[] values = new float[entries];
        io.readFloats(in, values, 0, entries);
        try {
            return new SparseVector(indices, values);
        } catch (IllegalArgumentException e) {
            throw new IOException("sparse vector of ordinal " + ord + " is invalid: " + e.getMessage(), e);
        }
    }

    private static void readTombstones(DataInput in, SparseIndex index, int size) throws IOException {
        int words = in.readInt();
        if (words != tombstoneWords(size)) {
            throw new IOException("tombstone set of " + words + " words for " + size + " ordinals");
        }
        for (int i = 0; i < words; i++) {
            long w = in.readLong();
            for (; w != 0; w &= w - 1) {
                int ord = (i << 6) + Long.numberOfTrailingZeros(w);
                if (ord >= size) {
                    throw new IOException("tombstone for ordinal " + ord + " beyond " + size + " ordinals");
                }
                index.delete(ord);
            }
        }
    }

    private static int tombstoneWords(int size) {
        return (int) (((long) size + 63) >>> 6);
    }
}
