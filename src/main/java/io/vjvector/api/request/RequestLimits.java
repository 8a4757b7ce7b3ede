package io.vjvector.api.request;

import io.vjvector.collection.CollectionValidation;
import io.vjvector.config.VJVectorConfig;
import io.vjvector.error.ErrorKind;
import io.vjvector.error.VJVectorException;
import jakarta.enterprise.context.ApplicationScoped;

/** The configured request limits ({@code vjvector.limits.*}), checked before anything is changed. */
@ApplicationScoped
public class RequestLimits {

    private final VJVectorConfig.Limits limits;

    public RequestLimits(VJVectorConfig config) {
        this.limits = config.limits();
    }

    /**
     * {@code limit} of a search, recommend, query or scroll: 1..max, {@code absent} when not given.
     * Under 1 breaks Qdrant's declared range (422); over the configured maximum is a limit of this
     * server (400, as Qdrant's strict mode answers).
     */
    public int limit(Integer limit, String path, int absent) {
        int v = limit == null ? absent : limit;
        if (v < 1) {
            throw VJVectorException.atLeast(path, v, 1);
        }
        if (v > limits.maxLimit()) {
            throw VJVectorException.badRequest(path, "must be between 1 and " + limits.maxLimit() + ", got " + v);
        }
        return v;
    }

    public int offset(Integer offset, String path) {
        int v = offset == null ? 0 : offset;
        if (v < 0 || v > limits.maxOffset()) {
            throw VJVectorException.badRequest(path, "must be between 0 and " + limits.maxOffset() + ", got " + v);
        }
        return v;
    }

    /** Null stays null (the collection's default). */
    public Integer hnswEf(Integer ef, String path) {
        if (ef != null && (ef < 1 || ef > limits.maxHnswEf())) {
            throw VJVectorException.badRequest(path, "must be between 1 and " + limits.maxHnswEf() + ", got " + ef);
        }
        return ef;
    }

    public int vectorSize(Integer size, String path) {
        if (size == null) {
            throw VJVectorException.badRequest(path, "is required");
        }
        if (size > CollectionValidation.MAX_VECTOR_SIZE) {
            // Qdrant's declared range (422); a size of 0 fails its parsing as a non-zero integer instead (400).
            throw VJVectorException.between(path, size, 1, CollectionValidation.MAX_VECTOR_SIZE);
        }
        if (size < 1 || size > limits.maxVectorSize()) {
            throw VJVectorException.badRequest(path,
                    "must be between 1 and " + limits.maxVectorSize() + ", got " + size);
        }
        return size;
    }

    public int shardNumber(int shards, String path) {
        if (shards < 1 || shards > limits.maxShardNumber()) {
            throw VJVectorException.badRequest(path, "must be between 1 and " + limits.maxShardNumber() + ", got " + shards);
        }
        return shards;
    }

    /** The number of points or ids one request carries; over the limit answers 413. */
    public void points(int count, String path) {
        if (count > limits.maxPointsPerRequest()) {
            throw new VJVectorException(ErrorKind.TOO_LARGE, path, "at most " + limits.maxPointsPerRequest()
                    + " points per request (vjvector.limits.max-points-per-request), got " + count);
        }
    }

    /**
     * The points a groups search may return ({@code group_size × limit}); over the per-request
     * points limit answers 400, since a groups search asks its shards for at least that many.
     */
    public void groupedPoints(int groupSize, int groups, String path) {
        long total = (long) groupSize * groups;
        if (total > limits.maxPointsPerRequest()) {
            throw VJVectorException.badRequest(path, "group_size × limit must be at most " + limits.maxPointsPerRequest()
                    + " (vjvector.limits.max-points-per-request), got " + total);
        }
    }

    /** The number of searches in a batch; over the limit answers 413. */
    public void batch(int count, String path) {
        if (count > limits.maxBatchSearches()) {
            throw new VJVectorException(ErrorKind.TOO_LARGE, path, "at most " + limits.maxBatchSearches()
                    + " searches per batch (vjvector.limits.max-batch-searches), got " + count);
        }
    }

    /** A score threshold: a finite float (Jackson would turn an overflowing number into infinity). */
    public static Float scoreThreshold(Float threshold, String path) {
        if (threshold != null && !Float.isFinite(threshold)) {
            throw VJVectorException.format(path, "must be a finite number");
        }
        return threshold;
    }
}
