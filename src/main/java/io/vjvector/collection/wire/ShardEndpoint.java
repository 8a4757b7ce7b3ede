package io.vjvector.collection.wire;

import static io.vjvector.collection.wire.WireValues.NODES;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vjvector.collection.OrderedRecord;
import io.vjvector.collection.PointRecord;
import io.vjvector.collection.PointStruct;
import io.vjvector.collection.PointVectors;
import io.vjvector.collection.ScoredPoint;
import io.vjvector.collection.ShardHandle;
import io.vjvector.engine.shard.OrderBy;
import io.vjvector.engine.shard.VectorFieldSpec;
import io.vjvector.error.NotLeaderException;
import io.vjvector.error.VJVectorException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The receiving side of shard calls: decodes a request, runs it on a {@link ShardHandle} of this
 * node and encodes the answer. A reply is {@code {"ok": <answer>}} or
 * {@code {"error": {"kind", "field", "message"}}}: a {@link VJVectorException} keeps its kind and
 * field, so the caller rethrows what the shard threw; any other failure has no kind and its type.
 */
public final class ShardEndpoint {

    private final ShardHandle shard;

    public ShardEndpoint(ShardHandle shard) {
        this.shard = shard;
    }

    /** Runs {@code call} with the request in {@code request} and returns the reply's bytes. */
    public byte[] handle(ShardCall call, byte[] request) {
        ObjectNode reply = NODES.objectNode();
        try {
            reply.set("ok", answer(call, ShardMessages.message(request)));
        } catch (VJVectorException e) {
            return errorReply(e);
        } catch (RuntimeException e) {
            ObjectNode error = reply.putObject("error");
            error.putNull("kind");
            error.put("type", e.getClass().getName());
            error.put("message", e.getMessage());
        }
        return ShardMessages.bytes(reply);
    }

    /**
     * The reply bytes of a call refused with {@code e} before it reached the shard (a write to a
     * copy that does not lead, say): what {@link #handle} answers when the shard throws it.
     */
    public static byte[] errorReply(VJVectorException e) {
        ObjectNode reply = NODES.objectNode();
        ObjectNode error = reply.putObject("error");
        error.put("kind", e.kind().name());
        error.put("field", e.field());
        error.put("message", e.getMessage());
        if (e instanceof NotLeaderException n) {
            error.put("epoch", n.epoch());
            error.put("leader", n.leaderNodeId());
        }
        return ShardMessages.bytes(reply);
    }

