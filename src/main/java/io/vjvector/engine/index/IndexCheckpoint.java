package io.vjvector.engine.index;

import io.vjvector.engine.kernels.VectorKernels;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a vector index (vectors, tombstones and, for HNSW, the whole graph) so that loading it
 * back needs no graph construction: a restart reads the links instead of recomputing them.
 *
 * <p>Layout of version 2 (scalars big-endian, arrays little-endian, see {@link PrimitiveIo}):
 * <pre>
 * int version, byte kind (1 flat, 2 HNSW), int dimension, UTF distance, byte datatype
 *                            (0 float32, 1 float16, 2 uint8), int size N
 * HNSW only: int m, byte[N] levels
 * N records                  the vectors in ordinal order as the store holds them: float32 =
 *                            dimension floats, prepared (for Cosine: normalised); float16 =
 *                            dimension halves then a float scale; uint8 = dimension bytes then a
 *                            float scale (the prepared vector is component * scale)
 * int words, long[words]     tombstones as a bit set
 * HNSW only: N * (1 + 2m) ints   level-0 records (count, then 2m link slots)
 *            for each node with level L &gt; 0: L * (1 + m) ints (count and m slots per level)
 *            int entry node (-1 when empty), int entry level
 * </pre>
 * Version 1 has no datatype byte and always holds float records; it is still read (into a store
 * of the field's datatype, rounding as {@link VectorStore#append} describes).
 */
public final class IndexCheckpoint {

    private static final int VERSION = 2;
    private static final int FLOAT_RECORDS_VERSION = 1;
    private static final byte FLAT = 1;
    private static final byte HNSW = 2;

    private IndexCheckpoint() {
    }

    /**
     * Copies the parts of {@code index} that later adds and deletes would change (tombstones, graph
     * links; vectors are append-only and are read when the image is written). The caller must
     * ensure that no add or delete runs during this call; the copy then costs a memory copy of the
     * graph (about 130 MB per million nodes at m=16), not a write of the index.
     */
    public static IndexImage capture(VectorIndex index) {
        if (index instanceof HnswIndex hnsw) {
            return new HnswImage(hnsw);
        }
        if (index instanceof FlatIndex flat) {
            return new FlatImage(flat.store(), flat.tombstones(), flat.distance());
        }
        throw new IllegalArgumentException("cannot checkpoint a " + index.getClass().getSimpleName());
    }

    /**
     * Reads an index written by {@link IndexImage#writeTo}. The dimension and distance must match
     * {@code config}; an HNSW graph keeps the {@code m} it was built with (a changed {@code m}
     * applies to new collections only), {@code efConstruct} comes from {@code config}.
     *
     * @param maxBytes at most this many bytes are left in {@code in} ({@link Long#MAX_VALUE} when
     *                 unknown): a size or graph that could not fit is refused before anything is
     *                 allocated for it
     * @throws IOException if the data is not a checkpoint this version can read, does not fit
     *                     {@code config} or claims more than {@code maxBytes}
     */
    public static VectorIndex read(DataInput in, IndexConfig config, VectorKernels kernels, long maxBytes)
            throws IOException {
        return read(in, config, Datatype.FLOAT32, kernels, maxBytes);
    }

    /**
     * {@link #read(DataInput, IndexConfig, VectorKernels, long)} into an index whose vectors are
     * stored at {@code datatype}'s width. A version-2 checkpoint must hold that datatype.
     */
    public static VectorIndex read(DataInput in, IndexConfig config, Datatype datatype, VectorKernels kernels,
                                   long maxBytes) throws IOException {
        return read(in, config, datatype, kernels, maxBytes, VectorStorage.memory());
    }

    /**
     * {@link #read(DataInput, IndexConfig, Datatype, VectorKernels, long)} into an index whose
     * vectors {@code storage} maps from a new file when {@code config.onDisk()}: the checkpoint
     * stays where on-disk vectors are kept durably, the file is filled from it.
     */
    public static VectorIndex read(DataInput in, IndexConfig config, Datatype datatype, VectorKernels kernels,
                                   long maxBytes, VectorStorage storage) throws IOException {
        int version = in.readInt();
        if (version != VERSION && version != FLOAT_RECORDS_VERSION) {
            throw new IOException("index checkpoint version " + version + " is not supported (expected "
                    + FLOAT_RECORDS_VERSION + " or " + VERSION + ")");
        }
        byte kind = in.readByte();
        int dimension = in.readInt();
        String distance = in.readUTF();
        Datatype written = Datatype.FLOAT32;
        if (version >= VERSION) {
            int code = in.readByte();
            if (code < 0 || code >= Datatype.values().length) {
                throw new IOException("unknown vector datatype " + code);
            }
            written = Datatype.values()[code];
            if (written != datatype) {
                throw new IOException("index checkpoint holds " + written.qdrantName() + " vectors, the field stores "
                        + datatype.qdrantName());
            }
        }
        int size = in.readInt();
        if (dimension != config.dimension() || !distance.equals(config.distance().name()) || size < 0) {
            throw new IOException("index checkpoint holds " + size + " vectors of dimension " + dimension + " ("
                    + distance + "), the collection expects dimension " + config.dimension() + " ("
                    + config.distance().name() + ")");
        }
        PrimitiveIo io = new PrimitiveIo();
        long vectorAndTombstoneBytes = (long) size * VectorStore.recordBytes(dimension, written) + 4
                + tombstoneWords(size) * 8L;
        require(vectorAndTombstoneBytes, maxBytes, size + " vectors of dimension " + dimension);
        boolean records = version >= VERSION;
        return switch (kind) {
            case FLAT -> {
                FlatIndex flat = new FlatIndex(dimension, config.distance(), datatype, kernels, storage,
                        config.onDisk());
                readVectors(in, io, flat.store(), size, records, null, null);
                readTombstones(in, flat.tombstones(), size);
                yield flat;
            }
            case HNSW -> readHnsw(in, io, config, datatype, records, kernels, size,
                    maxBytes - vectorAndTombstoneBytes, storage);
            default -> throw new IOException("unknown index kind " + kind);
        };
    }

    private static void writeHeader(DataOutput out, byte kind, VectorStore store, Distance distance, int size)
            throws IOException {
        out.writeInt(VERSION);
        out.writeByte(kind);
        out.writeInt(store.dimension());
        out.writeUTF(distance.name());
        out.writeByte(store.datatype().ordinal());
        out.writeInt(size);
    }

    /**
     * Records are written as the store holds them (little-endian), a block at a time: ordinals
     * below {@code size} never change once appended.
     */
    private static void writeVectors(DataOutput out, VectorStore store, int size) throws IOException {
        int recordBytes = store.recordBytes();
        byte[] block = new byte[Math.max(1, RECORD_BLOCK_BYTES / recordBytes) * recordBytes];
        int filled = 0;
        for (int ord = 0; ord < size; ord++) {
            store.record(ord, block, filled);
            filled += recordBytes;
            if (filled == block.length) {
                out.write(block, 0, filled);
                filled = 0;
            }
        }
        out.write(block, 0, filled);
    }

    private static final int RECORD_BLOCK_BYTES = 1 << 16;

    /** @param records whether the input holds store records (version 2) rather than floats (version 1) */
    private static void readVectors(DataInput in, PrimitiveIo io, VectorStore store, int size, boolean records,
                                    HnswGraph graph, byte[] levels) throws IOException {
        float[] vector = new float[store.dimension()];
        byte[] record = new byte[store.recordBytes()];
        for (int ord = 0; ord < size; ord++) {
            if (records) {
                in.readFully(record);
            } else {
                io.readFloats(in, vector, 0, vector.length);
            }
            if (graph != null) {
                graph.allocate(ord, levels[ord]);
            }
            if (records) {
                store.appendRecord(record, 0);
            } else {
                store.append(vector, 1f);
            }
        }
    }

    private static int tombstoneWords(int size) {
        return (int) (((long) size + 63) >>> 6);
    }

    /** Refuses {@code what}, which needs at least {@code bytes}, when at most {@code maxBytes} are left. */
    private static void require(long bytes, long maxBytes, String what) throws IOException {
        if (bytes > maxBytes) {
            throw new IOException("index checkpoint claims " + what + ", at least " + bytes
                    + " bytes, but at most " + maxBytes + " are left");
        }
    }

    private static void writeTombstones(DataOutput out, long[] words) throws IOException {
        out.writeInt(words.length);
        for (long w : words) {
            out.writeLong(w);
        }
    }

    private static void readTombstones(DataInput in, Tombstones tombstones, int size) throws IOException {
        int words = in.readInt();
        if (words != tombstoneWords(size)) {
            throw new IOException("tombstone set of " + words + " words for " + size + " vectors");
        }
        long[] bits = new long[words];
        for (int i = 0; i < words; i++) {
            bits[i] = in.readLong();
        }
        try {
            tombstones.deleteAll(bits, size);
        } catch (IllegalArgumentException e) {
            throw new IOException("tombstone for " + e.getMessage() + " vectors");
        }
    }

    /** @param maxBytes bound on the bytes left besides the vectors and tombstones */
    private static VectorIndex readHnsw(DataInput in, PrimitiveIo io, IndexConfig config, Datatype datatype,
                                        boolean records, VectorKernels kernels, int size, long maxBytes,
                                        VectorStorage storage) throws IOException {
        int m = in.readInt();
        if (m < 2 || m > 1 << 12) {
            throw new IOException("HNSW m " + m + " out of range");
        }
        // Levels, level-0 records and the entry point; upper levels are checked once levels are known.
        long graphBytes = size + (long) size * (1 + 2 * m) * Integer.BYTES + 2 * Integer.BYTES;
        require(graphBytes, maxBytes, "an HNSW graph of " + size + " nodes with m " + m);
        byte[] levels = new byte[size];
        in.readFully(levels);
        long upperInts = 0;
        for (int node = 0; node < size; node++) {
            if (levels[node] < 0 || levels[node] > HnswIndex.MAX_LEVEL) {
                throw new IOException("HNSW node " + node + " has level " + levels[node]);
            }
            upperInts += (long) levels[node] * (1 + m);
        }
        require(graphBytes + upperInts * Integer.BYTES, maxBytes,
                "an HNSW graph of " + size + " nodes with m " + m + " and its upper levels");
        HnswIndex index = new HnswIndex(new IndexConfig(config.dimension(), config.distance(), m,
                config.efConstruct(), false, config.quantization(), config.onDisk()), datatype, kernels, storage);
        HnswGraph graph = index.graph();
        readVectors(in, io, index.store(), size, records, graph, levels);
        readTombstones(in, index.tombstones(), size);
        int stride = 1 + 2 * m;
        for (int node = 0; node < size; ) {
            int[] page = graph.level0Page(node);
            int offset = graph.level0Offset(node);
            int n = Math.min(size - node, (page.length - offset) / stride);
            io.readInts(in, page, offset, n * stride);
            for (int i = 0; i < n; i++) {
                checkList(page, offset + i * stride, 2 * m, 0, levels, node + i);
            }
            node += n;
        }
        for (int node = 0; node < size; node++) {
            if (levels[node] > 0) {
                int[] upper = graph.links(node, 1);
                io.readInts(in, upper, 0, upper.length);
                for (int level = 1; level <= levels[node]; level++) {
                    checkList(upper, graph.linksOffset(node, level), m, level, levels, node);
                }
            }
        }
        int entry = in.readInt();
        int entryLevel = in.readInt();
        if (entry >= 0) {
            if (entry >= size || levels[entry] != entryLevel) {
                throw new IOException("HNSW entry point " + entry + " at level " + entryLevel + " is not a node");
            }
            graph.setEntryPoint(entry, entryLevel);
        } else if (size > 0 && index.tombstones().count() < size) {
            // Only a graph none of whose nodes was ever linked (every one a point without this
            // vector, reserved deleted) has no entry point.
            throw new IOException("HNSW graph of " + size + " nodes without an entry point");
        }
        return index;
    }

    /** A damaged list would send searches out of bounds: refuse it while loading instead. */
    private static void checkList(int[] links, int offset, int max, int level, byte[] levels, int node)
            throws IOException {
        int count = links[offset];
        if (count < 0 || count > max) {
            throw new IOException("HNSW node " + node + " has " + count + " links on level " + level);
        }
        for (int i = 1; i <= count; i++) {
            int target = links[offset + i];
            if (target < 0 || target >= levels.length || levels[target] < level) {
                throw new IOException("HNSW node " + node + " links to " + target + " on level " + level);
            }
        }
    }

    private static final class FlatImage implements IndexImage {
        private final VectorStore store;
        private final Distance distance;
        private final int size;
        private final long[] deleted;

        FlatImage(VectorStore store, Tombstones tombstones, Distance distance) {
            this.store = store;
            this.distance = distance;
            this.size = store.size();
            this.deleted = tombstones.words(size);
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public void writeTo(DataOutput out) throws IOException {
            writeHeader(out, FLAT, store, distance, size);
            writeVectors(out, store, size);
            writeTombstones(out, deleted);
        }
    }

    private static final class HnswImage implements IndexImage {
        private final VectorStore store;
        private final Distance distance;
        private final int size;
        private final int m;
        private final byte[] levels;
        private final long[] deleted;
        /** Copies of the level-0 pages covering {@code [0, size)}, in order. */
        private final List<int[]> level0 = new ArrayList<>();
        /** Copies of the upper-level lists of the nodes with a level above 0, in node order. */
        private final List<int[]> upper = new ArrayList<>();
        private final int entry;
        private final int entryLevel;

        HnswImage(HnswIndex index) {
            HnswGraph graph = index.graph();
            this.store = index.store();
            this.distance = index.distance();
            this.size = store.size();
            this.m = graph.m();
            this.levels = new byte[size];
            this.deleted = index.tombstones().words(size);
            int stride = 1 + 2 * m;
            for (int node = 0; node < size; ) {
                int[] page = graph.level0Page(node);
                level0.add(page.clone());
                node += (page.length - graph.level0Offset(node)) / stride;
            }
            for (int node = 0; node < size; node++) {
                int level = graph.level(node);
                levels[node] = (byte) level;
                if (level > 0) {
                    upper.add(graph.links(node, 1).clone());
                }
            }
            HnswGraph.EntryPoint e = graph.entryPoint();
            this.entry = size == 0 || e == null ? -1 : e.node();
            this.entryLevel = size == 0 || e == null ? -1 : e.level();
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public void writeTo(DataOutput out) throws IOException {
            PrimitiveIo io = new PrimitiveIo();
            writeHeader(out, HNSW, store, distance, size);
            out.writeInt(m);
            out.write(levels);
            writeVectors(out, store, size);
            writeTombstones(out, deleted);
            int stride = 1 + 2 * m;
            int remaining = size;
            for (int[] page : level0) {
                int n = Math.min(remaining, page.length / stride);
                io.writeInts(out, page, 0, n * stride);
                remaining -= n;
            }
            for (int[] lists : upper) {
                io.writeInts(out, lists, 0, lists.length);
            }
            out.writeInt(entry);
            out.writeInt(entryLevel);
        }
    }
}
