package io.vjvector.collection.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vjvector.collection.CollectionParams;
import io.vjvector.collection.CollectionSettings;
import io.vjvector.collection.HnswSettings;
import io.vjvector.collection.OptimizerSettings;
import io.vjvector.collection.StrictModeConfig;
import io.vjvector.collection.WalSettings;
import io.vjvector.engine.filter.PayloadFieldSchema;
import io.vjvector.engine.filter.PayloadSchemaType;
import io.vjvector.engine.index.Distance;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The manifest of a collection snapshot: what it keeps, and manifests written by older versions. */
class SnapshotManifestTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static SnapshotManifest manifest(OptimizerSettings optimizers) {
        CollectionParams params = new CollectionParams(8, Distance.COSINE, 2, 1, 1, 16, 100, 10_000, optimizers);
        return new SnapshotManifest("c", Instant.parse("2026-11-26T12:00:00Z"), params,
                Map.of("city", PayloadFieldSchema.of(PayloadSchemaType.KEYWORD), "at", PayloadFieldSchema.of(PayloadSchemaType.DATETIME),
                        "body", TEXT, "tenant", TENANT), "shard-checkpoint-v1");
    }

    private static final PayloadFieldSchema TEXT = schema(
            "{'type': 'text', 'tokenizer': 'prefix', 'min_token_len': 2, 'stemmer': {'type': 'snowball', 'language': 'english'},"
                    + " 'stopwords': {'languages': ['english'], 'custom': ['foo']}, 'phrase_matching': true}");
    private static final PayloadFieldSchema TENANT = schema("{'type': 'keyword', 'is_tenant': true, 'on_disk': false}");

    private static PayloadFieldSchema schema(String json) {
        try {
            return PayloadFieldSchema.parse(JSON.readTree(json.replace('\'', '"')), "field_schema");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void indexParametersRoundTripAndBareTypesStayTypeNames() throws Exception {
        ObjectNode json = (ObjectNode) JSON.readTree(manifest(null).toJson(JSON));
        assertEquals("keyword", json.get("payload_indexes").get("city").textValue());
        assertEquals("prefix", json.get("payload_indexes").get("body").get("tokenizer").textValue());
        SnapshotManifest read = SnapshotManifest.parse(JSON, JSON.writeValueAsBytes(json));
        assertEquals(TEXT, read.payloadIndexes().get("body"));
        assertEquals(TENANT, read.payloadIndexes().get("tenant"));
        assertEquals(PayloadFieldSchema.of(PayloadSchemaType.KEYWORD), read.payloadIndexes().get("city"));
    }

    @Test
    void aManifestWithAnUnknownIndexTypeIsAnInvalidSnapshot() throws Exception {
        ObjectNode bad = (ObjectNode) JSON.readTree(manifest(null).toJson(JSON));
        ((ObjectNode) bad.get("payload_indexes")).putObject("body").put("type", "text").put("tokenizer", "nope");
        InvalidSnapshotException e = assertThrows(InvalidSnapshotException.class,
                () -> SnapshotManifest.parse(JSON, JSON.writeValueAsBytes(bad)));
        assertTrue(e.getMessage().contains("body"), e.getMessage());
    }

    @Test
    void roundTripsEverySetting() {
        SnapshotManifest written = manifest(new OptimizerSettings(0.35, 500));
        SnapshotManifest read = SnapshotManifest.parse(JSON, written.toJson(JSON));
        assertEquals(written.params(), read.params());
        assertEquals(new java.util.TreeMap<>(written.payloadIndexes()), read.payloadIndexes());
        assertEquals(written.created(), read.created());
        assertEquals(written.shardFormat(), read.shardFormat());
    }

    @Test
    void aManifestWrittenBeforeOptimizerSettingsGetsTheDefaults() throws Exception {
        ObjectNode old = (ObjectNode) JSON.readTree(manifest(new OptimizerSettings(0.35, 500)).toJson(JSON));
        ((ObjectNode) old.get("params")).remove("optimizers_config");
        SnapshotManifest read = SnapshotManifest.parse(JSON, JSON.writeValueAsBytes(old));
        assertEquals(OptimizerSettings.DEFAULTS, read.params().optimizers());
    }

    @Test
    void roundTripsTheQdrantSettings() {
        CollectionParams params = new CollectionParams(8, Distance.DOT, 1, 1, 1, 16, 100, 10,
                new OptimizerSettings(0.3, 200, 4, 50_000, 20_000, 0, 9, 2, true), everySetting());
        SnapshotManifest written = new SnapshotManifest("c", Instant.parse("2026-12-01T08:00:00Z"), params, Map.of(),
                "shard-checkpoint");
        assertEquals(params, SnapshotManifest.parse(JSON, written.toJson(JSON)).params());
    }

    static CollectionSettings everySetting() {
        ObjectNode metadata = JSON.createObjectNode().put("owner", "search-team");
        metadata.putObject("nested").put("level", 2);
        StrictModeConfig strict = new StrictModeConfig(true, 10, 5, false, false, 64, false, 2.5, 100, 1L << 30, 600,
                300, 1L << 31, 1_000_000L, 50, 100, JSON.createObjectNode(), JSON.createObjectNode(), 20);
        return new CollectionSettings(true, new HnswSettings(4, true, 8), new WalSettings(2, 1, 3), strict, metadata);
    }

    /** A manifest exactly as written before the settings beyond the vacuum optimizer's existed. */
    @Test
    void aManifestInThePreviousFormatLoadsWithTheDefaults() {
        String previous = "{\"format\":\"vjvector-collection-snapshot\",\"collection\":\"c\","
                + "\"created\":\"2026-11-26T12:00:00Z\",\"params\":{\"vector_size\":8,\"distance\":\"Cosine\","
                + "\"shard_number\":2,\"replication_factor\":1,\"write_consistency_factor\":1,\"m\":16,"
                + "\"ef_construct\":100,\"full_scan_threshold\":10000,\"optimizers_config\":{\"deleted_threshold\":0.35,"
                + "\"vacuum_min_vector_number\":500}},\"payload_indexes\":{\"city\":\"keyword\"},"
                + "\"shard_format\":\"shard-checkpoint\"}";
        SnapshotManifest read = SnapshotManifest.parse(JSON, previous.getBytes(StandardCharsets.UTF_8));
        assertEquals(new CollectionParams(8, Distance.COSINE, 2, 1, 1, 16, 100, 10_000, new OptimizerSettings(0.35, 500)),
                read.params());
        assertEquals(CollectionSettings.DEFAULTS, read.params().settings());
        assertEquals(5, read.params().optimizers().flushIntervalSec());
    }

    @Test
    void malformedSettingsAreAnInvalidSnapshot() throws Exception {
        ObjectNode bad = (ObjectNode) JSON.readTree(manifest(null).toJson(JSON));
        ((ObjectNode) bad.get("params").get("settings")).put("unexpected", 1);
        assertThrows(InvalidSnapshotException.class, () -> SnapshotManifest.parse(JSON, JSON.writeValueAsBytes(bad)));
        ObjectNode outOfRange = (ObjectNode) JSON.readTree(manifest(null).toJson(JSON));
        ((ObjectNode) outOfRange.get("params").get("settings").get("wal")).put("capacityMb", 0);
        InvalidSnapshotException e = assertThrows(InvalidSnapshotException.class,
                () -> SnapshotManifest.parse(JSON, JSON.writeValueAsBytes(outOfRange)));
        assertTrue(e.getMessage().contains("wal_capacity_mb"), e.getMessage());
    }

    @Test
    void malformedOptimizerSettingsAreAnInvalidSnapshot() throws Exception {
        ObjectNode bad = (ObjectNode) JSON.readTree(manifest(null).toJson(JSON));
        ((ObjectNode) bad.get("params").get("optimizers_config")).put("deleted_threshold", "high");
        InvalidSnapshotException e = assertThrows(InvalidSnapshotException.class,
                () -> SnapshotManifest.parse(JSON, JSON.writeValueAsBytes(bad)));
        assertTrue(e.getMessage().contains("deleted_threshold"), e.getMessage());
    }
}