    private JsonNode answer(ShardCall call, JsonNode r) {
        return switch (call) {
            case UPSERT -> operation(shard.upsert(points(r)));
            case CONDITIONAL_UPSERT -> operation(shard.upsert(points(r), WireValues.filter(r.get("update_filter"))));
            case FACET_COUNTS -> facets(shard.facetCounts(WireValues.text(r, "key"), WireValues.filter(r.get("filter"))));
            case SCROLL_ORDERED -> {
                JsonNode o = WireValues.required(r, "order_by");
                JsonNode start = o.get("start_from");
                yield ordered(shard.scrollOrdered(WireValues.filter(r.get("filter")),
                        new OrderBy(WireValues.text(o, "key"), WireValues.bool(o, "descending"),
                                start == null || start.isNull() ? null : start),
                        WireValues.integer(r, "limit"), WireValues.withPayload(WireValues.required(r, "with_payload")),
                        WireValues.bool(r, "with_vector")));
            }
            case SAMPLE -> records(shard.sample(WireValues.filter(r.get("filter")), WireValues.integer(r, "n")));
            case ADD_VECTOR_FIELD -> {
                shard.addVectorField(WireValues.text(r, "name"), ShardMessages.fieldSpec(WireValues.required(r, "spec")));
                yield NODES.nullNode();
            }
            case DROP_VECTOR_FIELD -> {
                shard.dropVectorField(WireValues.text(r, "name"));
                yield NODES.nullNode();
            }
            case DELETE -> operation(shard.delete(ShardMessages.selector(WireValues.required(r, "selector"))));
            case UPDATE_PAYLOAD -> operation(shard.updatePayload(
                    ShardMessages.selector(WireValues.required(r, "selector")),
                    ShardMessages.payloadUpdate(WireValues.required(r, "update"))));
            case UPDATE_VECTORS -> operation(shard.updateVectors(pointVectors(r)));
            case DELETE_VECTORS -> operation(shard.deleteVectors(
                    ShardMessages.selector(WireValues.required(r, "selector")),
                    WireValues.names(WireValues.required(r, "names"))));
            case CREATE_FIELD_INDEX -> operation(shard.createFieldIndex(WireValues.text(r, "key"),
                    ShardMessages.fieldSchema(r.get("schema"))));
            case DELETE_FIELD_INDEX -> operation(shard.deleteFieldIndex(WireValues.text(r, "key")));
            case SEARCH -> scored(shard.search(ShardMessages.searchRequest(WireValues.required(r, "request")),
                    WireValues.integer(r, "k")));
            case SCROLL -> records(shard.scroll(ShardMessages.scrollRequest(WireValues.required(r, "request"))));
            case RETRIEVE -> records(shard.retrieve(WireValues.pointIds(r.get("ids")),
                    WireValues.withPayload(WireValues.required(r, "with_payload")),
                    WireValues.vectorSelection(WireValues.required(r, "with_vector"))));
            case COUNT -> NODES.numberNode(shard.count(WireValues.filter(r.get("filter"))));
            case SPARSE_STATISTICS -> counts(shard.sparseStatistics(WireValues.text(r, "using"), indices(r)));
            case STATS -> ShardMessages.shardStats(shard.stats());
            case CONFIGURE -> {
                shard.configure(ShardMessages.collectionParams(WireValues.required(r, "params")));
                yield NODES.nullNode();
            }
        };
    }

    private static JsonNode operation(long operationId) {
        return NODES.numberNode(operationId);
    }

    private static List<PointStruct> points(JsonNode r) {
        List<PointStruct> out = new ArrayList<>();
        for (JsonNode p : WireValues.array(r.get("points"), "points")) {
            out.add(ShardMessages.pointStruct(p));
        }
        return out;
    }

    private static List<PointVectors> pointVectors(JsonNode r) {
        List<PointVectors> out = new ArrayList<>();
        for (JsonNode p : WireValues.array(r.get("points"), "points")) {
            out.add(ShardMessages.pointVectors(p));
        }
        return out;
    }

    private static int[] indices(JsonNode r) {
        JsonNode array = WireValues.array(r.get("indices"), "indices");
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).intValue();
        }
        return out;
    }

    private static ArrayNode scored(List<ScoredPoint> points) {
        ArrayNode out = NODES.arrayNode(points.size());
        points.forEach(p -> out.add(ShardMessages.scoredPoint(p)));
        return out;
    }

    private static ArrayNode records(List<PointRecord> points) {
        ArrayNode out = NODES.arrayNode(points.size());
        points.forEach(p -> out.add(ShardMessages.pointRecord(p)));
        return out;
    }

    private static ArrayNode facets(Map<Object, Long> counts) {
        ArrayNode out = NODES.arrayNode(counts.size());
        counts.forEach((value, count) -> {
            ObjectNode hit = out.addObject();
            if (value instanceof Boolean b) {
                hit.put("value", b);
            } else if (value instanceof Long l) {
                hit.put("value", l);
            } else {
                hit.put("value", value.toString());
            }
            hit.put("count", count);
        });
        return out;
    }

    private static ArrayNode ordered(List<OrderedRecord> points) {
        ArrayNode out = NODES.arrayNode(points.size());
        for (OrderedRecord p : points) {
            ObjectNode o = out.addObject();
            o.set("record", ShardMessages.pointRecord(p.record()));
            o.put("key", p.key());
            if (p.orderValue() instanceof Long l) {
                o.put("order_value", l);
            } else {
                o.put("order_value", p.orderValue().doubleValue());
            }
        }
        return out;
    }

    private static ArrayNode counts(long[] counts) {
        ArrayNode out = NODES.arrayNode(counts.length);
        for (long c : counts) {
            out.add(c);
        }
        return out;
    }
}
