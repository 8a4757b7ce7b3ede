package io.vjvector.collection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * The part of a settings change (Qdrant's UpdateCollection) that concerns {@link CollectionSettings}
 * and the non-vacuum optimizer members; null members are left as they are.
 *
 * @param strictMode a diff: the members it sets replace the current ones
 * @param metadata   merged into the current metadata key by key (top-level keys replaced, as Qdrant does)
 */
public record CollectionSettingsUpdate(Boolean onDiskPayload, Integer maxIndexingThreads, Boolean hnswOnDisk,
                                       Integer payloadM, OptimizerSettings.OptimizersDiff optimizers,
                                       StrictModeConfig strictMode, ObjectNode metadata) {

    public static final CollectionSettingsUpdate NONE = new CollectionSettingsUpdate(null, null, null, null, null, null, null);

    public CollectionSettingsUpdate {
        if (optimizers == null) {
            optimizers = OptimizerSettings.OptimizersDiff.NONE;
        }
    }

    /** {@code current} with this update applied. */
    public CollectionSettings applyTo(CollectionSettings current) {
        HnswSettings h = current.hnsw();
        HnswSettings hnsw = new HnswSettings(
                maxIndexingThreads != null ? maxIndexingThreads : h.maxIndexingThreads(),
                hnswOnDisk != null ? hnswOnDisk : h.onDisk(),
                payloadM != null ? payloadM : h.payloadM());
        StrictModeConfig strict = strictMode == null ? current.strictMode()
                : current.strictMode() == null ? strictMode : current.strictMode().merge(strictMode);
        return new CollectionSettings(onDiskPayload != null ? onDiskPayload : current.onDiskPayload(), hnsw,
                current.wal(), strict, merge(current.metadata(), metadata), current.textConfig());
    }

    /** A new object: the stored one is never changed in place (readers may hold it). */
    private static ObjectNode merge(ObjectNode current, ObjectNode changes) {
        if (changes == null) {
            return current;
        }
        ObjectNode merged = current == null ? changes.objectNode() : current.deepCopy();
        for (Iterator<Map.Entry<String, JsonNode>> it = changes.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            merged.set(e.getKey(), e.getValue().deepCopy());
        }
        return merged;
    }
}
