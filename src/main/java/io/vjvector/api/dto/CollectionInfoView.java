package io.vjvector.api.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vjvector.collection.CollectionInfo;
import io.vjvector.collection.CollectionParams;
import io.vjvector.collection.CollectionSettings;
import io.vjvector.collection.OptimizerSettings;
import io.vjvector.collection.QuantizationSettings;
import io.vjvector.collection.StrictModeConfig;
import io.vjvector.collection.TextConfig;
import io.vjvector.collection.VectorsConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Qdrant's CollectionInfo. Every setting a client gave is reported back, whether VJVector acts on
 * it or only stores it (README, "Qdrant compatibility"); {@code wal_config.wal_capacity_mb} is
 * the collection's log segment size, the node's when the collection sets none. Typed clients
 * require the config sections to be present; {@code metadata} is left out when there is none, as
 * Qdrant does.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CollectionInfoView(
        String status,
        String optimizerStatus,
        long indexedVectorsCount,
        long pointsCount,
        int segmentsCount,
        Config config,
        Map<String, PayloadIndexInfo> payloadSchema) {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Config(Params params, Hnsw hnswConfig, Optimizers optimizerConfig, Wal walConfig,
                         Object quantizationConfig, StrictModeConfig strictModeConfig,
                         @JsonInclude(JsonInclude.Include.NON_NULL) ObjectNode metadata,
                         @JsonInclude(JsonInclude.Include.NON_NULL) TextConfig textConfig) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Params(Object vectors, int shardNumber, int replicationFactor, int writeConsistencyFactor,
                         boolean onDiskPayload,
                         @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, SparseVectors> sparseVectors) {
    }

    /** Qdrant's VectorParams; the optional members are left out when not set. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Vectors(int size, String distance, VectorHnsw hnswConfig, Map<String, Object> quantizationConfig,
                          Boolean onDisk, String datatype, Map<String, String> multivectorConfig) {

        static Vectors of(VectorsConfig.DenseVector v) {
            return new Vectors(v.size(), v.distance().qdrantName(),
                    v.m() == null && v.efConstruct() == null ? null : new VectorHnsw(v.m(), v.efConstruct()),
                    quantization(v.quantization()), v.onDisk(), v.datatype() == null ? null : v.datatype().qdrantName(),
                    v.multivector() == null ? null : Map.of("comparator", v.multivector()));
        }
    }

    /**
     * Qdrant's QuantizationConfig: {@code {"scalar": {"type": "int8", "quantile"?, "always_ram"?}}} or
     * {@code {"binary": {"always_ram"?}}}, members not given left out; null for none.
     */
    static Map<String, Object> quantization(QuantizationSettings q) {
        if (q == null) {
            return null;
        }
        Map<String, Object> inner = new LinkedHashMap<>();
        if (q.method().equals(QuantizationSettings.SCALAR)) {
            inner.put("type", "int8");
            if (q.quantile() != null) {
                inner.put("quantile", q.quantile());
            }
        }
        if (q.alwaysRam() != null) {
            inner.put("always_ram", q.alwaysRam());
        }
        return Map.of(q.method(), inner);
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record VectorHnsw(Integer m, Integer efConstruct) {
    }

    /** Qdrant's SparseVectorParams. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SparseVectors(SparseIndex index, String modifier) {

        static SparseVectors of(VectorsConfig.SparseVector v) {
            SparseIndex index = v.onDisk() == null && v.fullScanThreshold() == null && v.datatype() == null ? null
                    : new SparseIndex(v.fullScanThreshold(), v.onDisk(),
                            v.datatype() == null ? null : v.datatype().qdrantName());
            return new SparseVectors(index, v.idf() ? "idf" : null);
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SparseIndex(Integer fullScanThreshold, Boolean onDisk, String datatype) {
    }

    /** One unnamed vector's params, or a map of names to params, as the collection was declared. */
    static Object vectors(VectorsConfig config) {
        if (!config.named() && config.dense().size() == 1 && config.dense().containsKey("")) {
            return Vectors.of(config.dense().get(""));
        }
        Map<String, Vectors> out = new LinkedHashMap<>();
        config.dense().forEach((name, v) -> out.put(name, Vectors.of(v)));
        return out;
    }

    static Map<String, SparseVectors> sparse(VectorsConfig config) {
        if (config.sparse().isEmpty()) {
            return null;
        }
        Map<String, SparseVectors> out = new LinkedHashMap<>();
        config.sparse().forEach((name, v) -> out.put(name, SparseVectors.of(v)));
        return out;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Hnsw(int m, int efConstruct, int fullScanThreshold, int maxIndexingThreads, boolean onDisk,
                       @JsonInclude(JsonInclude.Include.NON_NULL) Integer payloadM) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Optimizers(double deletedThreshold, int vacuumMinVectorNumber, int defaultSegmentNumber,
                             Integer maxSegmentSize, Integer memmapThreshold, Integer indexingThreshold,
                             int flushIntervalSec, Integer maxOptimizationThreads, Boolean preventUnoptimized) {

        static Optimizers of(OptimizerSettings o) {
            return new Optimizers(o.deletedThreshold(), o.vacuumMinVectorNumber(), o.defaultSegmentNumber(),
                    o.maxSegmentSize(), o.memmapThreshold(), o.indexingThreshold(), o.flushIntervalSec(),
                    o.maxOptimizationThreads(), o.preventUnoptimized());
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Wal(long walCapacityMb, int walSegmentsAhead, int walRetainClosed) {
    }

    /** {@code params} only when the index was created with a params object, as Qdrant reports it. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record PayloadIndexInfo(String dataType, @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode params,
                                   long points) {
    }

    /** @param walSegmentBytes the node's log segment size, reported for collections that set none */
    public static CollectionInfoView of(CollectionInfo info, long walSegmentBytes) {
        CollectionParams p = info.params();
        CollectionSettings s = p.settings();
        Config config = new Config(
                new Params(vectors(p.vectors()), p.shardNumber(),
                        p.replicationFactor(), p.writeConsistencyFactor(), s.onDiskPayload(), sparse(p.vectors())),
                new Hnsw(p.m(), p.efConstruct(), p.fullScanThreshold(), s.hnsw().maxIndexingThreads(), s.hnsw().onDisk(),
                        s.hnsw().payloadM()),
                Optimizers.of(p.optimizers()),
                new Wal(s.wal().segmentBytes(walSegmentBytes) >> 20, s.wal().segmentsAhead(), s.wal().retainClosed()),
                quantization(p.quantization()),
                s.effectiveStrictMode(),
                s.metadata(),
                s.textConfig());
        Map<String, PayloadIndexInfo> schema = new LinkedHashMap<>();
        info.payloadSchema().forEach((key, field) ->
                schema.put(key, new PayloadIndexInfo(field.type().qdrantName(), field.schema().paramsJson(), field.points())));
        // Qdrant reports yellow while optimizations run, its optimizer status staying "ok".
        return new CollectionInfoView(info.optimizing() ? "yellow" : "green", "ok", info.indexedVectorsCount(), info.pointsCount(),
                info.segmentsCount(), config, schema);
    }
}
