package io.vjvector.collection;

import io.vjvector.engine.index.IndexConfig;
import io.vjvector.engine.shard.VectorFieldSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/** How a collection's vector fields translate into its shards' field specs. */
public final class VectorFields {

    private VectorFields() {
    }

    /** The shards' vector fields for {@code params}: dense fields first, then sparse ones, each in declaration order. */
    public static Map<String, VectorFieldSpec> of(CollectionParams params) {
        Map<String, VectorFieldSpec> out = new LinkedHashMap<>();
        params.vectors().dense().forEach((name, v) -> out.put(name, v.multivector() != null
                ? new VectorFieldSpec.Multi(indexConfig(params, v), v.datatype())
                : new VectorFieldSpec.Dense(denseConfig(params, name, v), v.datatype())));
        params.vectors().sparse().forEach((name, v) -> out.put(name, new VectorFieldSpec.Sparse(v.idf())));
        return out;
    }

    /** The index settings of one dense field: its own HNSW settings where it has them, else the collection's. */
    static IndexConfig indexConfig(CollectionParams params, VectorsConfig.DenseVector v) {
        int m = v.m() != null ? v.m() : params.m();
        int ef = v.efConstruct() != null ? v.efConstruct() : params.efConstruct();
        // m = 0 means no graph (Qdrant's convention); IndexConfig still wants a valid m.
        boolean exactOnly = m == 0;
        return new IndexConfig(v.size(), v.distance(), exactOnly ? IndexConfig.DEFAULT_M : m, ef, exactOnly);
    }

    /**
     * A plain dense field's index settings with the quantization it is searched with and Qdrant's
     * {@code on_disk} (its vectors mapped from a file in each shard's directory).
     */
    static IndexConfig denseConfig(CollectionParams params, String name, VectorsConfig.DenseVector v) {
        QuantizationSettings q = params.quantizationOf(name);
        return indexConfig(params, v).withQuantization(q == null ? null : q.toEngine())
                .withOnDisk(Boolean.TRUE.equals(v.onDisk()));
    }
}
