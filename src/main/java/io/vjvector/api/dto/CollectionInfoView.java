package io.vjvector.api.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vjvector.collection.CollectionInfo;
import io.vjvector.collection.CollectionParams;
import io.vjvector.collection.CollectionSettings;
import io.vjvector.collection.StrictModeConfig;
import io.vjvector.collection.OptimizerSettings;
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
                         @JsonInclude(JsonInclude.Include.NON_NULL) ObjectNode metadata) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Params(Vectors vectors, int shardNumber, int replicationFactor, int writeConsistencyFactor,
                         boolean onDiskPayload) {
    }

    public record Vectors(int size, String distance) {
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

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record PayloadIndexInfo(String dataType, long points) {
    }

    /** @param walSegmentBytes the node's log segment size, reported for collections that set none */
    public static CollectionInfoView of(CollectionInfo info, long walSegmentBytes) {
        CollectionParams p = info.params();
        CollectionSettings s = p.settings();
        Config config = new Config(
                new Params(new Vectors(p.vectorSize(), p.distance().qdrantName()), p.shardNumber(),
                        p.replicationFactor(), p.writeConsistencyFactor(), s.onDiskPayload()),
                new Hnsw(p.m(), p.efConstruct(), p.fullScanThreshold(), s.hnsw().maxIndexingThreads(), s.hnsw().onDisk(),
                        s.hnsw().payloadM()),
                Optimizers.of(p.optimizers()),
                new Wal(s.wal().segmentBytes(walSegmentBytes) >> 20, s.wal().segmentsAhead(), s.wal().retainClosed()),
                null,
                s.effectiveStrictMode(),
                s.metadata());
        Map<String, PayloadIndexInfo> schema = new LinkedHashMap<>();
        info.payloadSchema().forEach((key, field) ->
                schema.put(key, new PayloadIndexInfo(field.type().qdrantName(), field.points())));
        // Qdrant reports yellow while optimizations run, its optimizer status staying "ok".
        return new CollectionInfoView(info.optimizing() ? "yellow" : "green", "ok", info.indexedVectorsCount(), info.pointsCount(),
                info.segmentsCount(), config, schema);
    }
}
