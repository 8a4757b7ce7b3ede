package io.vjvector.collection;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vjvector.engine.filter.Filter;
import io.vjvector.engine.index.Distance;
import io.vjvector.engine.kernels.VectorKernelsProvider;
import io.vjvector.engine.point.PointId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Builders shared by the collection tests. */
final class Collections {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String[] COLORS = {"red", "green", "blue"};

    private Collections() {
    }

    static LocalCollectionService service() {
        return new LocalCollectionService(VectorKernelsProvider.fromSystemProperty());
    }

    /** Settings with a graph (m 16, ef_construct 100) and the given full-scan threshold. */
    static CollectionParams params(int size, Distance distance, int shards, int fullScanThreshold) {
        return new CollectionParams(size, distance, shards, 1, 1, 16, 100, fullScanThreshold);
    }

    static Filter filter(String json) {
        try {
            return Filter.parse(JSON.readTree(json.replace('\'', '"')));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static ObjectNode json(String json) {
        try {
            return (ObjectNode) JSON.readTree(json.replace('\'', '"'));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** {@code n} points with ids 0..n-1, Gaussian vectors and payload {color, n}. */
    static List<PointStruct> randomPoints(int n, int dim, Random rnd) {
        List<PointStruct> points = new ArrayList<>(n);
        for (int id = 0; id < n; id++) {
            ObjectNode payload = JsonNodeFactory.instance.objectNode()
                    .put("color", COLORS[rnd.nextInt(COLORS.length)]).put("n", id);
            points.add(new PointStruct(PointId.of(id), vector(dim, rnd), payload));
        }
        return points;
    }

    static float[] vector(int dim, Random rnd) {
        float[] v = new float[dim];
        for (int i = 0; i < dim; i++) {
            v[i] = (float) rnd.nextGaussian();
        }
        return v;
    }

    static SearchRequest search(float[] v, Filter filter, int limit, int offset, boolean exact) {
        return new SearchOptions(filter, limit, offset, null, null, exact, WithPayload.ALL, false).search(v);
    }

    static List<PointId> ids(List<ScoredPoint> hits) {
        return hits.stream().map(ScoredPoint::id).toList();
    }
}
