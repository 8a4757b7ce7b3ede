package io.vjvector.engine.storage;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import javax.crypto.SecretKey;

/**
 * One WAL segment file, {@code <first sequence, 20 digits>.wal}: a {@link FileHeader} (magic
 * "VJWL", the first sequence as parameter) followed by records. Holds the file open for the
 * writer, plus the published end of its valid records, which concurrent readers use as their
 * read limit.
 *
 * <p>Why a {@link RandomAccessFile} for writing and syncing: {@code FileChannel} I/O is
 * interruptible, and interrupting a thread inside a channel write or force closes the channel
 * for every thread (a request timeout would break the log). The classic file API ignores
 * interrupts. Readers and recovery use their own read-only channels, so an interrupt there only
 * fails that one read.
 */
final class Segment {

    static final int MAGIC = 0x564A574C;
    static final String SUFFIX = ".wal";
    private static final String KIND = "VJVector WAL segment";
    private static final int NAME_DIGITS = 20;

    private final Path path;
    private final long firstSequence;
    private final FileHeader header;
    private final SecretKey dataKey;
    private final RandomAccessFile file;
    private final OffsetIndex index = new OffsetIndex();
    // Published by the single writer in this order: size, then epoch, then sequence.
    private volatile long size;
    private volatile long lastEpoch;
    private volatile long lastSequence;

    private Segment(Path path, FileHeader header, SecretKey dataKey, long epochBefore) throws IOException {
        this.path = path;
        this.firstSequence = header.parameter();
        this.header = header;
        this.dataKey = dataKey;
        this.file = new RandomAccessFile(path.toFile(), "rw");
        this.size = header.length();
        this.lastEpoch = epochBefore;
        this.lastSequence = firstSequence - 1;
    }

    /** The file name of the segment whose first record has {@code firstSequence}. */
    static Path path(Path directory, long firstSequence) {
        return directory.resolve(String.format("%0" + NAME_DIGITS + "d", firstSequence) + SUFFIX);
    }

    /** The first sequence a segment file name announces, or -1 if it is not a segment name. */
    static long firstSequenceOf(Path file) {
        String name = file.getFileName().toString();
        if (name.length() != NAME_DIGITS + SUFFIX.length() || !name.endsWith(SUFFIX)) {
            return -1;
        }
        for (int i = 0; i < NAME_DIGITS; i++) {
            if (!Character.isDigit(name.charAt(i))) {
                return -1;
            }
        }
        return Long.parseLong(name.substring(0, NAME_DIGITS));
    }

    /**
     * Creates (or atomically replaces) an empty segment whose header is durable before the file
     * appears under its name, so a crash never leaves a segment with a partial header.
     */
    static Segment create(Path directory, long firstSequence, long epochBefore, EncryptionKeys keys) throws IOException {
        FileHeader.Created created = FileHeader.create(MAGIC, firstSequence, keys);
        Path path = path(directory, firstSequence);
        AtomicFile.write(path, out -> out.write(created.header().bytes()));
        return new Segment(path, created.header(), created.dataKey(), epochBefore);
    }

    /**
     * Opens an existing segment and validates its header; its records are not read yet.
     *
     * @throws WalCorruptedException for a damaged header or one that disagrees with the name
     * @throws StorageKeyException   when the segment's key is missing or wrong
     */
    static Segment open(Path path, EncryptionKeys keys) throws IOException {
        FileHeader header;
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            header = readHeader(channel, path);
        }
        if (header.parameter() != firstSequenceOf(path)) {
            throw new WalCorruptedException(path, 8, "header says first sequence " + header.parameter()
                    + " but the file name says " + firstSequenceOf(path));
        }
        SecretKey dataKey = header.dataKey(keys, "WAL segment " + path);
        return new Segment(path, header, dataKey, 0);
    }

    private static FileHeader readHeader(FileChannel channel, Path path) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(FileHeader.MAX_BYTES, channel.size()));
        int read;
        do {
            read = channel.read(buf, buf.position());
        } while (read >= 0 && buf.hasRemaining());
        buf.flip();
        if (buf.limit() < FileHeader.PREFIX_BYTES) {
            throw new WalCorruptedException(path, buf.limit(), "file ends inside its segment header");
        }
        try {
            return FileHeader.decode(buf, MAGIC, KIND);
        } catch (MalformedDataException e) {
            throw new WalCorruptedException(path, e.offset(), e.reason());
        }
    }

    /** Publishes a record the writer appended at {@code offset}, ending at {@code newSize}. */
    void appended(long sequence, long epoch, long offset, long newSize) {
        index.add(sequence, offset);
        size = newSize;
        lastEpoch = epoch;
        lastSequence = sequence;
    }

    /** Sets the published end: after recovery has scanned the file, or after a truncation. */
    void resetEnd(long newSize, long newLastSequence, long newLastEpoch) {
        index.removeFrom(newLastSequence + 1);
        size = newSize;
        lastEpoch = newLastEpoch;
        lastSequence = newLastSequence;
    }

    /** Where reading for {@code sequence} should start: an indexed record at or before it. */
    OffsetIndex.Position startFor(long sequence) {
        return index.floor(sequence, new OffsetIndex.Position(firstSequence, header.length()));
    }

    Path path() {
        return path;
    }

    long firstSequence() {
        return firstSequence;
    }

    /** Sequence of the last record, or {@code firstSequence - 1} when empty. */
    long lastSequence() {
        return lastSequence;
    }

    /** Epoch of the last record, or of the record before this segment when empty. */
    long lastEpoch() {
        return lastEpoch;
    }

    boolean isEmpty() {
        return lastSequence < firstSequence;
    }

    /** End of the published records. */
    long size() {
        return size;
    }

    long headerLength() {
        return header.length();
    }

    /** Master key id, or {@code null} for a plaintext segment. */
    String keyId() {
        return header.keyId();
    }

    /** Data key of an encrypted segment, or {@code null}. */
    SecretKey dataKey() {
        return dataKey;
    }

    /** A private read-only channel; the caller closes it. */
    FileChannel openForReading() throws IOException {
        return FileChannel.open(path, StandardOpenOption.READ);
    }

    /** Writes {@code length} bytes of {@code bytes} at {@code offset} (uninterruptible). */
    void write(byte[] bytes, int length, long offset) throws IOException {
        file.seek(offset);
        file.write(bytes, 0, length);
    }

    /** Forces written data to stable storage (fsync; uninterruptible). */
    void sync() throws IOException {
        file.getFD().sync();
    }

    /** Cuts the file at {@code length} and makes that durable. */
    void truncateFile(long length) throws IOException {
        file.setLength(length);
        sync();
    }

    void close() throws IOException {
        file.close();
    }
}
