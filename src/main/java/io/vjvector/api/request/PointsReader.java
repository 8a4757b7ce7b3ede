package io.vjvector.api.request;

import static io.vjvector.api.request.FieldPath.field;
import static io.vjvector.api.request.FieldPath.index;

import com.fasterxml.jackson.databind.JsonNode;
import io.vjvector.api.dto.UpsertBody;
import io.vjvector.collection.PointStruct;
import io.vjvector.engine.point.PointId;
import io.vjvector.error.VJVectorException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns an upsert body (list or batch form) into points, checking every point before any is
 * applied, so a rejected request changes nothing.
 */
@ApplicationScoped
public class PointsReader {

    private final RequestLimits limits;

    public PointsReader(RequestLimits limits) {
        this.limits = limits;
    }

    /**
     * The points of an upsert body; its {@code update_filter}, if any, is the caller's to read.
     *
     * @param dimension the collection's vector size
     */
    public List<PointStruct> upsert(UpsertBody body, int dimension) {
        if (body == null || (body.points() == null) == (body.batch() == null)) {
            throw VJVectorException.badRequest("body", "exactly one of \"points\" (a list of points) or "
                    + "\"batch\" ({\"ids\", \"vectors\", \"payloads\"}) is required");
        }
        UnsupportedOptions.reject(body.shardKey(), "shard_key");
        if (body.updateMode() != null && !body.updateMode().equals("upsert")) {
            throw VJVectorException.badRequest("update_mode", "only \"upsert\" is supported");
        }
        return body.points() != null ? list(body.points(), dimension) : batch(body.batch(), dimension);
    }

    private List<PointStruct> list(List<UpsertBody.PointBody> points, int dimension) {
        limits.points(points.size(), "points");
        List<PointStruct> out = new ArrayList<>(points.size());
        for (int i = 0; i < points.size(); i++) {
            String at = index("points", i);
            UpsertBody.PointBody p = points.get(i);
            if (p == null) {
                throw VJVectorException.badRequest(at, "must be a point {\"id\", \"vector\", \"payload\"}");
            }
            out.add(new PointStruct(PointIdReader.read(p.id(), field(at, "id")),
                    VectorReader.read(p.vector(), field(at, "vector"), dimension),
                    PayloadReader.optional(p.payload(), field(at, "payload"))));
        }
        return out;
    }

    private List<PointStruct> batch(UpsertBody.Batch batch, int dimension) {
        if (batch.ids() == null) {
            throw VJVectorException.badRequest("batch.ids", "is required");
        }
        int n = batch.ids().size();
        limits.points(n, "batch.ids");
        JsonNode vectors = batch.vectors();
        if (vectors == null || !vectors.isArray()) {
            throw VJVectorException.badRequest("batch.vectors", vectors != null && vectors.isObject()
                    ? "named vectors are not supported; send a list of vectors"
                    : "is required: a list of " + n + " vectors, one per id");
        }
        if (vectors.size() != n) {
            throw VJVectorException.badRequest("batch.vectors", "expected " + n + " vectors (one per id), got " + vectors.size());
        }
        List<JsonNode> payloads = batch.payloads();
        if (payloads != null && payloads.size() != n) {
            throw VJVectorException.badRequest("batch.payloads", "expected " + n + " payloads (one per id), got " + payloads.size());
        }
        List<PointId> ids = PointIdReader.readAll(batch.ids(), "batch.ids");
        List<PointStruct> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new PointStruct(ids.get(i),
                    VectorReader.read(vectors.get(i), index("batch.vectors", i), dimension),
                    PayloadReader.optional(payloads == null ? null : payloads.get(i), index("batch.payloads", i))));
        }
        return out;
    }
}
