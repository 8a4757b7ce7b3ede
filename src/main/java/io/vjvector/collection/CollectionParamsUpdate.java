package io.vjvector.collection;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Qdrant's {@code PATCH /collections/{name}}: only non-null fields change.
 *
 * @param settings the changes to the optimizer members other than the vacuum's, the HNSW
 *                 members VJVector stores only, strict mode and metadata; null = none
 * @param quantization the collection-level {@code quantization_config}: null = unchanged,
 *                     {@link QuantizationSettings#REMOVE} = none
 * @param vectorQuantization per dense vector ({@code vectors.<name>.quantization_config}), the same way
 */
public record CollectionParamsUpdate(
        Integer replicationFactor,
        Integer writeConsistencyFactor,
        Integer m,
        Integer efConstruct,
        Integer fullScanThreshold,
        Double deletedThreshold,
        Integer vacuumMinVectorNumber,
        CollectionSettingsUpdate settings,
        QuantizationSettings quantization,
        Map<String, QuantizationSettings> vectorQuantization) {

    public CollectionParamsUpdate {
        if (settings == null) {
            settings = CollectionSettingsUpdate.NONE;
        }
        vectorQuantization = vectorQuantization == null ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(vectorQuantization));
    }

    /** An update that leaves quantization alone. */
    public CollectionParamsUpdate(Integer replicationFactor, Integer writeConsistencyFactor, Integer m,
                                  Integer efConstruct, Integer fullScanThreshold, Double deletedThreshold,
                                  Integer vacuumMinVectorNumber, CollectionSettingsUpdate settings) {
        this(replicationFactor, writeConsistencyFactor, m, efConstruct, fullScanThreshold, deletedThreshold,
                vacuumMinVectorNumber, settings, null, null);
    }

    /** An update of the vacuum settings and none of the other settings. */
    public CollectionParamsUpdate(Integer replicationFactor, Integer writeConsistencyFactor, Integer m,
                                  Integer efConstruct, Integer fullScanThreshold, Double deletedThreshold,
                                  Integer vacuumMinVectorNumber) {
        this(replicationFactor, writeConsistencyFactor, m, efConstruct, fullScanThreshold, deletedThreshold,
                vacuumMinVectorNumber, null);
    }

    /** An update that leaves the optimizer settings alone. */
    public CollectionParamsUpdate(Integer replicationFactor, Integer writeConsistencyFactor, Integer m,
                                  Integer efConstruct, Integer fullScanThreshold) {
        this(replicationFactor, writeConsistencyFactor, m, efConstruct, fullScanThreshold, null, null, null);
    }

    /** Every optimizer member this update changes, the vacuum's included. */
    public OptimizerSettings.OptimizersDiff optimizersDiff() {
        OptimizerSettings.OptimizersDiff o = settings.optimizers();
        return new OptimizerSettings.OptimizersDiff(
                deletedThreshold != null ? deletedThreshold : o.deletedThreshold(),
                vacuumMinVectorNumber != null ? vacuumMinVectorNumber : o.vacuumMinVectorNumber(),
                o.defaultSegmentNumber(), o.maxSegmentSize(), o.memmapThreshold(), o.indexingThreshold(),
                o.flushIntervalSec(), o.maxOptimizationThreads(), o.preventUnoptimized());
    }
}
