package io.vjvector.collection;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one JSON form of catalog entries and aliases, shared by the local {@code catalog.json} and
 * a cluster's catalog in etcd, so an entry reads the same wherever it was written. Unknown
 * properties are ignored: a newer version may add settings an older one passes over.
 */
public final class CatalogJson {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private CatalogJson() {
    }

    public static byte[] writeEntry(Catalog.Entry entry) {
        try {
            return MAPPER.writeValueAsBytes(entry);
        } catch (IOException e) {
            throw new IllegalStateException("catalog entry " + entry.name() + " cannot be written as JSON", e);
        }
    }

    /** @throws IOException naming what is wrong when {@code json} is not an entry */
    public static Catalog.Entry readEntry(byte[] json) throws IOException {
        return MAPPER.readValue(json, Catalog.Entry.class);
    }

    /** Aliases sorted by alias name. */
    public static byte[] writeAliases(Map<String, String> aliases) {
        try {
            return MAPPER.writeValueAsBytes(new TreeMap<>(aliases));
        } catch (IOException e) {
            throw new IllegalStateException("aliases cannot be written as JSON", e);
        }
    }

    public static Map<String, String> readAliases(byte[] json) throws IOException {
        return Map.copyOf(MAPPER.readValue(json, new TypeReference<Map<String, String>>() { }));
    }
}
