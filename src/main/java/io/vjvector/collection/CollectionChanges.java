package io.vjvector.collection;

import io.vjvector.error.VJVectorException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The settings a collection change leads to, computed from the current settings alone, so that a
 * standalone node (which applies them to its shards) and a cluster gateway (which records them in
 * the cluster catalog for the data nodes to apply) check and compute them the same way; and the
 * steps that bring a copy from its settings to the cluster catalog's ({@link #plan}).
 */
public final class CollectionChanges {

    private CollectionChanges() {
    }

    /**
     * {@code current} with a PATCH applied.
     *
     * @throws VJVectorException BAD_REQUEST when the result breaks a rule or names an unknown vector
     */
    public static CollectionParams update(CollectionParams current, CollectionParamsUpdate u) {
        CollectionParams next = new CollectionParams(current.vectorSize(), current.distance(), current.shardNumber(),
                or(u.replicationFactor(), current.replicationFactor()),
                or(u.writeConsistencyFactor(), current.writeConsistencyFactor()),
                or(u.m(), current.m()), or(u.efConstruct(), current.efConstruct()),
                or(u.fullScanThreshold(), current.fullScanThreshold()),
                current.optimizers().merge(u.optimizersDiff()),
                u.settings().applyTo(current.settings()), quantizedVectors(current.vectors(), u.vectorQuantization()),
                QuantizationSettings.apply(current.quantization(), u.quantization()));
        CollectionValidation.params(next);
        return next;
    }

    /**
     * {@code current} with vector {@code vectorName} added (one of {@code dense}, {@code sparse}).
     *
     * @throws VJVectorException BAD_REQUEST when the name exists or the result breaks a rule
     */
    public static CollectionParams addVector(CollectionParams current, String vectorName,
                                             VectorsConfig.DenseVector dense, VectorsConfig.SparseVector sparse) {
        if (current.vectors().has(vectorName)) {
            throw VJVectorException.badRequest("vector_name", "Wrong input: vector name `" + vectorName
                    + "` already exists");
        }
        CollectionParams next = current.withVectors(dense != null
                ? current.vectors().withDense(vectorName, dense)
                : current.vectors().withSparse(vectorName, sparse));
        CollectionValidation.params(next);
        return next;
    }

    /**
     * {@code current} without vector {@code vectorName}.
     *
     * @throws VJVectorException NOT_FOUND for an unknown name, BAD_REQUEST for the last vector
     */
    public static CollectionParams dropVector(CollectionParams current, String collection, String vectorName) {
        if (!current.vectors().has(vectorName)) {
            throw VJVectorException.notFound("Vector name `" + vectorName + "` does not exist in collection `"
                    + collection + "`");
        }
        CollectionParams next = current.withVectors(current.vectors().without(vectorName));
        if (next.vectors().dense().isEmpty() && next.vectors().sparse().isEmpty()) {
            throw VJVectorException.badRequest("vector_name", "a collection needs at least one vector; `"
                    + vectorName + "` is its last");
        }
        return next;
    }

    /**
     * What turns a copy with settings {@code current} into one with {@code target}: vectors to
     * drop (then add back, when a name was dropped and added again with another definition while
     * the copy did not look), vectors to add, then the target's settings. Each step goes through
     * the same code as the change it repeats.
     *
     * @param drops names to drop, in order
     * @param adds  names to add, in the target's order, each with the settings to add it with:
     *              the target's, holding the vectors added so far (the last: the target's vectors)
     */
    public record Plan(List<String> drops, Map<String, CollectionParams> adds, CollectionParams target) {

        /** Whether the copy already holds the target's vector fields (only settings may differ). */
        public boolean settingsOnly() {
            return drops.isEmpty() && adds.isEmpty();
        }
    }

    /** The steps from {@code current} to {@code target}; both settings of the same collection. */
    public static Plan plan(CollectionParams current, CollectionParams target) {
        VectorsConfig have = current.vectors();
        VectorsConfig want = target.vectors();
        List<String> drops = new ArrayList<>();
        for (String name : names(have)) {
            if (!want.has(name) || !sameDefinition(have, want, name)) {
                drops.add(name);
            }
        }
        VectorsConfig vectors = have;
        for (String name : drops) {
            vectors = vectors.without(name);
        }
        Map<String, CollectionParams> adds = new LinkedHashMap<>();
        for (String name : names(want)) {
            if (vectors.has(name)) {
                continue;
            }
            VectorsConfig.DenseVector dense = want.dense().get(name);
            vectors = dense != null ? vectors.withDense(name, dense) : vectors.withSparse(name, want.sparse().get(name));
            adds.put(name, target.withVectors(vectors));
        }
        return new Plan(List.copyOf(drops), adds, target);
    }

    /**
     * Whether a value of vector {@code name} written under {@code writtenUnder} must wait before a
     * copy with settings {@code copy} takes it: the name is defined there and the copy lacks it, or
     * holds another definition of it (dropped and added again).
     */
    public static boolean vectorPending(CollectionParams copy, CollectionParams writtenUnder, String name) {
        return writtenUnder.vectors().has(name)
                && !(copy.vectors().has(name) && sameDefinition(copy.vectors(), writtenUnder.vectors(), name));
    }

    private static List<String> names(VectorsConfig v) {
        List<String> names = new ArrayList<>(v.dense().keySet());
        names.addAll(v.sparse().keySet());
        return names;
    }

    /**
     * Whether {@code name} holds the same kind of values in both: quantization is a setting a
     * PATCH changes in place; anything else differing means the name was dropped and re-added.
     */
    private static boolean sameDefinition(VectorsConfig have, VectorsConfig want, String name) {
        VectorsConfig.DenseVector a = have.dense().get(name);
        VectorsConfig.DenseVector b = want.dense().get(name);
        if (a != null || b != null) {
            return a != null && b != null && a.withQuantization(null).equals(b.withQuantization(null));
        }
        return Objects.equals(have.sparse().get(name), want.sparse().get(name));
    }

    /**
     * {@code vectors} with the quantization changes of a PATCH's {@code vectors} applied.
     *
     * @throws VJVectorException BAD_REQUEST naming a vector that is not a dense vector of the collection
     */
    private static VectorsConfig quantizedVectors(VectorsConfig vectors, Map<String, QuantizationSettings> changes) {
        VectorsConfig out = vectors;
        for (Map.Entry<String, QuantizationSettings> e : changes.entrySet()) {
            VectorsConfig.DenseVector v = vectors.dense().get(e.getKey());
            if (v == null) {
                throw VJVectorException.badRequest("vectors." + e.getKey(),
                        "Wrong input: Not existing vector name error: " + e.getKey());
            }
            VectorsConfig.DenseVector changed = v.withQuantization(QuantizationSettings.apply(v.quantization(), e.getValue()));
            Map<String, VectorsConfig.DenseVector> dense = new LinkedHashMap<>(out.dense());
            dense.put(e.getKey(), changed);
            out = new VectorsConfig(out.named(), dense, out.sparse());
        }
        return out;
    }

    private static int or(Integer value, int current) {
        return value != null ? value : current;
    }
}
