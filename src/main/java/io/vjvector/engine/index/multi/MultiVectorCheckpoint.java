package io.vjvector.engine.index.multi;

import io.vjvector.engine.index.Distance;
import io.vjvector.engine.index.IndexCheckpoint;
import io.vjvector.engine.index.IndexConfig;
import io.vjvector.engine.index.VectorIndex;
import io.vjvector.engine.kernels.VectorKernels;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.BitSet;

/**
 * The checkpoint format of a {@link MultiVectorIndex}. The row index goes first, through {@link
 * IndexCheckpoint} (so the row graph is read back, not rebuilt); everything after it is bounded by
 * what was already read: a point's row count by the rows not yet claimed, the point count by the
 * bytes left. Big-endian scalars:
 * <pre>
 * byte version (1)
 * int dimension, UTF distance (enum name), int m, int efConstruct, boolean exactOnly
 * row index, as {@link IndexCheckpoint} writes it
 * int N                      point ordinals
 * N times: int rowCount      -1 for a point without a vector, else 1.., followed by that many
 *          int row ordinals  (each row owned by exactly one point)
 * int words, long[words]     deleted points as a bit set, words = ceil(N / 64)
 * </pre>
 * A row owned by a live point must be live in the row index, every other row deleted.
 */
final class MultiVectorCheckpoint {

    static final byte VERSION = 1;
    /** Far above any real model (ColBERT rows have 128 components), far below what could exhaust memory per row. */
    private static final int MAX_DIMENSION = 1 << 16;
    private static final int MAX_EF_CONSTRUCT = 1 << 16;
    private static final int MAX_M = 1 << 12;

    private MultiVectorCheckpoint() {
    }

    static void write(MultiVectorIndex index, DataOutput out) throws IOException {
        IndexConfig config = index.config();
        int n = index.size();
        out.writeByte(VERSION);
        out.writeInt(config.dimension());
        out.writeUTF(config.distance().name());
        out.writeInt(config.m());
        out.writeInt(config.efConstruct());
        out.writeBoolean(config.exactOnly());
        IndexCheckpoint.capture(index.rowIndex()).writeTo(out);
        out.writeInt(n);
        PointRows points = index.pointRows();
        for (int p = 0; p < n; p++) {
            int[] owned = points.rows(p);
            if (owned == null) {
                out.writeInt(-1);
                continue;
            }
            out.writeInt(owned.length);
            for (int row : owned) {
                out.writeInt(row);
            }
        }
        long[] deleted = index.tombstones().words(n);
        out.writeInt(deleted.length);
        for (long word : deleted) {
            out.writeLong(word);
        }
    }

    static MultiVectorIndex read(DataInput in, VectorKernels kernels, long maxBytes) throws IOException {
        byte version = in.readByte();
        if (version != VERSION) {
            throw new IOException("multivector index version " + version + " is not supported (expected "
                    + VERSION + ")");
        }
        IndexConfig config = readConfig(in);
        VectorIndex rows = IndexCheckpoint.read(in, config, kernels, maxBytes);
        MultiVectorIndex index = new MultiVectorIndex(config, kernels, rows);
        int rowTotal = rows.size();
        int n = in.readInt();
        if (n < 0 || 4L * n > maxBytes) {
            throw new IOException("multivector index claims " + n + " points, which cannot fit in the "
                    + maxBytes + " bytes left");
        }
        BitSet claimed = new BitSet(rowTotal);
        int unclaimed = rowTotal;
        for (int p = 0; p < n; p++) {
            int count = in.readInt();
            if (count == -1) {
                index.restore(null, false);
                continue;
            }
            if (count < 1 || count > unclaimed) {
                throw new IOException("multivector point " + p + " claims " + count + " rows, but only "
                        + unclaimed + " of " + rowTotal + " rows are left unclaimed");
            }
            int[] owned = new int[count];
            for (int i = 0; i < count; i++) {
                int row = in.readInt();
                if (row < 0 || row >= rowTotal || claimed.get(row)) {
                    throw new IOException("multivector point " + p + " claims row " + row + ", which is "
                            + (row < 0 || row >= rowTotal ? "not among the " + rowTotal + " rows" : "claimed twice"));
                }
                claimed.set(row);
                owned[i] = row;
            }
            unclaimed -= count;
            index.restore(owned, false);
        }
        readDeletes(in, index, n);
        checkRowLiveness(index, claimed, rowTotal);
        return index;
    }

    private static IndexConfig readConfig(DataInput in) throws IOException {
        int dimension = in.readInt();
        String distanceName = in.readUTF();
        int m = in.readInt();
        int efConstruct = in.readInt();
        boolean exactOnly = in.readBoolean();
        Distance distance;
        try {
            distance = Distance.valueOf(distanceName);
        } catch (IllegalArgumentException e) {
            throw new IOException("multivector index has unknown distance '" + distanceName + "'");
        }
        if (dimension < 1 || dimension > MAX_DIMENSION || m < 2 || m > MAX_M
                || efConstruct < 1 || efConstruct > MAX_EF_CONSTRUCT) {
            throw new IOException("multivector index config out of range: dimension " + dimension + ", m " + m
                    + ", ef_construct " + efConstruct);
        }
        return new IndexConfig(dimension, distance, m, efConstruct, exactOnly);
    }

    private static void readDeletes(DataInput in, MultiVectorIndex index, int n) throws IOException {
        int words = in.readInt();
        if (words != (n + 63) >>> 6) {
            throw new IOException("deleted-point set of " + words + " words for " + n + " points");
        }
        for (int w = 0; w < words; w++) {
            for (long bits = in.readLong(); bits != 0; bits &= bits - 1) {
                int point = (w << 6) + Long.numberOfTrailingZeros(bits);
                if (point >= n) {
                    throw new IOException("deleted point " + point + " beyond " + n + " points");
                }
                index.delete(point);
            }
        }
    }

    /** A live row outside a live point would surface in searches; a deleted row inside one would hide it. */
    private static void checkRowLiveness(MultiVectorIndex index, BitSet claimed, int rowTotal) throws IOException {
        VectorIndex rows = index.rowIndex();
        PointRows points = index.pointRows();
        for (int row = 0; row < rowTotal; row++) {
            boolean rowDeleted = rows.isDeleted(row);
            int owner = claimed.get(row) ? points.owner(row) : -1;
            boolean ownerLive = owner >= 0 && !index.isDeleted(owner);
            if (rowDeleted == ownerLive) {
                throw new IOException("row " + row + " is " + (rowDeleted ? "deleted" : "live") + " but "
                        + (owner < 0 ? "no point owns it" : "its point " + owner + " is "
                        + (ownerLive ? "live" : "deleted")));
            }
        }
    }
}
