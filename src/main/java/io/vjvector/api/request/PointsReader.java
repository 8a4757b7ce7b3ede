package io.vjvector.api.request;

import static io.vjvector.api.request.FieldPath.field;
import static io.vjvector.api.request.FieldPath.index;

import com.fasterxml.jackson.databind.JsonNode;
import io.vjvector.api.dto.UpdateVectorsBody;
import io.vjvector.api.dto.UpsertBody;
import io.vjvector.collection.PointStruct;
import io.vjvector.collection.PointVectors;
import io.vjvector.collection.VectorsConfig;
import io.vjvector.engine.index.VectorValue;
import io.vjvector.engine.point.PointId;
import io.vjvector.error.VJVectorException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
     * @param vectors the collection's vector fields
     */
    public List<PointStruct> upsert(UpsertBody body, VectorsConfig vectors) {
        if (body == null || (body.points() == null) == (body.batch() == null)) {
            throw VJVectorException.badRequest("body", "exactly one of \"points\" (a list of points) or "
                    + "\"batch\" ({\"ids\", \"vectors\", \"payloads\"}) is required");
        }
        UnsupportedOptions.reject(body.shardKey(), "shard_key");
        if (body.updateMode() != null && !body.updateMode().equals("upsert")) {
            throw VJVectorException.badRequest("update_mode", "only \"upsert\" is supported");
        }
        return body.points() != null ? list(body.points(), vectors) : batch(body.batch(), vectors);
    }

    private List<PointStruct> list(List<UpsertBody.PointBody> points, VectorsConfig vectors) {
        limits.points(points.size(), "points");
        List<PointStruct> out = new ArrayList<>(points.size());
        for (int i = 0; i < points.size(); i++) {
            String at = index("points", i);
            UpsertBody.PointBody p = points.get(i);
            if (p == null) {
                throw VJVectorException.badRequest(at, "must be a point {\"id\", \"vector\", \"payload\"}");
            }
            out.add(new PointStruct(PointIdReader.read(p.id(), field(at, "id")),
                    NamedVectorReader.point(p.vector(), field(at, "vector"), vectors),
                    PayloadReader.optional(p.payload(), field(at, "payload"))));
        }
        return out;
    }

    private List<PointStruct> batch(UpsertBody.Batch batch, VectorsConfig config) {
        if (batch.ids() == null) {
            throw VJVectorException.badRequest("batch.ids", "is required");
        }
        int n = batch.ids().size();
        limits.points(n, "batch.ids");
        List<JsonNode> payloads = batch.payloads();
        if (payloads != null && payloads.size() != n) {
            throw VJVectorException.badRequest("batch.payloads", "expected " + n + " payloads (one per id), got " + payloads.size());
        }
        List<PointId> ids = PointIdReader.readAll(batch.ids(), "batch.ids");
        List<Map<String, VectorValue>> vectors = NamedVectorReader.batch(batch.vectors(), n, "batch.vectors", config);
        List<PointStruct> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new PointStruct(ids.get(i),
                    vectors.get(i),
                    PayloadReader.optional(payloads == null ? null : payloads.get(i), index("batch.payloads", i))));
        }
        return out;
    }

    /** Points of an update-vectors body, each with at least one vector. */
    public List<PointVectors> updateVectors(UpdateVectorsBody body, VectorsConfig config) {
        if (body == null || body.points() == null) {
            throw VJVectorException.badRequest("points", "is required: a list of {\"id\", \"vector\"}");
        }
        UnsupportedOptions.reject(body.shardKey(), "shard_key");
        UnsupportedOptions.reject(body.updateFilter(), "update_filter");
        if (body.points().isEmpty()) {
            // Qdrant declares a length of at least 1 on update_vectors' points, with this text (422).
            throw VJVectorException.validation("points", "must specify points to update");
        }
        limits.points(body.points().size(), "points");
        List<PointVectors> out = new ArrayList<>(body.points().size());
        for (int i = 0; i < body.points().size(); i++) {
            String at = index("points", i);
            UpdateVectorsBody.PointVectorsBody p = body.points().get(i);
            if (p == null) {
                throw VJVectorException.badRequest(at, "must be {\"id\", \"vector\"}");
            }
            Map<String, VectorValue> vectors = NamedVectorReader.point(p.vector(), field(at, "vector"), config);
            if (vectors.isEmpty()) {
                throw VJVectorException.badRequest(field(at, "vector"), "must hold at least one vector");
            }
            out.add(new PointVectors(PointIdReader.read(p.id(), field(at, "id")), vectors));
        }
        return out;
    }

    /** Qdrant's {@code vector} of a delete-vectors body: a non-empty list of vector names. */
    public static Set<String> vectorNames(JsonNode node, String path) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw VJVectorException.badRequest(path, "is required: a non-empty list of vector names");
        }
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isTextual()) {
                throw VJVectorException.badRequest(index(path, i), "must be a vector name (a string)");
            }
            names.add(node.get(i).textValue());
        }
        return names;
    }
}
