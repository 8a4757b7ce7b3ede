package io.vjvector.collection.wire;

import static io.vjvector.collection.wire.WireValues.NODES;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vjvector.collection.CollectionParams;
import io.vjvector.collection.OrderedRecord;
import io.vjvector.collection.PointRecord;
import io.vjvector.collection.PointSelector;
import io.vjvector.collection.PointStruct;
import io.vjvector.collection.PointVectors;
import io.vjvector.collection.ScoredPoint;
import io.vjvector.collection.ScrollRequest;
import io.vjvector.collection.SearchRequest;
import io.vjvector.collection.ShardHandle;
import io.vjvector.collection.ShardStats;
import io.vjvector.collection.WithPayload;
import io.vjvector.engine.filter.Filter;
import io.vjvector.engine.filter.PayloadFieldSchema;
import io.vjvector.engine.point.PointId;
import io.vjvector.engine.shard.OrderBy;
import io.vjvector.engine.shard.PayloadUpdate;
import io.vjvector.engine.shard.VectorFieldSpec;
import io.vjvector.engine.shard.VectorSelection;
import io.vjvector.error.ErrorKind;
import io.vjvector.error.NotLeaderException;
import io.vjvector.error.VJVectorException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A shard reached through its wire form: every call is encoded as a message ({@link ShardMessages}),
 * carried by a {@link ShardTransport} to a {@link ShardEndpoint}, and the answer decoded back. Over
 * the {@link #loopback} transport it proves that everything a collection asks of a shard survives
 * the encoding, before any network carries it; over a network transport it is a remote shard.
 */
public final class EncodedShardHandle implements ShardHandle {

    private final int shardId;
    private final ShardTransport transport;

    public EncodedShardHandle(int shardId, ShardTransport transport) {
        this.shardId = shardId;
        this.transport = transport;
    }

    /** {@code target} reached through its encoding, in this process. */
    public static EncodedShardHandle loopback(ShardHandle target) {
        ShardEndpoint endpoint = new ShardEndpoint(target);
        return new EncodedShardHandle(target.shardId(), endpoint::handle);
    }

    @Override
    public int shardId() {
        return shardId;
    }

    @Override
    public long upsert(List<PointStruct> points) {
        ObjectNode r = NODES.objectNode();
        ArrayNode array = r.putArray("points");
        points.forEach(p -> array.add(ShardMessages.pointStruct(p)));
        return number(call(ShardCall.UPSERT, r));
    }

    @Override
    public long upsert(List<PointStruct> points, Filter updateFilter) {
        ObjectNode r = NODES.objectNode();
        ArrayNode array = r.putArray("points");
        points.forEach(p -> array.add(ShardMessages.pointStruct(p)));
        r.set("update_filter", WireValues.filter(updateFilter));
        return number(call(ShardCall.CONDITIONAL_UPSERT, r));
    }

    @Override
    public Map<Object, Long> facetCounts(String key, Filter filter) {
        ObjectNode r = NODES.objectNode();
        r.put("key", key);
        r.set("filter", WireValues.filter(filter));
        Map<Object, Long> out = new LinkedHashMap<>();
        for (JsonNode hit : WireValues.array(call(ShardCall.FACET_COUNTS, r), "facet counts")) {
            JsonNode value = WireValues.required(hit, "value");
            Object v = value.isBoolean() ? (Object) value.booleanValue()
                    : value.isIntegralNumber() ? (Object) value.longValue() : value.asText();
            out.put(v, WireValues.number(hit, "count"));
        }
        return out;
    }

    @Override
    public List<OrderedRecord> scrollOrdered(Filter filter, OrderBy order, int limit, WithPayload withPayload,
                                             boolean withVector) {
        ObjectNode r = NODES.objectNode();
        r.set("filter", WireValues.filter(filter));
        ObjectNode o = r.putObject("order_by");
        o.put("key", order.key());
        o.put("descending", order.descending());
        o.set("start_from", order.startFrom());
        r.put("limit", limit);
        r.set("with_payload", WireValues.withPayload(withPayload));
        r.put("with_vector", withVector);
        List<OrderedRecord> out = new ArrayList<>();
        for (JsonNode p : WireValues.array(call(ShardCall.SCROLL_ORDERED, r), "ordered points")) {
            JsonNode value = WireValues.required(p, "order_value");
            out.add(new OrderedRecord(ShardMessages.pointRecord(WireValues.required(p, "record")),
                    WireValues.required(p, "key").doubleValue(),
                    value.isIntegralNumber() ? (Number) value.longValue() : (Number) value.doubleValue()));
        }
        return out;
    }

    @Override
    public List<PointRecord> sample(Filter filter, int n) {
        ObjectNode r = NODES.objectNode();
        r.set("filter", WireValues.filter(filter));
        r.put("n", n);
        return records(call(ShardCall.SAMPLE, r));
    }

    @Override
    public void addVectorField(String name, VectorFieldSpec spec) {
        ObjectNode r = NODES.objectNode();
        r.put("name", name);
        r.set("spec", ShardMessages.fieldSpec(spec));
        call(ShardCall.ADD_VECTOR_FIELD, r);
    }

    @Override
    public void dropVectorField(String name) {
        ObjectNode r = NODES.objectNode();
        r.put("name", name);
        call(ShardCall.DROP_VECTOR_FIELD, r);
    }

    @Override
    public long delete(PointSelector selector) {
        ObjectNode r = NODES.objectNode();
        r.set("selector", ShardMessages.selector(selector));
        return number(call(ShardCall.DELETE, r));
    }

    @Override
    public long updatePayload(PointSelector selector, PayloadUpdate update) {
        ObjectNode r = NODES.objectNode();
        r.set("selector", ShardMessages.selector(selector));
        r.set("update", ShardMessages.payloadUpdate(update));
        return number(call(ShardCall.UPDATE_PAYLOAD, r));
    }

    @Override
    public long updateVectors(List<PointVectors> points) {
        ObjectNode r = NODES.objectNode();
        ArrayNode array = r.putArray("points");
        points.forEach(p -> array.add(ShardMessages.pointVectors(p)));
        return number(call(ShardCall.UPDATE_VECTORS, r));
    }

    @Override
    public long deleteVectors(PointSelector selector, Set<String> names) {
        ObjectNode r = NODES.objectNode();
        r.set("selector", ShardMessages.selector(selector));
        r.set("names", WireValues.strings(names));
        return number(call(ShardCall.DELETE_VECTORS, r));
    }

    @Override
    public long createFieldIndex(String key, PayloadFieldSchema schema) {
        ObjectNode r = NODES.objectNode();
        r.put("key", key);
        r.set("schema", ShardMessages.fieldSchema(schema));
        return number(call(ShardCall.CREATE_FIELD_INDEX, r));
    }

    @Override
    public long deleteFieldIndex(String key) {
        ObjectNode r = NODES.objectNode();
        r.put("key", key);
        return number(call(ShardCall.DELETE_FIELD_INDEX, r));
    }

    @Override
    public List<ScoredPoint> search(SearchRequest request, int k) {
        ObjectNode r = NODES.objectNode();
        r.set("request", ShardMessages.searchRequest(request));
        r.put("k", k);
        List<ScoredPoint> out = new ArrayList<>();
        for (JsonNode p : WireValues.array(call(ShardCall.SEARCH, r), "scored points")) {
            out.add(ShardMessages.scoredPoint(p));
        }
        return out;
    }

    @Override
    public List<PointRecord> scroll(ScrollRequest request) {
        ObjectNode r = NODES.objectNode();
        r.set("request", ShardMessages.scrollRequest(request));
        return records(call(ShardCall.SCROLL, r));
    }

    @Override
    public List<PointRecord> retrieve(List<PointId> ids, WithPayload withPayload, VectorSelection withVector) {
        ObjectNode r = NODES.objectNode();
        r.set("ids", WireValues.pointIds(ids));
        r.set("with_payload", WireValues.withPayload(withPayload));
        r.set("with_vector", WireValues.vectorSelection(withVector));
        return records(call(ShardCall.RETRIEVE, r));
    }

    private static List<PointRecord> records(JsonNode answer) {
        List<PointRecord> out = new ArrayList<>();
        for (JsonNode p : WireValues.array(answer, "points")) {
            out.add(ShardMessages.pointRecord(p));
        }
        return out;
    }

    @Override
    public long count(Filter filter) {
        ObjectNode r = NODES.objectNode();
        r.set("filter", WireValues.filter(filter));
        return number(call(ShardCall.COUNT, r));
    }

    @Override
    public long[] sparseStatistics(String using, int[] indices) {
        ObjectNode r = NODES.objectNode();
        r.put("using", using);
        ArrayNode array = r.putArray("indices");
        for (int i : indices) {
            array.add(i);
        }
        JsonNode answer = WireValues.array(call(ShardCall.SPARSE_STATISTICS, r), "counts");
        long[] out = new long[answer.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = answer.get(i).longValue();
        }
        return out;
    }

    @Override
    public ShardStats stats() {
        return ShardMessages.shardStats(call(ShardCall.STATS, NODES.objectNode()));
    }

    @Override
    public void configure(CollectionParams params) {
        ObjectNode r = NODES.objectNode();
        r.set("params", ShardMessages.collectionParams(params));
        call(ShardCall.CONFIGURE, r);
    }

    /** Sends {@code request} and returns the answer, or throws the error the shard reported. */
    private JsonNode call(ShardCall call, ObjectNode request) {
        JsonNode reply = ShardMessages.message(transport.call(call, ShardMessages.bytes(request)));
        JsonNode error = reply.get("error");
        if (error != null) {
            throw failure(error);
        }
        return WireValues.required(reply, "ok");
    }

    private static RuntimeException failure(JsonNode error) {
        JsonNode kind = error.get("kind");
        String message = error.path("message").isNull() ? null : error.path("message").asText();
        if (kind == null || kind.isNull()) {
            return new RemoteShardException(error.path("type").asText(), message);
        }
        ErrorKind k;
        try {
            k = ErrorKind.valueOf(kind.asText());
        } catch (IllegalArgumentException e) {
            throw new WireFormatException("unknown error kind `" + kind.asText() + "`");
        }
        if (k == ErrorKind.NOT_LEADER) {
            JsonNode epoch = error.get("epoch");
            JsonNode leader = error.get("leader");
            return new NotLeaderException(message,
                    epoch == null || !epoch.canConvertToLong() ? NotLeaderException.UNKNOWN_EPOCH : epoch.longValue(),
                    leader == null || leader.isNull() ? null : leader.asText());
        }
        JsonNode field = error.get("field");
        return new VJVectorException(k, field == null || field.isNull() ? null : field.asText(), message);
    }

    private static long number(JsonNode answer) {
        if (!answer.isIntegralNumber() || !answer.canConvertToLong()) {
            throw new WireFormatException("expected a number, got " + answer);
        }
        return answer.longValue();
    }
}
