package io.vjvector.collection;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.vjvector.engine.storage.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The files of a collection snapshot in one directory: {@code shard-<n>.checkpoint} for every
 * shard (a sealed shard checkpoint: checksummed, and encrypted when a storage key is configured)
 * and {@code collection.json} (format, name, settings, each shard's log sequence), written last,
 * so a directory with a manifest is complete.
 */
public final class CollectionSnapshot {

    /** Name of the manifest file. */
    public static final String MANIFEST = "collection.json";
    private static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * The manifest.
     *
     * @param sequences per shard, the last log sequence its checkpoint covers
     */
    public record Manifest(int format, String name, CollectionParams params, List<Long> sequences) {
    }

    private CollectionSnapshot() {
    }

    /** The checkpoint file of shard {@code n}. */
    public static Path shardFile(Path directory, int n) {
        return directory.resolve("shard-" + n + ".checkpoint");
    }

    /** Every file of a snapshot of a collection with {@code shards} shards, manifest last. */
    public static List<Path> files(Path directory, int shards) {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < shards; i++) {
            files.add(shardFile(directory, i));
        }
        files.add(directory.resolve(MANIFEST));
        return files;
    }

    static void writeManifest(Path directory, Manifest manifest) throws IOException {
        AtomicFile.write(directory.resolve(MANIFEST), out -> JSON.writeValue(out, manifest));
    }

    /**
     * Reads the manifest of a snapshot directory.
     *
     * @throws IOException if it is missing, unreadable, or of a format this version does not read
     */
    public static Manifest readManifest(Path directory) throws IOException {
        Path file = directory.resolve(MANIFEST);
        if (!Files.exists(file)) {
            throw new IOException(directory + " holds no snapshot (no " + MANIFEST + ")");
        }
        Manifest manifest = JSON.readValue(file.toFile(), Manifest.class);
        if (manifest.format() != FORMAT) {
            throw new IOException("snapshot " + file + " has format " + manifest.format() + "; this version reads "
                    + FORMAT);
        }
        if (manifest.params() == null || manifest.sequences() == null
                || manifest.sequences().size() != manifest.params().shardNumber()) {
            throw new IOException("snapshot " + file + " does not describe its shards");
        }
        return manifest;
    }
}
