package io.vjvector.cluster.gateway;

import io.vjvector.collection.OrderedRecord;
import io.vjvector.collection.PointRecord;
import io.vjvector.collection.ScoredPoint;
import io.vjvector.engine.index.VectorValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * One answer made of the answers of several copies of a shard, as Qdrant resolves a read with a
 * {@code consistency} above one copy: an item is returned only when at least {@code needed} of
 * the answers hold the same item (the same point in the same state), so a write that only some
 * copies have applied yet is left out until enough copies have it. Counts are the highest count
 * that {@code needed} answers reach.
 *
 * <p>What "the same" means differs by answer: a search hit is the same when id and version agree
 * (a version names one write, applied by every copy under the same version; its score for a query
 * may differ in the last bits between copies whose indexes were built differently, which does not
 * make it another point); a record, which carries no version, when id, payload and vectors agree.
 *
 * <p>Items keep the order in which they first appear, answer after answer; callers re-sort (shard
 * answers are merged and ordered by the collection).
 */
final class CopyAgreement {

    private CopyAgreement() {
    }

    static List<ScoredPoint> hits(List<List<ScoredPoint>> answers, int needed) {
        return items(answers, needed, ScoredPoint::id, (a, b) -> a.version() == b.version());
    }

    static List<PointRecord> records(List<List<PointRecord>> answers, int needed) {
        return items(answers, needed, PointRecord::id, CopyAgreement::sameRecord);
    }

    static List<OrderedRecord> ordered(List<List<OrderedRecord>> answers, int needed) {
        return items(answers, needed, r -> List.of(r.record().id(), r.key()),
                (a, b) -> sameRecord(a.record(), b.record()));
    }

    /** The highest count that at least {@code needed} of the answers reach. */
    static long count(List<Long> answers, int needed) {
        long[] sorted = answers.stream().mapToLong(Long::longValue).sorted().toArray();
        return sorted[sorted.length - needed];
    }

    /** Per value, the highest count that at least {@code needed} answers reach; values it leaves at 0 are dropped. */
    static Map<Object, Long> facetCounts(List<Map<Object, Long>> answers, int needed) {
        Map<Object, List<Long>> byValue = new LinkedHashMap<>();
        for (Map<Object, Long> answer : answers) {
            for (Map.Entry<Object, Long> e : answer.entrySet()) {
                byValue.computeIfAbsent(e.getKey(), v -> new ArrayList<>()).add(e.getValue());
            }
        }
        Map<Object, Long> out = new HashMap<>();
        byValue.forEach((value, counts) -> {
            // An answer without the value counts 0 for it.
            while (counts.size() < answers.size()) {
                counts.add(0L);
            }
            long n = count(counts, needed);
            if (n > 0) {
                out.put(value, n);
            }
        });
        return out;
    }

    /**
     * The items that at least {@code needed} answers hold in the same state, each once, in order of
     * first appearance. Items of one answer have distinct keys.
     */
    static <T> List<T> items(List<List<T>> answers, int needed, Function<T, ?> key, BiPredicate<T, T> same) {
        if (needed < 1 || needed > answers.size()) {
            throw new IllegalArgumentException("needed " + needed + " of " + answers.size() + " answers");
        }
        // Per key, each distinct state seen so far and how many answers hold it.
        Map<Object, List<Tally<T>>> tallies = new LinkedHashMap<>();
        for (List<T> answer : answers) {
            for (T item : answer) {
                List<Tally<T>> states = tallies.computeIfAbsent(key.apply(item), k -> new ArrayList<>(1));
                Tally<T> match = null;
                for (Tally<T> t : states) {
                    if (same.test(t.item, item)) {
                        match = t;
                        break;
                    }
                }
                if (match == null) {
                    states.add(new Tally<>(item));
                } else {
                    match.count++;
                }
            }
        }
        List<T> out = new ArrayList<>(tallies.size());
        for (List<Tally<T>> states : tallies.values()) {
            for (Tally<T> t : states) {
                if (t.count >= needed) {
                    out.add(t.item);
                    break;
                }
            }
        }
        return out;
    }

    private static final class Tally<T> {
        final T item;
        int count = 1;

        Tally(T item) {
            this.item = item;
        }
    }

    static boolean sameRecord(PointRecord a, PointRecord b) {
        return a.id().equals(b.id()) && Objects.equals(a.payload(), b.payload()) && sameVectors(a.vectors(), b.vectors());
    }

    private static boolean sameVectors(Map<String, VectorValue> a, Map<String, VectorValue> b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        for (Map.Entry<String, VectorValue> e : a.entrySet()) {
            if (!sameVector(e.getValue(), b.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameVector(VectorValue a, VectorValue b) {
        if (a instanceof VectorValue.Dense x && b instanceof VectorValue.Dense y) {
            return Arrays.equals(x.values(), y.values());
        }
        if (a instanceof VectorValue.Multi x && b instanceof VectorValue.Multi y) {
            return Arrays.deepEquals(x.vector().rows(), y.vector().rows());
        }
        // Sparse vectors compare their arrays' contents themselves.
        return Objects.equals(a, b);
    }
}
