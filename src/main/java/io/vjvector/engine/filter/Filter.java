package io.vjvector.engine.filter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.vjvector.engine.point.PointId;
import java.util.List;
import java.util.Objects;

/**
 * A parsed Qdrant filter ({@code must}, {@code should}, {@code must_not}, {@code min_should} over
 * field, id and emptiness conditions). Immutable and thread-safe.
 *
 * <p>A point passes when every {@code must} condition holds, no {@code must_not} condition holds,
 * at least one {@code should} condition holds (an empty or absent {@code should} list is no
 * constraint — what Qdrant's query path does, as it drops empty clauses), and the
 * {@code min_should} count is reached. A filter with no clauses matches everything.
 */
public final class Filter {

    /** Maximum nesting of filters inside filters accepted by {@link #parse(JsonNode)} by default. */
    public static final int DEFAULT_MAX_DEPTH = 16;

    private static final Filter MATCH_ALL = new Filter(List.of(), List.of(), List.of(), null);
    private static final JsonNode EMPTY_PAYLOAD = JsonNodeFactory.instance.objectNode();

    private final Condition[] must;
    private final Condition[] should;
    private final Condition[] mustNot;
    private final MinShould minShould;

    private Filter(List<Condition> must, List<Condition> should, List<Condition> mustNot, MinShould minShould) {
        this.must = must.toArray(new Condition[0]);
        this.should = should.toArray(new Condition[0]);
        this.mustNot = mustNot.toArray(new Condition[0]);
        this.minShould = minShould;
    }

    /** A filter built from its clauses ({@code minShould} may be null). */
    public static Filter of(List<Condition> must, List<Condition> should, List<Condition> mustNot, MinShould minShould) {
        return new Filter(List.copyOf(must), List.copyOf(should), List.copyOf(mustNot), minShould);
    }

    /** The filter without conditions, which every point passes. */
    public static Filter matchAll() {
        return MATCH_ALL;
    }

    /**
     * Parses Qdrant's JSON filter. JSON null (or a Java null) is no filter: {@link #matchAll()}.
     *
     * @param maxDepth how many filters may be nested in one another, the outermost counting 1
     * @throws FilterException naming the offending path (e.g. {@code filter.must[1].range.gt}) and
     *     rule; nothing else is thrown for any input
     */
    public static Filter parse(JsonNode json, int maxDepth) {
        if (json == null || json.isNull() || json.isMissingNode()) {
            return MATCH_ALL;
        }
        try {
            return new FilterParser(maxDepth).filter(json, "filter", 1);
        } catch (FilterException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            // Defensive: the parser checks every node it reads, so this only guards the contract.
            throw new FilterException("filter", "cannot be parsed: " + e);
        }
    }

    /** {@link #parse(JsonNode, int)} with {@link #DEFAULT_MAX_DEPTH}. */
    public static Filter parse(JsonNode json) {
        return parse(json, DEFAULT_MAX_DEPTH);
    }

    /** Whether the point with this id and payload (an object, possibly empty; null = empty) satisfies the filter. */
    public boolean test(PointId id, JsonNode payload) {
        return testPayload(id, payload == null ? EMPTY_PAYLOAD : payload);
    }

    boolean testPayload(PointId id, JsonNode payload) {
        for (Condition c : must) {
            if (!c.test(id, payload)) {
                return false;
            }
        }
        for (Condition c : mustNot) {
            if (c.test(id, payload)) {
                return false;
            }
        }
        if (should.length > 0 && !anyHolds(should, id, payload)) {
            return false;
        }
        return minShould == null || minShould.test(id, payload);
    }

    private static boolean anyHolds(Condition[] conditions, PointId id, JsonNode payload) {
        for (Condition c : conditions) {
            if (c.test(id, payload)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the filter obviously passes every point: no clauses, or only {@code must}
     * conditions that are themselves such filters. (A filter may pass everything without being
     * recognised here; this is for skipping evaluation, not for proofs.)
     */
    public boolean isMatchAll() {
        if (should.length > 0 || mustNot.length > 0 || (minShould != null && minShould.minCount() > 0)) {
            return false;
        }
        for (Condition c : must) {
            if (!(c instanceof Condition.Sub sub) || !sub.filter().isMatchAll()) {
                return false;
            }
        }
        return true;
    }

    public List<Condition> must() {
        return List.of(must);
    }

    public List<Condition> should() {
        return List.of(should);
    }

    public List<Condition> mustNot() {
        return List.of(mustNot);
    }

    /** The {@code min_should} clause, or null. */
    public MinShould minShould() {
        return minShould;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Filter other
                && List.of(must).equals(List.of(other.must))
                && List.of(should).equals(List.of(other.should))
                && List.of(mustNot).equals(List.of(other.mustNot))
                && Objects.equals(minShould, other.minShould);
    }

    @Override
    public int hashCode() {
        return Objects.hash(List.of(must), List.of(should), List.of(mustNot), minShould);
    }

    @Override
    public String toString() {
        return "Filter[must=" + List.of(must) + ", should=" + List.of(should) + ", mustNot=" + List.of(mustNot)
                + ", minShould=" + minShould + "]";
    }
}
