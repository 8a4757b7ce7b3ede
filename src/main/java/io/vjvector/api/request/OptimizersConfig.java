package io.vjvector.api.request;

import com.fasterxml.jackson.databind.JsonNode;
import io.vjvector.collection.OptimizerSettings;
import io.vjvector.error.VJVectorException;
import java.util.Set;

/**
 * Reads Qdrant's {@code optimizers_config} (OptimizersConfigDiff): every member Qdrant defines is
 * accepted (see {@link OptimizerSettings} for which ones VJVector acts on); absent members are
 * null. Qdrant's {@code *_kb} spellings are accepted as the aliases they are in Qdrant.
 */
final class OptimizersConfig {

    private static final String PREFIX = "optimizers_config";
    private static final Set<String> MEMBERS = Set.of("deleted_threshold", "vacuum_min_vector_number",
            "default_segment_number", "max_segment_size", "max_segment_size_kb", "memmap_threshold",
            "memmap_threshold_kb", "indexing_threshold", "indexing_threshold_kb", "flush_interval_sec",
            "max_optimization_threads", "prevent_unoptimized");

    private OptimizersConfig() {
    }

    /**
     * @throws VJVectorException BAD_REQUEST naming the member that is unknown, of the wrong type,
     *                           or out of Qdrant's range
     */
    static OptimizerSettings.OptimizersDiff read(JsonNode node) {
        JsonMembers m = JsonMembers.of(node, PREFIX, MEMBERS);
        if (m == null) {
            return OptimizerSettings.OptimizersDiff.NONE;
        }
        Double threshold = m.number("deleted_threshold");
        if (threshold != null && !(threshold >= 0 && threshold <= 1)) {
            throw VJVectorException.between(PREFIX + ".deleted_threshold", threshold, 0.0, 1.0);
        }
        Integer minVectors = m.count("vacuum_min_vector_number");
        if (minVectors != null && minVectors < OptimizerSettings.MIN_VACUUM_VECTOR_NUMBER) {
            throw VJVectorException.atLeast(PREFIX + ".vacuum_min_vector_number", minVectors,
                    OptimizerSettings.MIN_VACUUM_VECTOR_NUMBER);
        }
        return new OptimizerSettings.OptimizersDiff(threshold, minVectors, m.count("default_segment_number"),
                either(m, "max_segment_size"), either(m, "memmap_threshold"), either(m, "indexing_threshold"),
                m.count("flush_interval_sec"), m.count("max_optimization_threads"), m.bool("prevent_unoptimized"));
    }

    /** {@code name} or its {@code _kb} alias; giving both is ambiguous. */
    private static Integer either(JsonMembers m, String name) {
        Integer plain = m.count(name);
        Integer kb = m.count(name + "_kb");
        if (plain != null && kb != null) {
            throw VJVectorException.badRequest(PREFIX + "." + name, "give " + name + " or " + name + "_kb, not both");
        }
        return plain != null ? plain : kb;
    }
}
