package io.vjvector.engine.filter;

import com.fasterxml.jackson.databind.JsonNode;
import io.vjvector.engine.point.PointId;

/**
 * A parsed Qdrant filter ({@code must}, {@code should}, {@code must_not}, {@code min_should} over
 * field, id and emptiness conditions). Immutable and thread-safe.
 */
public final class Filter {

    /** Maximum nesting of filters inside filters accepted by {@link #parse(JsonNode)} by default. */
    public static final int DEFAULT_MAX_DEPTH = 16;

    private Filter() {
    }

    /**
     * Parses Qdrant's JSON filter.
     *
     * @throws FilterException naming the offending path (e.g. {@code filter.must[1].range.gt}) and rule
     */
    public static Filter parse(JsonNode json, int maxDepth) {
        // TODO(filter): the whole filter language.
        throw new FilterException("filter", "filters are not supported yet");
    }

    /** Whether the point with this id and payload (an object, possibly empty) satisfies the filter. */
    public boolean test(PointId id, JsonNode payload) {
        return true;
    }
}
