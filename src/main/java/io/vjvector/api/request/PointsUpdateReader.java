package io.vjvector.api.request;

import static io.vjvector.api.request.FieldPath.index;

import io.vjvector.api.dto.DeletePayloadBody;
import io.vjvector.api.dto.DeleteVectorsBody;
import io.vjvector.api.dto.PointsSelectorBody;
import io.vjvector.api.dto.SetPayloadBody;
import io.vjvector.api.dto.UpdateOperationsBody;
import io.vjvector.api.dto.UpdateVectorsBody;
import io.vjvector.api.dto.UpsertBody;
import io.vjvector.collection.PointsUpdate;
import io.vjvector.collection.VectorsConfig;
import io.vjvector.error.VJVectorException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Reads point writes: each body as its own endpoint takes it, and Qdrant's batch of them
 * ({@code {"operations": [{"upsert": {...}}, {"delete": {...}}, ...]}}), every operation read
 * before any is applied so that a bad one fails the batch with its path
 * ({@code operations[2].set_payload.payload}) and changes nothing.
 */
@ApplicationScoped
public class PointsUpdateReader {

    private final PointsReader points;
    private final SelectorReader selectors;
    private final FilterReader filters;
    private final RequestLimits limits;

    public PointsUpdateReader(PointsReader points, SelectorReader selectors, FilterReader filters,
                              RequestLimits limits) {
        this.points = points;
        this.selectors = selectors;
        this.filters = filters;
        this.limits = limits;
    }

    /** Points of an update-vectors body. */
    public List<io.vjvector.collection.PointVectors> updateVectors(UpdateVectorsBody body, VectorsConfig vectors) {
        return points.updateVectors(body, vectors);
    }

    /** A JSON member read as {@code type}; a shape Jackson cannot read answers 400. */
    private static <T> T json(com.fasterxml.jackson.databind.JsonNode node, Class<T> type) {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw VJVectorException.badRequest("body", "is not a valid " + type.getSimpleName()
                    .replace("Body", "") + ": " + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            throw VJVectorException.badRequest("body", "is not a valid " + type.getSimpleName().replace("Body", ""));
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER = new com.fasterxml.jackson.databind.ObjectMapper();

    /** @param vectors the collection's vector fields */
    public PointsUpdate.Upsert upsert(UpsertBody body, VectorsConfig vectors) {
        var read = points.upsert(body, vectors);
        return new PointsUpdate.Upsert(read, filters.read(body.updateFilter(), "update_filter"));
    }

    public PointsUpdate.Delete delete(PointsSelectorBody body) {
        requireBody(body, "a JSON object {\"points\": [...]} or {\"filter\": {...}} is required");
        return new PointsUpdate.Delete(selectors.read(body.points(), body.filter(), body.shardKey(), ""));
    }

    public PointsUpdate.SetPayload setPayload(SetPayloadBody body) {
        requireBody(body, "a JSON object is required");
        if (body.key() != null) {
            PayloadKeyReader.read(body.key(), "key");
        }
        var payload = PayloadReader.required(body.payload(), "payload");
        return new PointsUpdate.SetPayload(payload, selectors.read(body.points(), body.filter(), body.shardKey(), ""),
                body.key());
    }

    public PointsUpdate.OverwritePayload overwritePayload(SetPayloadBody body) {
        requireBody(body, "a JSON object is required");
        UnsupportedOptions.reject(body.key(), "key");
        var payload = PayloadReader.required(body.payload(), "payload");
        return new PointsUpdate.OverwritePayload(payload,
                selectors.read(body.points(), body.filter(), body.shardKey(), ""));
    }

    public PointsUpdate.DeletePayload deletePayload(DeletePayloadBody body) {
        requireBody(body, "a JSON object is required");
        List<String> keys = PayloadKeyReader.readAll(body.keys(), "keys");
        return new PointsUpdate.DeletePayload(keys, selectors.read(body.points(), body.filter(), body.shardKey(), ""));
    }

    public PointsUpdate.ClearPayload clearPayload(PointsSelectorBody body) {
        requireBody(body, "a JSON object is required");
        return new PointsUpdate.ClearPayload(selectors.read(body.points(), body.filter(), body.shardKey(), ""));
    }

    /**
     * Every operation of a batch, in order.
     *
     * @param vectors asked once, after the body's own shape is checked (the collection lookup may fail with 404)
     */
    public List<PointsUpdate> batch(UpdateOperationsBody body, Supplier<VectorsConfig> vectors) {
        if (body == null || body.operations() == null) {
            throw VJVectorException.badRequest("operations", "is required: a list of operations");
        }
        List<UpdateOperationsBody.Operation> operations = body.operations();
        limits.batch(operations.size(), "operations");
        VectorsConfig config = vectors.get();
        List<PointsUpdate> out = new ArrayList<>(operations.size());
        for (int i = 0; i < operations.size(); i++) {
            out.add(operation(operations.get(i), config, index("operations", i)));
        }
        return out;
    }

    private PointsUpdate operation(UpdateOperationsBody.Operation op, VectorsConfig vectors, String at) {
        if (op == null) {
            throw VJVectorException.badRequest(at, "must be an object with one operation");
        }
        Object[] given = {op.upsert(), op.delete(), op.setPayload(), op.overwritePayload(), op.deletePayload(),
            op.clearPayload(), op.updateVectors(), op.deleteVectors()};
        int count = 0;
        for (Object g : given) {
            count += g == null ? 0 : 1;
        }
        if (count != 1) {
            throw VJVectorException.badRequest(at, "must hold exactly one of upsert, delete, set_payload,"
                    + " overwrite_payload, delete_payload, clear_payload, update_vectors, delete_vectors");
        }
        try {
            if (op.upsert() != null) {
                return upsert(op.upsert(), vectors);
            } else if (op.updateVectors() != null) {
                return new PointsUpdate.UpdateVectors(points.updateVectors(json(op.updateVectors(),
                        UpdateVectorsBody.class), vectors));
            } else if (op.deleteVectors() != null) {
                DeleteVectorsBody d = json(op.deleteVectors(), DeleteVectorsBody.class);
                return new PointsUpdate.DeleteVectors(selectors.read(d.points(), d.filter(), d.shardKey(), ""),
                        PointsReader.vectorNames(d.vector(), "vector"));
            } else if (op.delete() != null) {
                return delete(op.delete());
            } else if (op.setPayload() != null) {
                return setPayload(op.setPayload());
            } else if (op.overwritePayload() != null) {
                return overwritePayload(op.overwritePayload());
            } else if (op.deletePayload() != null) {
                return deletePayload(op.deletePayload());
            }
            return clearPayload(op.clearPayload());
        } catch (VJVectorException e) {
            String name = op.upsert() != null ? "upsert" : op.delete() != null ? "delete"
                    : op.updateVectors() != null ? "update_vectors" : op.deleteVectors() != null ? "delete_vectors"
                    : op.setPayload() != null ? "set_payload" : op.overwritePayload() != null ? "overwrite_payload"
                    : op.deletePayload() != null ? "delete_payload" : "clear_payload";
            String field = e.field() == null || e.field().equals("body") ? "" : "." + e.field();
            throw new VJVectorException(e.kind(), at + "." + name + field, e.getMessage(), e);
        }
    }

    private static void requireBody(Object body, String rule) {
        if (body == null) {
            throw VJVectorException.badRequest("body", rule);
        }
    }
}
