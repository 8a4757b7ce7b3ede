package io.vjvector.collection;

import io.vjvector.engine.index.Datatype;
import io.vjvector.engine.index.Distance;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A collection's vector fields, as Qdrant declares them: dense vectors by name ({@code ""} is the
 * unnamed one) and sparse vectors by name.
 *
 * @param named  whether {@code vectors} was given as a map of names (Qdrant then reports it as a
 *               map, and a point's vectors as a map) rather than as one unnamed vector's params
 * @param dense  dense (and multi-) vector fields in declaration order
 * @param sparse sparse vector fields in declaration order
 */
public record VectorsConfig(boolean named, Map<String, DenseVector> dense, Map<String, SparseVector> sparse) {

    public VectorsConfig {
        dense = Collections.unmodifiableMap(new LinkedHashMap<>(dense == null ? Map.of() : dense));
        sparse = Collections.unmodifiableMap(new LinkedHashMap<>(sparse == null ? Map.of() : sparse));
    }

    /** One unnamed dense vector: {@code "vectors": {"size": .., "distance": ..}}. */
    public static VectorsConfig single(int size, Distance distance) {
        return new VectorsConfig(false, Map.of("", new DenseVector(size, distance, null, null, null, null, null, null)),
                Map.of());
    }

    /** Whether {@code name} is a vector field of either kind. */
    public boolean has(String name) {
        return dense.containsKey(name) || sparse.containsKey(name);
    }

    /** The same fields with {@code name} added (dense). */
    public VectorsConfig withDense(String name, DenseVector params) {
        Map<String, DenseVector> d = new LinkedHashMap<>(dense);
        d.put(name, params);
        return new VectorsConfig(true, d, sparse);
    }

    /** The same fields with {@code name} added (sparse). */
    public VectorsConfig withSparse(String name, SparseVector params) {
        Map<String, SparseVector> s = new LinkedHashMap<>(sparse);
        s.put(name, params);
        return new VectorsConfig(named, dense, s);
    }

    /** The same fields without {@code name}. */
    public VectorsConfig without(String name) {
        Map<String, DenseVector> d = new LinkedHashMap<>(dense);
        Map<String, SparseVector> s = new LinkedHashMap<>(sparse);
        d.remove(name);
        s.remove(name);
        return new VectorsConfig(named, d, s);
    }

    /**
     * A dense vector field (Qdrant's {@code VectorParams}).
     *
     * @param m            the field's own {@code hnsw_config.m}, null = the collection's
     * @param efConstruct  the field's own {@code hnsw_config.ef_construct}, null = the collection's
     * @param onDisk       Qdrant's {@code on_disk}: true maps a plain dense field's vectors from a file in
     *                     each shard's directory (multivector fields keep theirs in memory)
     * @param datatype     null = float32
     * @param multivector  Qdrant's {@code multivector_config.comparator} ({@code max_sim}), null for a
     *                     plain dense vector
     * @param quantization the field's own {@code quantization_config}, null = the collection's
     *                     (multivector fields store and report it; their index reads full vectors)
     */
    public record DenseVector(int size, Distance distance, Integer m, Integer efConstruct, Boolean onDisk,
                              Datatype datatype, String multivector, QuantizationSettings quantization) {

        /** A field without its own quantization. */
        public DenseVector(int size, Distance distance, Integer m, Integer efConstruct, Boolean onDisk,
                           Datatype datatype, String multivector) {
            this(size, distance, m, efConstruct, onDisk, datatype, multivector, null);
        }

        /** The same field with its own quantization replaced (null = the collection's). */
        public DenseVector withQuantization(QuantizationSettings next) {
            return new DenseVector(size, distance, m, efConstruct, onDisk, datatype, multivector, next);
        }
    }

    /**
     * A sparse vector field (Qdrant's {@code SparseVectorParams}).
     *
     * @param idf    Qdrant's {@code modifier: "idf"}: query weights are multiplied by the inverse
     *               document frequency over the whole collection
     * @param onDisk Qdrant's {@code index.on_disk}, kept and reported
     */
    public record SparseVector(boolean idf, Boolean onDisk, Integer fullScanThreshold, Datatype datatype) {
    }
}
