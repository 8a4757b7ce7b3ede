package io.vjvector.api.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.vjvector.collection.CollectionInfo;
import io.vjvector.collection.CollectionParams;
import io.vjvector.collection.OptimizerSettings;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Qdrant's CollectionInfo. Of Qdrant's optimizers VJVector has the vacuum optimizer only:
 * {@code optimizer_config} shows its two settings and Qdrant's defaults for the rest; there are no
 * Qdrant-style WAL segments, so {@code wal_config} carries Qdrant's defaults. Typed clients
 * require both sections to be present.
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
                         Object quantizationConfig) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Params(Vectors vectors, int shardNumber, int replicationFactor, int writeConsistencyFactor,
                         boolean onDiskPayload) {
    }

    public record Vectors(int size, String distance) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Hnsw(int m, int efConstruct, int fullScanThreshold, int maxIndexingThreads, boolean onDisk) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Optimizers(double deletedThreshold, int vacuumMinVectorNumber, int defaultSegmentNumber,
                             Integer maxSegmentSize, Integer memmapThreshold, Integer indexingThreshold,
                             int flushIntervalSec, Integer maxOptimizationThreads) {

        static final Optimizers QDRANT_DEFAULTS = new Optimizers(0.2, 1000, 0, null, null, null, 5, null);

        /** Qdrant's defaults with the members VJVector implements taken from {@code settings}. */
        Optimizers with(OptimizerSettings settings) {
            return new Optimizers(settings.deletedThreshold(), settings.vacuumMinVectorNumber(), defaultSegmentNumber,
                    maxSegmentSize, memmapThreshold, indexingThreshold, flushIntervalSec, maxOptimizationThreads);
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Wal(int walCapacityMb, int walSegmentsAhead) {

        static final Wal QDRANT_DEFAULTS = new Wal(32, 0);
    }

    /** {@code params} only when the index was created with a params object, as Qdrant reports it. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record PayloadIndexInfo(String dataType, @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode params,
                                   long points) {
    }

    public static CollectionInfoView of(CollectionInfo info) {
        CollectionParams p = info.params();
        Config config = new Config(
                new Params(new Vectors(p.vectorSize(), p.distance().qdrantName()), p.shardNumber(),
                        p.replicationFactor(), p.writeConsistencyFactor(), false),
                new Hnsw(p.m(), p.efConstruct(), p.fullScanThreshold(), 0, false),
                Optimizers.QDRANT_DEFAULTS.with(p.optimizers()),
                Wal.QDRANT_DEFAULTS,
                null);
        Map<String, PayloadIndexInfo> schema = new LinkedHashMap<>();
        info.payloadSchema().forEach((key, field) ->
                schema.put(key, new PayloadIndexInfo(field.type().qdrantName(), field.schema().paramsJson(), field.points())));
        // Qdrant reports yellow while optimizations run, its optimizer status staying "ok".
        return new CollectionInfoView(info.optimizing() ? "yellow" : "green", "ok", info.indexedVectorsCount(), info.pointsCount(),
                info.segmentsCount(), config, schema);
    }
}
