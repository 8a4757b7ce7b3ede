package io.vjvector.cluster.coordination;

/** One shard of one collection. */
public record ShardId(String collection, int shard) {

    @Override
    public String toString() {
        return collection + "/" + shard;
    }
}
