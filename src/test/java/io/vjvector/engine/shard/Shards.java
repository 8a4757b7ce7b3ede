package io.vjvector.engine.shard;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vjvector.engine.index.Distance;
import io.vjvector.engine.index.IndexConfig;
import io.vjvector.engine.index.VectorIndexes;
import io.vjvector.engine.kernels.VectorKernelsProvider;
import io.vjvector.engine.point.PointId;
import java.util.concurrent.atomic.AtomicLong;

/** Builds shards and points for the shard tests. */
final class Shards {

    private Shards() {
    }

    /** A graph-indexed shard; {@code fullScanThreshold} 0 forces graph search whenever it is allowed. */
    static Shard create(int dimension, Distance distance, int fullScanThreshold) {
        return create(dimension, distance, new SearchDefaults(fullScanThreshold, 100, 16));
    }

    /** A graph-indexed shard (m 16, ef_construct 100) searched with {@code defaults}. */
    static Shard create(int dimension, Distance distance, SearchDefaults defaults) {
        AtomicLong ops = new AtomicLong(1);
        return new Shard(VectorIndexes.create(new IndexConfig(dimension, distance, 16, 100, false),
                VectorKernelsProvider.fromSystemProperty()), defaults, ops::getAndIncrement);
    }

    static PointWrite point(long id, ObjectNode payload, float... vector) {
        return new PointWrite(PointId.of(id), vector, payload);
    }

    static ObjectNode payload(String key, long value) {
        return JsonNodeFactory.instance.objectNode().put(key, value);
    }

    static ShardSearch search(float[] query, int k) {
        return new ShardSearch(query, k, null, null, false, null, true, true);
    }

    static ShardSearch exact(float[] query, int k) {
        return new ShardSearch(query, k, null, null, true, null, true, true);
    }
}
