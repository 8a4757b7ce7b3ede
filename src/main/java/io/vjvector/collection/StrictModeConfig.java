package io.vjvector.collection;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Qdrant's {@code strict_mode_config}: limits a collection puts on the requests it serves, in
 * force while {@code enabled} is true. Every member is optional (null = no limit, the member is
 * left out when reported, as Qdrant does). {@link StrictModeChecks} enforces enabled,
 * max_query_limit, unindexed_filtering_retrieve/update, search_max_hnsw_ef, search_allow_exact,
 * upsert_max_batchsize, max_points_count and max_collection_vector_size_bytes; the other members
 * are stored and reported only.
 * Named in Qdrant's snake case both on the wire and in the catalog.
 *
 * @param multivectorConfig Qdrant's per-vector-name limits of multivectors, kept as given
 * @param sparseConfig      Qdrant's per-vector-name limits of sparse vectors, kept as given
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StrictModeConfig(
        Boolean enabled,
        Integer maxQueryLimit,
        Integer maxTimeout,
        Boolean unindexedFilteringRetrieve,
        Boolean unindexedFilteringUpdate,
        Integer searchMaxHnswEf,
        Boolean searchAllowExact,
        Double searchMaxOversampling,
        Integer upsertMaxBatchsize,
        Long maxCollectionVectorSizeBytes,
        Integer readRateLimit,
        Integer writeRateLimit,
        Long maxCollectionPayloadSizeBytes,
        Long maxPointsCount,
        Integer filterMaxConditions,
        Integer conditionMaxSize,
        ObjectNode multivectorConfig,
        ObjectNode sparseConfig,
        Integer maxPayloadIndexCount) {

    /** What a collection created without strict mode reports: disabled, no limits (as Qdrant's default). */
    public static final StrictModeConfig DISABLED = new StrictModeConfig(false, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, null, null, null);

    /** Whether the limits apply. */
    public boolean active() {
        return Boolean.TRUE.equals(enabled);
    }

    /** This configuration with the members {@code diff} sets replaced (Qdrant's PATCH semantics). */
    public StrictModeConfig merge(StrictModeConfig diff) {
        if (diff == null) {
            return this;
        }
        return new StrictModeConfig(
                or(diff.enabled, enabled),
                or(diff.maxQueryLimit, maxQueryLimit),
                or(diff.maxTimeout, maxTimeout),
                or(diff.unindexedFilteringRetrieve, unindexedFilteringRetrieve),
                or(diff.unindexedFilteringUpdate, unindexedFilteringUpdate),
                or(diff.searchMaxHnswEf, searchMaxHnswEf),
                or(diff.searchAllowExact, searchAllowExact),
                or(diff.searchMaxOversampling, searchMaxOversampling),
                or(diff.upsertMaxBatchsize, upsertMaxBatchsize),
                or(diff.maxCollectionVectorSizeBytes, maxCollectionVectorSizeBytes),
                or(diff.readRateLimit, readRateLimit),
                or(diff.writeRateLimit, writeRateLimit),
                or(diff.maxCollectionPayloadSizeBytes, maxCollectionPayloadSizeBytes),
                or(diff.maxPointsCount, maxPointsCount),
                or(diff.filterMaxConditions, filterMaxConditions),
                or(diff.conditionMaxSize, conditionMaxSize),
                or(diff.multivectorConfig, multivectorConfig),
                or(diff.sparseConfig, sparseConfig),
                or(diff.maxPayloadIndexCount, maxPayloadIndexCount));
    }

    private static <T> T or(T value, T current) {
        return value != null ? value : current;
    }
}
