package io.vjvector.collection;

import io.vjvector.engine.filter.Condition;
import io.vjvector.engine.filter.DatetimeRange;
import io.vjvector.engine.filter.Filter;
import io.vjvector.engine.filter.Match;
import io.vjvector.engine.filter.MatchValues;
import io.vjvector.engine.filter.PayloadSchemaType;
import io.vjvector.error.ErrorKind;
import io.vjvector.error.VJVectorException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Enforces a collection's {@link StrictModeConfig} on the requests it serves, with Qdrant's texts
 * (an error, then ". Help: " and what to do) so that clients and their users see what Qdrant
 * would say. Nothing is checked unless strict mode is enabled. The collection's indexed fields
 * and point count are asked for only when a check needs them.
 */
final class StrictModeChecks {

    /** Qdrant's types, in its order, offered when any index would serve (is_empty, is_null, values_count). */
    private static final List<String> ANY_INDEX = List.of("keyword", "integer", "float", "geo", "text", "bool",
            "datetime", "uuid");

    private StrictModeChecks() {
    }

    /** A search or recommendation: limit, exact, hnsw_ef, oversampling and (for unindexed_filtering_retrieve) its filter. */
    static void search(StrictModeConfig config, SearchOptions options,
                       Supplier<Map<String, PayloadSchemaType>> indexed) {
        if (!config.active()) {
            return;
        }
        limit(options.limit(), config.maxQueryLimit(), "limit");
        readFilter(config, options.filter(), indexed);
        if (Boolean.FALSE.equals(config.searchAllowExact()) && options.exact()) {
            throw refused("Exact search disabled!", "Set exact=false.");
        }
        if (options.hnswEf() != null) {
            limit(options.hnswEf(), config.searchMaxHnswEf(), "hnsw_ef");
        }
        Double maxOversampling = config.searchMaxOversampling();
        if (options.quantization() != null && maxOversampling != null
                && options.quantization().oversampling() > maxOversampling) {
            throw refused("Limit exceeded " + options.quantization().oversampling() + " > " + maxOversampling
                    + " for \"oversampling\"", "Reduce the \"oversampling\" parameter to or below "
                    + maxOversampling + ".");
        }
    }

    /** A scroll: its limit and filter. */
    static void scroll(StrictModeConfig config, ScrollRequest request, Supplier<Map<String, PayloadSchemaType>> indexed) {
        if (config.active()) {
            limit(request.limit(), config.maxQueryLimit(), "limit");
            readFilter(config, request.filter(), indexed);
        }
    }

    /** A count: its filter. */
    static void count(StrictModeConfig config, Filter filter, Supplier<Map<String, PayloadSchemaType>> indexed) {
        if (config.active()) {
            readFilter(config, filter, indexed);
        }
    }

    /** A delete or payload change selecting points by filter (unindexed_filtering_update). */
    static void filteredWrite(StrictModeConfig config, PointSelector selector,
                              Supplier<Map<String, PayloadSchemaType>> indexed) {
        if (config.active() && selector != null && selector.filter() != null
                && Boolean.FALSE.equals(config.unindexedFilteringUpdate())) {
            requireIndexed(selector.filter(), indexed.get());
        }
    }

    /**
     * An upsert of {@code batch} points: the batch limit, and the collection's size limits, which
     * refuse writes once the collection holds that many points or vector bytes (as Qdrant does:
     * the write that crosses a limit still passes).
     *
     * @param points      the collection's point count, asked for only when limited
     * @param vectorBytes the bytes of the vectors its indexes store (replaced and deleted ones
     *                    included until a rebuild, as in Qdrant's estimate), asked for only when limited
     */
    static void upsert(StrictModeConfig config, int batch, LongSupplier points, LongSupplier vectorBytes) {
        if (!config.active()) {
            return;
        }
        limit(batch, config.upsertMaxBatchsize(), "upsert limit");
        Long maxBytes = config.maxCollectionVectorSizeBytes();
        if (maxBytes != null && vectorBytes.getAsLong() >= maxBytes) {
            throw new VJVectorException(ErrorKind.STRICT_MODE, null,
                    "Max vector storage size limit of " + megabytes(maxBytes) + "MB reached!");
        }
        Long max = config.maxPointsCount();
        if (max != null && points.getAsLong() >= max) {
            throw new VJVectorException(ErrorKind.STRICT_MODE, null, "Max points count limit of " + max + " reached!");
        }
    }

