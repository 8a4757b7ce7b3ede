package io.vjvector.collection.snapshot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vjvector.collection.CollectionParams;
import io.vjvector.collection.CollectionSettings;
import io.vjvector.collection.CollectionValidation;
import io.vjvector.collection.OptimizerSettings;
import io.vjvector.collection.QuantizationSettings;
import io.vjvector.collection.VectorsConfig;
import io.vjvector.engine.filter.FilterException;
import io.vjvector.engine.filter.PayloadFieldSchema;
import io.vjvector.engine.index.Distance;
import io.vjvector.error.VJVectorException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The first entry of a snapshot: what collection it holds and how its shards are encoded. JSON,
 * so that an operator can read it from an unsealed snapshot; parsed strictly, since a snapshot
 * is untrusted input.
 *
 * @param collection     the collection the snapshot was taken of (a restore may use another name)
 * @param created        when the snapshot's point-in-time cut was taken
 * @param params         the collection's settings; its shard count says how many shard entries follow
 * @param payloadIndexes indexed payload fields and their definitions: a type name, or the
 *                       field_schema object when the index has parameters
 * @param shardFormat    the encoding of each shard entry
 */
record SnapshotManifest(String collection, Instant created, CollectionParams params,
                        Map<String, PayloadFieldSchema> payloadIndexes, String shardFormat) {

    static final String ENTRY = "manifest.json";
    static final String FORMAT = "vjvector-collection-snapshot";
    /** Manifests are small; anything larger is not one of ours. */
    static final int MAX_BYTES = 1 << 20;

    byte[] toJson(ObjectMapper mapper) {
        ObjectNode root = mapper.createObjectNode();
        root.put("format", FORMAT);
        root.put("collection", collection);
        root.put("created", created.toString());
        ObjectNode p = root.putObject("params");
        // Manifests written before named vectors have only these two; newer ones add "vectors".
        if (params.distance() != null) {
            p.put("vector_size", params.vectorSize());
            p.put("distance", params.distance().qdrantName());
        }
        p.set("vectors", mapper.valueToTree(params.vectors()));
        p.put("shard_number", params.shardNumber());
        p.put("replication_factor", params.replicationFactor());
        p.put("write_consistency_factor", params.writeConsistencyFactor());
        p.put("m", params.m());
        p.put("ef_construct", params.efConstruct());
        p.put("full_scan_threshold", params.fullScanThreshold());
        ObjectNode optimizers = p.putObject("optimizers_config");
        optimizers.put("deleted_threshold", params.optimizers().deletedThreshold());
        optimizers.put("vacuum_min_vector_number", params.optimizers().vacuumMinVectorNumber());
        OptimizerSettings o = params.optimizers();
        optimizers.put("default_segment_number", o.defaultSegmentNumber());
        optimizers.put("max_segment_size", o.maxSegmentSize());
        optimizers.put("memmap_threshold", o.memmapThreshold());
        optimizers.put("indexing_threshold", o.indexingThreshold());
        optimizers.put("flush_interval_sec", o.flushIntervalSec());
        optimizers.put("max_optimization_threads", o.maxOptimizationThreads());
        optimizers.put("prevent_unoptimized", o.preventUnoptimized());
        p.set("settings", mapper.valueToTree(params.settings()));
        // Manifests written before quantization have none: the collection has none.
        p.set("quantization_config", mapper.valueToTree(params.quantization()));
        ObjectNode indexes = root.putObject("payload_indexes");
        payloadIndexes.forEach((key, schema) -> {
            if (schema.hasParams()) {
                indexes.set(key, schema.paramsJson());
            } else {
                indexes.put(key, schema.type().qdrantName());
            }
        });
        root.put("shard_format", shardFormat);
        try {
            return mapper.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a manifest of plain values always serialises", e);
        }
    }

    /** @throws InvalidSnapshotException when the bytes are not a valid manifest */
    static SnapshotManifest parse(ObjectMapper mapper, byte[] json) {
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (java.io.IOException e) {
            throw new InvalidSnapshotException("snapshot manifest is not valid JSON");
        }
        if (root == null || !root.isObject() || !FORMAT.equals(text(root, "format"))) {
            throw new InvalidSnapshotException("not a VJVector collection snapshot (manifest format is not " + FORMAT + ")");
        }
        Instant created;
        try {
            created = Instant.parse(text(root, "created"));
        } catch (DateTimeParseException e) {
            throw new InvalidSnapshotException("snapshot manifest: created is not an ISO-8601 instant");
        }
        CollectionParams params = params(mapper, object(root, "params"));
        Map<String, PayloadFieldSchema> indexes = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object(root, "payload_indexes").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual() && !e.getValue().isObject()) {
                throw new InvalidSnapshotException("snapshot manifest: payload index '" + e.getKey() + "' has an unknown type");
            }
            try {
                indexes.put(e.getKey(), PayloadFieldSchema.parse(e.getValue(), "field_schema"));
            } catch (FilterException bad) {
                throw new InvalidSnapshotException("snapshot manifest: payload index '" + e.getKey() + "' has an unknown type ("
                        + bad.getMessage() + ")");
            }
        }
        return new SnapshotManifest(text(root, "collection"), created, params, indexes, text(root, "shard_format"));
    }

    private static CollectionParams params(ObjectMapper mapper, JsonNode p) {
        VectorsConfig vectors = vectors(mapper, p.get("vectors"));
        int size = 0;
        Distance distance = null;
        if (vectors == null) {
            distance = Distance.fromQdrantName(text(p, "distance"));
            if (distance == null) {
                throw new InvalidSnapshotException("snapshot manifest: unknown distance '" + text(p, "distance") + "'");
            }
            size = integer(p, "vector_size");
        }
        CollectionParams params = new CollectionParams(size, distance, integer(p, "shard_number"),
                integer(p, "replication_factor"), integer(p, "write_consistency_factor"), integer(p, "m"),
                integer(p, "ef_construct"), integer(p, "full_scan_threshold"), optimizers(p.get("optimizers_config")),
                settings(mapper, p.get("settings")), vectors, quantization(mapper, p.get("quantization_config")));
        try {
            CollectionValidation.params(params);
        } catch (VJVectorException e) {
            throw new InvalidSnapshotException("snapshot manifest describes an invalid collection: " + e.describe());
        }
        return params;
    }

    /** Snapshots taken before optimizer settings existed have none: the defaults apply. */
    private static OptimizerSettings optimizers(JsonNode o) {
        if (o == null || o.isNull()) {
            return null;
        }
        JsonNode threshold = o.get("deleted_threshold");
        if (threshold == null || !threshold.isNumber()) {
            throw new InvalidSnapshotException("snapshot manifest: params.optimizers_config.deleted_threshold must be a number");
        }
        return new OptimizerSettings(threshold.doubleValue(), integer(o, "vacuum_min_vector_number"),
                optionalInteger(o, "default_segment_number"), optionalInteger(o, "max_segment_size"),
                optionalInteger(o, "memmap_threshold"), optionalInteger(o, "indexing_threshold"),
                optionalInteger(o, "flush_interval_sec"), optionalInteger(o, "max_optimization_threads"),
                optionalBoolean(o, "prevent_unoptimized"));
    }

    /**
     * Snapshots taken before these settings existed have none: the defaults apply. Ranges are
     * checked with the rest of the parameters.
     */
    private static CollectionSettings settings(ObjectMapper mapper, JsonNode s) {
        if (s == null || s.isNull()) {
            return null;
        }
        if (!s.isObject()) {
            throw new InvalidSnapshotException("snapshot manifest: params.settings must be an object");
        }
        try {
            return mapper.readerFor(CollectionSettings.class)
                    .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(s);
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new InvalidSnapshotException("snapshot manifest: params.settings is not valid: " + e.getMessage());
        }
    }

    /** Manifests written before quantization have none. */
    private static QuantizationSettings quantization(ObjectMapper mapper, JsonNode q) {
        if (q == null || q.isNull()) {
            return null;
        }
        try {
            QuantizationSettings settings = mapper.readerFor(QuantizationSettings.class)
                    .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(q);
            if (settings.removes()) {
                throw new IllegalArgumentException("a collection's quantization cannot be \"disabled\"");
            }
            return settings;
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new InvalidSnapshotException("snapshot manifest: params.quantization_config is not valid: "
                    + e.getMessage());
        }
    }

    /** Manifests written before named vectors have none: the one unnamed vector of vector_size and distance. */
    private static VectorsConfig vectors(ObjectMapper mapper, JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isObject()) {
            throw new InvalidSnapshotException("snapshot manifest: params.vectors must be an object");
        }
        try {
            return mapper.readerFor(VectorsConfig.class)
                    .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(v);
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new InvalidSnapshotException("snapshot manifest: params.vectors is not valid: " + e.getMessage());
        }
    }

    /** Absent or null: null (the member's default applies). */
    private static Integer optionalInteger(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        return node == null || node.isNull() ? null : integer(parent, field);
    }

    private static Boolean optionalBoolean(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isBoolean()) {
            throw new InvalidSnapshotException("snapshot manifest: params." + field + " must be a boolean");
        }
        return node.booleanValue();
    }

    private static JsonNode object(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isObject()) {
            throw new InvalidSnapshotException("snapshot manifest: " + field + " must be an object");
        }
        return node;
    }

    private static String text(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isTextual()) {
            throw new InvalidSnapshotException("snapshot manifest: " + field + " must be a string");
        }
        return node.asText();
    }

    private static int integer(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isInt()) {
            throw new InvalidSnapshotException("snapshot manifest: params." + field + " must be an integer");
        }
        return node.asInt();
    }
}
