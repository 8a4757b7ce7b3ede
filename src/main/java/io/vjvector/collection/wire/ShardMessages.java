package io.vjvector.collection.wire;

import static io.vjvector.collection.wire.WireValues.NODES;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vjvector.collection.CollectionInfo;
import io.vjvector.collection.CollectionParams;
import io.vjvector.collection.PointRecord;
import io.vjvector.collection.PointSelector;
import io.vjvector.collection.PointStruct;
import io.vjvector.collection.PointVectors;
import io.vjvector.collection.ScoredPoint;
import io.vjvector.collection.ScrollRequest;
import io.vjvector.collection.SearchOptions;
import io.vjvector.collection.SearchRequest;
import io.vjvector.collection.ShardStats;
import io.vjvector.engine.filter.PayloadFieldSchema;
import io.vjvector.engine.payload.JsonPath;
import io.vjvector.engine.quantization.QuantizedSearch;
import io.vjvector.engine.shard.PayloadUpdate;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON of the requests and answers that cross a {@link io.vjvector.collection.ShardHandle}:
 * one writer and one reader per type, each the other's inverse ({@code read(write(x))} equals
 * {@code x}, and filters evaluate alike).
 */
public final class ShardMessages {

    /** Reads and writes message bytes; unknown members are ignored so a newer sender's additions pass. */
    static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ShardMessages() {
    }

    /** The bytes of a message. */
    public static byte[] bytes(JsonNode message) {
        try {
            return JSON.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serialises", e);
        }
    }

