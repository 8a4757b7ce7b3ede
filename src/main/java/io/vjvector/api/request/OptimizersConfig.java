package io.vjvector.api.request;

import com.fasterxml.jackson.databind.JsonNode;
import io.vjvector.collection.OptimizerSettings;
import io.vjvector.error.VJVectorException;
import java.util.Set;

/**
 * The members of Qdrant's {@code optimizers_config} VJVector implements (those of its vacuum
 * optimizer); any other member given is refused naming it. Absent members are null.
 */
record OptimizersConfig(Double deletedThreshold, Integer vacuumMinVectorNumber) {

    private static final String PREFIX = "optimizers_config";
    private static final Set<String> SUPPORTED = Set.of("deleted_threshold", "vacuum_min_vector_number");

    /**
     * @throws VJVectorException BAD_REQUEST naming the member that is unsupported, of the wrong
     *                           type, or out of Qdrant's range
     */
    static OptimizersConfig read(JsonNode node) {
        if (!JsonValues.present(node)) {
            return new OptimizersConfig(null, null);
        }
        if (!node.isObject()) {
            throw VJVectorException.badRequest(PREFIX, "must be an object");
        }
        node.fieldNames().forEachRemaining(name -> {
            if (!SUPPORTED.contains(name)) {
                UnsupportedOptions.reject(node.get(name), PREFIX + "." + name);
            }
        });
        Double threshold = null;
        JsonNode t = node.get("deleted_threshold");
        if (JsonValues.present(t)) {
            if (!t.isNumber() || !(t.doubleValue() >= 0 && t.doubleValue() <= 1)) {
                throw VJVectorException.badRequest(PREFIX + ".deleted_threshold", "must be a number between 0 and 1");
            }
            threshold = t.doubleValue();
        }
        Integer minVectors = null;
        JsonNode v = node.get("vacuum_min_vector_number");
        if (JsonValues.present(v)) {
            if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < OptimizerSettings.MIN_VACUUM_VECTOR_NUMBER) {
                throw VJVectorException.badRequest(PREFIX + ".vacuum_min_vector_number",
                        "must be an integer of at least " + OptimizerSettings.MIN_VACUUM_VECTOR_NUMBER);
            }
            minVectors = v.intValue();
        }
        return new OptimizersConfig(threshold, minVectors);
    }
}
