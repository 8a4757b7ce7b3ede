package io.vjvector.collection;

import java.util.Map;

/**
 * Counters one shard reports for collection info.
 *
 * @param storedVectors vectors the index holds, deleted and replaced ones included (until a rebuild)
 * @param optimizing    whether the shard is being rebuilt
 */
public record ShardStats(long points, long indexedVectors, Map<String, CollectionInfo.PayloadFieldInfo> payloadSchema,
                         long storedVectors, boolean optimizing) {
}
