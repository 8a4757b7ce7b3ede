package io.vjvector.collection.query;

import io.vjvector.collection.CollectionService;
import io.vjvector.collection.NamedVectors;
import io.vjvector.collection.PointRecord;
import io.vjvector.collection.WithPayload;
import io.vjvector.engine.point.PointId;
import io.vjvector.engine.shard.VectorSelection;
import io.vjvector.error.VJVectorException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Example vectors of a query, given as vectors or as point ids read when the query runs. */
public final class ExampleVectors {

    /** One example: a point id (looked up) or a dense vector; exactly one is non-null. */
    public record Ref(PointId id, float[] vector) {
    }

    private ExampleVectors() {
    }

    /**
     * The examples' vectors, in order: ids are read from the query's own collection's field
     * {@code using}, or from {@code lookup}'s collection and vector.
     *
     * @throws VJVectorException NOT_FOUND for an absent id (as Qdrant), BAD_REQUEST for a point
     *                           without that dense vector
     */
    public static List<float[]> resolve(CollectionService service, String collection, String using, LookupFrom lookup,
                                        List<Ref> refs) {
        String source = lookup == null ? collection : lookup.collection();
        String vector = lookup == null || lookup.vector() == null ? using : lookup.vector();
        Set<PointId> ids = new LinkedHashSet<>();
        refs.forEach(r -> {
            if (r.id() != null) {
                ids.add(r.id());
            }
        });
        Map<PointId, float[]> stored = new HashMap<>();
        if (!ids.isEmpty()) {
            if (lookup != null && !service.params(source).vectors().dense().containsKey(vector)) {
                throw VJVectorException.badRequest("lookup_from.vector",
                        "Wrong input: Not existing vector name error: " + vector);
            }
            for (PointRecord r : service.retrieve(source, new ArrayList<>(ids), WithPayload.NONE,
                    VectorSelection.names(Set.of(vector)))) {
                float[] v = NamedVectors.dense(r.vectors(), vector);
                if (v == null) {
                    throw VJVectorException.badRequest("query", "point " + r.id() + " has no vector '" + vector + "'");
                }
                stored.put(r.id(), v);
            }
        }
        List<float[]> out = new ArrayList<>(refs.size());
        for (Ref r : refs) {
            if (r.id() == null) {
                out.add(r.vector());
                continue;
            }
            float[] v = stored.get(r.id());
            if (v == null) {
                throw VJVectorException.notFound("No point with id " + r.id() + " found");
            }
            out.add(v);
        }
        return out;
    }

    /** The ids among {@code refs}, to exclude from results when they name points of the queried collection. */
    public static Set<PointId> ids(List<Ref> refs, LookupFrom lookup) {
        Set<PointId> out = new LinkedHashSet<>();
        if (lookup == null) {
            refs.forEach(r -> {
                if (r.id() != null) {
                    out.add(r.id());
                }
            });
        }
        return out;
    }
}
