package io.vjvector.collection;

import java.util.Map;

/** Counters one shard reports for collection info. */
public record ShardStats(long points, long indexedVectors, Map<String, CollectionInfo.PayloadFieldInfo> payloadSchema) {
}
