package io.vjvector.collection;

/** Qdrant's {@code PATCH /collections/{name}}: only non-null fields change. */
public record CollectionParamsUpdate(
        Integer replicationFactor,
        Integer writeConsistencyFactor,
        Integer m,
        Integer efConstruct,
        Integer fullScanThreshold,
        Double deletedThreshold,
        Integer vacuumMinVectorNumber) {

    /** An update that leaves the optimizer settings alone. */
    public CollectionParamsUpdate(Integer replicationFactor, Integer writeConsistencyFactor, Integer m,
                                  Integer efConstruct, Integer fullScanThreshold) {
        this(replicationFactor, writeConsistencyFactor, m, efConstruct, fullScanThreshold, null, null);
    }
}
