package io.vjvector.api.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vjvector.api.dto.HnswConfigBody;
import io.vjvector.collection.CollectionSettings;
import io.vjvector.collection.CollectionSettingsUpdate;
import io.vjvector.collection.HnswSettings;
import io.vjvector.collection.OptimizerSettings;
import io.vjvector.collection.StrictModeConfig;
import io.vjvector.collection.WalSettings;
import io.vjvector.error.VJVectorException;
import java.util.Set;

/**
 * Reads the settings groups of create and update collection bodies that become
 * {@link CollectionSettings}: {@code on_disk_payload}, the HNSW members VJVector stores,
 * {@code wal_config}, {@code strict_mode_config}, {@code metadata} and {@code init_from}.
 */
final class CollectionSettingsReader {

    private static final Set<String> WAL = Set.of("wal_capacity_mb", "wal_segments_ahead", "wal_retain_closed");
    private static final Set<String> STRICT_MODE = Set.of("enabled", "max_query_limit", "max_timeout",
            "unindexed_filtering_retrieve", "unindexed_filtering_update", "search_max_hnsw_ef", "search_allow_exact",
            "search_max_oversampling", "upsert_max_batchsize", "max_collection_vector_size_bytes", "read_rate_limit",
            "write_rate_limit", "max_collection_payload_size_bytes", "max_points_count", "filter_max_conditions",
            "condition_max_size", "multivector_config", "sparse_config", "max_payload_index_count");
    private static final Set<String> INIT_FROM = Set.of("collection");

    private CollectionSettingsReader() {
    }

    /** The settings of a new collection; absent members take Qdrant's defaults. */
    static CollectionSettings create(Boolean onDiskPayload, HnswConfigBody hnsw, JsonNode wal, JsonNode strictMode,
                                     JsonNode metadata) {
        return new CollectionSettings(Boolean.TRUE.equals(onDiskPayload), hnsw(hnsw), wal(wal),
                strictMode(strictMode), metadata(metadata));
    }

    /** A change of the settings: null members are left as they are. */
    static CollectionSettingsUpdate update(Boolean onDiskPayload, HnswConfigBody hnsw,
                                           OptimizerSettings.OptimizersDiff optimizers, JsonNode strictMode,
                                           JsonNode metadata) {
        return new CollectionSettingsUpdate(onDiskPayload,
                hnsw == null ? null : hnsw.maxIndexingThreads(),
                hnsw == null ? null : hnsw.onDisk(),
                hnsw == null ? null : hnsw.payloadM(),
                optimizers, strictMode(strictMode), metadata(metadata));
    }

    /**
     * The source collection of {@code init_from}, or null.
     *
     * @throws VJVectorException BAD_REQUEST when it is not {@code {"collection": name}}
     */
    static String initFrom(JsonNode node) {
        JsonMembers m = JsonMembers.of(node, "init_from", INIT_FROM);
        String source = m == null ? null : m.text("collection");
        if (m != null && source == null) {
            throw VJVectorException.badRequest("init_from.collection", "is required: the collection to copy points from");
        }
        return source;
    }

    private static HnswSettings hnsw(HnswConfigBody hnsw) {
        if (hnsw == null) {
            return HnswSettings.DEFAULTS;
        }
        return new HnswSettings(hnsw.maxIndexingThreads() == null ? 0 : hnsw.maxIndexingThreads(),
                Boolean.TRUE.equals(hnsw.onDisk()), hnsw.payloadM());
    }

    private static WalSettings wal(JsonNode node) {
        JsonMembers m = JsonMembers.of(node, "wal_config", WAL);
        if (m == null) {
            return WalSettings.DEFAULTS;
        }
        Integer ahead = m.count("wal_segments_ahead");
        return new WalSettings(m.count("wal_capacity_mb"), ahead == null ? 0 : ahead, m.count("wal_retain_closed"));
    }

    private static StrictModeConfig strictMode(JsonNode node) {
        JsonMembers m = JsonMembers.of(node, "strict_mode_config", STRICT_MODE);
        if (m == null) {
            return null;
        }
        return new StrictModeConfig(m.bool("enabled"), m.count("max_query_limit"), m.count("max_timeout"),
                m.bool("unindexed_filtering_retrieve"), m.bool("unindexed_filtering_update"),
                m.count("search_max_hnsw_ef"), m.bool("search_allow_exact"), m.number("search_max_oversampling"),
                m.count("upsert_max_batchsize"), m.bigCount("max_collection_vector_size_bytes"),
                m.count("read_rate_limit"), m.count("write_rate_limit"), m.bigCount("max_collection_payload_size_bytes"),
                m.bigCount("max_points_count"), m.count("filter_max_conditions"), m.count("condition_max_size"),
                m.object("multivector_config"), m.object("sparse_config"), m.count("max_payload_index_count"));
    }

    /** Qdrant's metadata: any JSON object. */
    private static ObjectNode metadata(JsonNode node) {
        if (!JsonValues.present(node)) {
            return null;
        }
        if (!node.isObject()) {
            throw VJVectorException.format("metadata", "must be a JSON object");
        }
        return ((ObjectNode) node).deepCopy();
    }
}
