package io.vjvector.collection;

/** Qdrant's {@code PATCH /collections/{name}}: only non-null fields change. */
public record CollectionParamsUpdate(
        Integer replicationFactor,
        Integer writeConsistencyFactor,
        Integer m,
        Integer efConstruct,
        Integer fullScanThreshold) {
}
