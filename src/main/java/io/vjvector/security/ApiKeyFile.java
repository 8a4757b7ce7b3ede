package io.vjvector.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vjvector.engine.storage.AtomicFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A standalone node's managed API keys: one JSON file ({@code {"format", "version", "keys": [...]}},
 * each key an {@link ApiKeyRecord}). A change is written to the file (atomically, see
 * {@link AtomicFile}) before it shows in memory, so a revoked key stays revoked after a restart.
 */
public final class ApiKeyFile implements ApiKeyRecords {

    static final int FORMAT_VERSION = 1;
    private static final String FORMAT = "vjvector-api-keys";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private volatile Map<String, ApiKeyRecord> keys;

    private ApiKeyFile(Path file, Map<String, ApiKeyRecord> keys) {
        this.file = file;
        this.keys = keys;
    }

    /**
     * Opens the keys kept in {@code file}, creating its directory (owner-only where the file
     * system allows) if missing; a missing file holds no keys.
     *
     * @throws IOException when the file cannot be read or is not a key file of a known version
     */
    public static ApiKeyFile open(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            }
        }
        Files.deleteIfExists(file.resolveSibling(file.getFileName() + AtomicFile.TEMP_SUFFIX));
        return new ApiKeyFile(file, Files.exists(file) ? read(file) : Map.of());
    }

    /** The file the keys are kept in. */
    public Path file() {
        return file;
    }

    @Override
    public Map<String, ApiKeyRecord> current() {
        return keys;
    }

    @Override
    public synchronized boolean add(ApiKeyRecord record) {
        if (keys.containsKey(record.id())) {
            return false;
        }
        Map<String, ApiKeyRecord> next = new LinkedHashMap<>(keys);
        next.put(record.id(), record);
        replace(next);
        return true;
    }

    @Override
    public synchronized boolean remove(String id) {
        if (!keys.containsKey(id)) {
            return false;
        }
        Map<String, ApiKeyRecord> next = new LinkedHashMap<>(keys);
        next.remove(id);
        replace(next);
        return true;
    }

    private void replace(Map<String, ApiKeyRecord> next) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", FORMAT_VERSION);
        ArrayNode list = root.putArray("keys");
        next.values().forEach(k -> list.add(k.toJson()));
        try {
            byte[] content = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
            AtomicFile.write(file, out -> out.write(content));
        } catch (IOException e) {
            throw new UncheckedIOException("writing the API key store " + file, e);
        }
        // LinkedHashMap keeps creation order; wrapping rather than Map.copyOf, which would lose it.
        keys = Collections.unmodifiableMap(next);
    }

    private static Map<String, ApiKeyRecord> read(Path file) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        if (root == null || !FORMAT.equals(root.path("format").asText()) || !root.path("version").canConvertToInt()) {
            throw new IOException(file + " is not an API key store");
        }
        int version = root.path("version").intValue();
        if (version != FORMAT_VERSION) {
            throw new IOException(file + " has API key store version " + version + "; this build reads version "
                    + FORMAT_VERSION);
        }
        Map<String, ApiKeyRecord> keys = new LinkedHashMap<>();
        for (JsonNode entry : root.path("keys")) {
            try {
                ApiKeyRecord key = ApiKeyRecord.fromJson(entry);
                keys.put(key.id(), key);
            } catch (RuntimeException e) {
                throw new IOException(file + " has an unreadable key entry: " + e.getMessage(), e);
            }
        }
        return Collections.unmodifiableMap(keys);
    }
}
