package io.vjvector.cluster.gateway;

/**
 * One copy of a shard: the node that holds it and the URL other nodes reach it at
 * ({@code vjvector.cluster.advertise-url}: scheme, host and port).
 */
public record ShardCopy(String nodeId, String url) {

    public ShardCopy {
        if (nodeId == null || nodeId.isEmpty() || url == null || url.isEmpty()) {
            throw new IllegalArgumentException("a shard copy needs a node id and a URL");
        }
    }
}