    /** The message in {@code bytes}. */
    public static JsonNode message(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new WireFormatException("not a JSON message: " + e.getMessage(), e);
        }
    }

    public static ObjectNode pointStruct(PointStruct p) {
        ObjectNode out = NODES.objectNode();
        out.set("id", WireValues.pointId(p.id()));
        out.set("vectors", WireValues.vectors(p.vectors()));
        out.set("payload", p.payload());
        return out;
    }

    public static PointStruct pointStruct(JsonNode node) {
        return new PointStruct(WireValues.pointId(node.get("id")), WireValues.vectors(WireValues.required(node, "vectors")),
                WireValues.payload(node.get("payload")));
    }

    public static ObjectNode pointVectors(PointVectors p) {
        ObjectNode out = NODES.objectNode();
        out.set("id", WireValues.pointId(p.id()));
        out.set("vectors", WireValues.vectors(p.vectors()));
        return out;
    }

    public static PointVectors pointVectors(JsonNode node) {
        return new PointVectors(WireValues.pointId(node.get("id")), WireValues.vectors(WireValues.required(node, "vectors")));
    }

    public static ObjectNode selector(PointSelector s) {
        ObjectNode out = NODES.objectNode();
        if (s.ids() != null) {
            out.set("ids", WireValues.pointIds(s.ids()));
        } else {
            out.set("filter", WireValues.filter(s.filter()));
        }
        return out;
    }

    public static PointSelector selector(JsonNode node) {
        JsonNode ids = node.get("ids");
        return ids != null ? PointSelector.ids(WireValues.pointIds(ids))
                : PointSelector.filter(WireValues.filter(WireValues.required(node, "filter")));
    }

    public static ObjectNode payloadUpdate(PayloadUpdate update) {
        ObjectNode out = NODES.objectNode();
        if (update instanceof PayloadUpdate.Set s) {
            out.put("kind", "set");
            out.set("values", s.values());
            out.set("key", WireValues.path(s.key()));
        } else if (update instanceof PayloadUpdate.Overwrite o) {
            out.put("kind", "overwrite");
            out.set("values", o.values());
        } else if (update instanceof PayloadUpdate.DeleteKeys d) {
            out.put("kind", "delete_keys");
            ArrayNode keys = out.putArray("keys");
            d.keys().forEach(k -> keys.add(k.toString()));
        } else {
            out.put("kind", "clear");
        }
        return out;
    }

    public static PayloadUpdate payloadUpdate(JsonNode node) {
        String kind = WireValues.text(node, "kind");
        return switch (kind) {
            case "set" -> new PayloadUpdate.Set(WireValues.payload(WireValues.required(node, "values")),
                    WireValues.path(node.get("key")));
            case "overwrite" -> new PayloadUpdate.Overwrite(WireValues.payload(WireValues.required(node, "values")));
            case "delete_keys" -> {
                List<JsonPath> keys = new ArrayList<>();
                for (JsonNode k : WireValues.array(node.get("keys"), "keys")) {
                    keys.add(WireValues.path(k));
                }
                yield new PayloadUpdate.DeleteKeys(keys);
            }
            case "clear" -> new PayloadUpdate.Clear();
            default -> throw new WireFormatException("unknown payload update `" + kind + "`");
        };
    }

    /** A field schema as the WAL holds it ({@link PayloadFieldSchema#encode}), a format already kept stable. */
    public static JsonNode fieldSchema(PayloadFieldSchema schema) {
        return NODES.textNode(schema.encode());
    }

    public static PayloadFieldSchema fieldSchema(JsonNode node) {
        if (node == null || !node.isTextual()) {
            throw new WireFormatException("not a field schema: " + node);
        }
        try {
            return PayloadFieldSchema.decode(node.textValue());
        } catch (IllegalArgumentException e) {
            throw new WireFormatException(e.getMessage(), e);
        }
    }

    public static ObjectNode searchOptions(SearchOptions o) {
        ObjectNode out = NODES.objectNode();
        out.set("filter", WireValues.filter(o.filter()));
        out.put("limit", o.limit());
        out.put("offset", o.offset());
        // Widened to a double, which JSON carries exactly; narrowed back on reading.
        out.put("score_threshold", o.scoreThreshold() == null ? null : o.scoreThreshold().doubleValue());
        out.put("hnsw_ef", o.hnswEf());
        out.put("exact", o.exact());
        out.set("with_payload", WireValues.withPayload(o.withPayload()));
        out.set("with_vector", WireValues.vectorSelection(o.withVector()));
        if (o.quantization() != null) {
            ObjectNode q = out.putObject("quantization");
            q.put("ignore", o.quantization().ignore());
            q.put("rescore", o.quantization().rescore());
            q.put("oversampling", o.quantization().oversampling());
        }
        return out;
    }

    /** Absent in messages of senders without quantization: the defaults apply. */
    private static QuantizedSearch quantization(JsonNode node) {
        JsonNode q = node.get("quantization");
        if (q == null || q.isNull()) {
            return null;
        }
        try {
            return new QuantizedSearch(WireValues.bool(q, "ignore"), WireValues.bool(q, "rescore"),
                    WireValues.required(q, "oversampling").doubleValue());
        } catch (IllegalArgumentException e) {
            throw new WireFormatException(e.getMessage(), e);
        }
    }

    public static SearchOptions searchOptions(JsonNode node) {
        JsonNode threshold = WireValues.required(node, "score_threshold");
        JsonNode ef = WireValues.required(node, "hnsw_ef");
        return new SearchOptions(WireValues.filter(node.get("filter")), WireValues.integer(node, "limit"),
                WireValues.integer(node, "offset"), threshold.isNull() ? null : threshold.floatValue(),
                ef.isNull() ? null : WireValues.integer(node, "hnsw_ef"), WireValues.bool(node, "exact"),
                WireValues.withPayload(WireValues.required(node, "with_payload")),
                WireValues.vectorSelection(WireValues.required(node, "with_vector")), quantization(node));
    }

    public static ObjectNode searchRequest(SearchRequest r) {
        ObjectNode out = NODES.objectNode();
        out.put("using", r.using());
        out.set("query", WireValues.vector(r.query()));
        out.set("options", searchOptions(r.options()));
        return out;
    }

    public static SearchRequest searchRequest(JsonNode node) {
        return new SearchRequest(WireValues.text(node, "using"), WireValues.vector(node.get("query")),
                searchOptions(WireValues.required(node, "options")));
    }

    public static ObjectNode scrollRequest(ScrollRequest r) {
        ObjectNode out = NODES.objectNode();
        out.set("filter", WireValues.filter(r.filter()));
        out.put("limit", r.limit());
        out.set("offset", r.offset() == null ? NODES.nullNode() : WireValues.pointId(r.offset()));
        out.set("with_payload", WireValues.withPayload(r.withPayload()));
        out.set("with_vector", WireValues.vectorSelection(r.withVector()));
        return out;
    }

    public static ScrollRequest scrollRequest(JsonNode node) {
        JsonNode offset = WireValues.required(node, "offset");
        return new ScrollRequest(WireValues.filter(node.get("filter")), WireValues.integer(node, "limit"),
                offset.isNull() ? null : WireValues.pointId(offset),
                WireValues.withPayload(WireValues.required(node, "with_payload")),
                WireValues.vectorSelection(WireValues.required(node, "with_vector")));
    }

    public static ObjectNode scoredPoint(ScoredPoint p) {
        ObjectNode out = NODES.objectNode();
        out.set("id", WireValues.pointId(p.id()));
        out.put("version", p.version());
        out.put("score", (double) p.score());
        out.set("payload", p.payload());
        out.set("vectors", p.vectors() == null ? NODES.nullNode() : WireValues.vectors(p.vectors()));
        return out;
    }

    public static ScoredPoint scoredPoint(JsonNode node) {
        return new ScoredPoint(WireValues.pointId(node.get("id")), WireValues.number(node, "version"),
                WireValues.required(node, "score").floatValue(), WireValues.payload(node.get("payload")),
                WireValues.vectors(node.get("vectors")));
    }

    public static ObjectNode pointRecord(PointRecord p) {
        ObjectNode out = NODES.objectNode();
        out.set("id", WireValues.pointId(p.id()));
        out.set("payload", p.payload());
        out.set("vectors", p.vectors() == null ? NODES.nullNode() : WireValues.vectors(p.vectors()));
        return out;
    }

    public static PointRecord pointRecord(JsonNode node) {
        return new PointRecord(WireValues.pointId(node.get("id")), WireValues.payload(node.get("payload")),
                WireValues.vectors(node.get("vectors")));
    }

    public static ObjectNode shardStats(ShardStats s) {
        ObjectNode out = NODES.objectNode();
        out.put("points", s.points());
        out.put("indexed_vectors", s.indexedVectors());
        ObjectNode schema = out.putObject("payload_schema");
        s.payloadSchema().forEach((key, info) -> {
            ObjectNode field = schema.putObject(key);
            field.set("schema", fieldSchema(info.schema()));
            field.put("points", info.points());
        });
        out.put("stored_vectors", s.storedVectors());
        out.put("optimizing", s.optimizing());
        return out;
    }

    public static ShardStats shardStats(JsonNode node) {
        Map<String, CollectionInfo.PayloadFieldInfo> schema = new LinkedHashMap<>();
        WireValues.required(node, "payload_schema").properties().forEach(e -> schema.put(e.getKey(),
                new CollectionInfo.PayloadFieldInfo(fieldSchema(e.getValue().get("schema")),
                        WireValues.number(e.getValue(), "points"))));
        return new ShardStats(WireValues.number(node, "points"), WireValues.number(node, "indexed_vectors"), schema,
                WireValues.number(node, "stored_vectors"), WireValues.bool(node, "optimizing"));
    }

    /** A vector field's spec: {@code {"kind": "dense" | "multi" | "sparse", "index"?, "datatype"?, "idf"?}}. */
    public static JsonNode fieldSpec(io.vjvector.engine.shard.VectorFieldSpec spec) {
        com.fasterxml.jackson.databind.node.ObjectNode out = JSON.createObjectNode();
        if (spec instanceof io.vjvector.engine.shard.VectorFieldSpec.Dense d) {
            out.put("kind", "dense");
            out.set("index", JSON.valueToTree(d.index()));
            out.put("datatype", d.datatype().name());
        } else if (spec instanceof io.vjvector.engine.shard.VectorFieldSpec.Multi m) {
            out.put("kind", "multi");
            out.set("index", JSON.valueToTree(m.index()));
            out.put("datatype", m.datatype().name());
        } else {
            out.put("kind", "sparse");
            out.put("idf", ((io.vjvector.engine.shard.VectorFieldSpec.Sparse) spec).idf());
        }
        return out;
    }

    public static io.vjvector.engine.shard.VectorFieldSpec fieldSpec(JsonNode node) {
        try {
            String kind = WireValues.text(node, "kind");
            if (kind.equals("sparse")) {
                return new io.vjvector.engine.shard.VectorFieldSpec.Sparse(WireValues.bool(node, "idf"));
            }
            io.vjvector.engine.index.IndexConfig index = JSON.treeToValue(WireValues.required(node, "index"),
                    io.vjvector.engine.index.IndexConfig.class);
            io.vjvector.engine.index.Datatype datatype = io.vjvector.engine.index.Datatype.valueOf(
                    WireValues.text(node, "datatype"));
            return switch (kind) {
                case "dense" -> new io.vjvector.engine.shard.VectorFieldSpec.Dense(index, datatype);
                case "multi" -> new io.vjvector.engine.shard.VectorFieldSpec.Multi(index, datatype);
                default -> throw new WireFormatException("unknown vector field kind `" + kind + "`");
            };
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new WireFormatException("not a vector field spec: " + e.getMessage(), e);
        }
    }

    /** Collection settings as the catalog stores them (records written by Jackson). */
    public static JsonNode collectionParams(CollectionParams params) {
        return JSON.valueToTree(params);
    }

    public static CollectionParams collectionParams(JsonNode node) {
        try {
            return JSON.treeToValue(node, CollectionParams.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new WireFormatException("not collection settings: " + e.getMessage(), e);
        }
    }
}