    /** MiB as Qdrant prints them: a 32-bit float in its shortest form, without exponent or trailing ".0". */
    static String megabytes(long bytes) {
        float mb = bytes / (1024f * 1024f);
        return new BigDecimal(Float.toString(mb)).stripTrailingZeros().toPlainString();
    }

    private static void readFilter(StrictModeConfig config, Filter filter, Supplier<Map<String, PayloadSchemaType>> indexed) {
        if (filter != null && Boolean.FALSE.equals(config.unindexedFilteringRetrieve())) {
            requireIndexed(filter, indexed.get());
        }
    }

    private static void limit(long value, Number max, String name) {
        if (max != null && value > max.longValue()) {
            throw refused("Limit exceeded " + value + " > " + max + " for \"" + name + "\"",
                    "Reduce the \"" + name + "\" parameter to or below " + max + ".");
        }
    }

    /** Refuses the first condition on a key that no payload index of a fitting type serves. */
    private static void requireIndexed(Filter filter, Map<String, PayloadSchemaType> indexed) {
        Unindexed first = firstUnindexed(filter, "", indexed);
        if (first != null) {
            throw refused("Index required but not found for \"" + first.key() + "\" of one of the following types: ["
                    + String.join(", ", first.types()) + "]", "Create an index for this key or use a different filter.");
        }
    }

    private record Unindexed(String key, Set<String> types) {
    }

    private static Unindexed firstUnindexed(Filter filter, String prefix, Map<String, PayloadSchemaType> indexed) {
        List<Condition> all = new ArrayList<>(filter.must());
        all.addAll(filter.should());
        all.addAll(filter.mustNot());
        if (filter.minShould() != null) {
            all.addAll(filter.minShould().conditions());
        }
        for (Condition c : all) {
            Unindexed found;
            if (c instanceof Condition.Sub sub) {
                found = firstUnindexed(sub.filter(), prefix, indexed);
            } else if (c instanceof Condition.Nested nested) {
                found = firstUnindexed(nested.filter(), prefix + nested.key() + "[].", indexed);
            } else {
                found = check(prefix, c, indexed);
            }
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** The condition's key when no index of a type that serves it exists there; null otherwise (and for has_id). */
    private static Unindexed check(String prefix, Condition c, Map<String, PayloadSchemaType> indexed) {
        String key;
        Set<String> types = new LinkedHashSet<>();
        if (c instanceof Condition.Field f) {
            key = f.key().toString();
            if (f.match() != null) {
                types.addAll(forMatch(f.match()));
            }
            if (f.range() != null) {
                types.add("float");
                types.add("integer");
            }
        } else if (c instanceof Condition.Values v) {
            key = v.key().toString();
            types.add(v.test() instanceof DatetimeRange ? "datetime" : "geo");
        } else if (c instanceof Condition.Count count) {
            key = count.key().toString();
            types.addAll(ANY_INDEX);
        } else if (c instanceof Condition.IsEmpty empty) {
            key = empty.key().toString();
            types.addAll(ANY_INDEX);
        } else if (c instanceof Condition.IsNull isNull) {
            key = isNull.key().toString();
            types.addAll(ANY_INDEX);
        } else {
            return null;
        }
        String full = prefix + key;
        PayloadSchemaType index = indexed.get(full);
        return index != null && types.contains(index.qdrantName()) ? null : new Unindexed(full, types);
    }

    /** The index types that answer a match, as Qdrant infers them (uuid first when every value is a UUID). */
    private static List<String> forMatch(Match match) {
        if (match instanceof Match.Keyword k) {
            return uuidOrKeyword(List.of(k.value()));
        }
        if (match instanceof Match.Bool) {
            return List.of("bool");
        }
        if (match instanceof Match.Text) {
            return List.of("text");
        }
        MatchValues values = match instanceof Match.Any any ? any.values()
                : match instanceof Match.Except except ? except.values() : null;
        if (values != null && values.isKeywords()) {
            return uuidOrKeyword(values.keywordSet());
        }
        return List.of("integer");
    }

    private static List<String> uuidOrKeyword(Iterable<String> values) {
        for (String v : values) {
            try {
                UUID.fromString(v);
            } catch (IllegalArgumentException e) {
                return List.of("keyword");
            }
        }
        return List.of("uuid", "keyword");
    }

    private static VJVectorException refused(String error, String help) {
        return new VJVectorException(ErrorKind.STRICT_MODE, null, error + ". Help: " + help);
    }
}
