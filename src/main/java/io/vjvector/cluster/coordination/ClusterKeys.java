package io.vjvector.cluster.coordination;

import io.etcd.jetcd.ByteSequence;
import java.nio.charset.StandardCharsets;

/**
 * Where a cluster keeps its state in etcd. Every key lives under {@code /vjvector/<cluster name>/}:
 *
 * <pre>
 * nodes/&lt;node id&gt;                    a live node (JSON {@link NodeRegistration}), under the node's lease
 * collections/&lt;name&gt;                 a collection's catalog entry (JSON, the local catalog's form of
 *                                     {@link io.vjvector.collection.Catalog.Entry})
 * aliases                             every alias, one JSON object: alias name to collection name
 * shards/&lt;collection&gt;/&lt;shard&gt;        a shard's copies (JSON {@link ShardAssignment}: replicas,
 *                                     in_sync, leader, epoch)
 * election/&lt;collection&gt;/&lt;shard&gt;/... the shard's leader election (etcd's election API; the key
 *                                     with the lowest create revision is the leader's)
 * api-keys/&lt;id&gt;                      a managed API key's salted hash and grant (JSON, versioned
 *                                     {@link io.vjvector.security.ApiKeyRecord}); never its secret
 * </pre>
 *
 * <p>Collection names are used as they are: the name rules ({@code CollectionValidation}) refuse
 * {@code /}, so a name never reaches into another key's path. Shard numbers are decimal.
 */
public final class ClusterKeys {

    private final String root;

    /** The keys of the cluster named {@code clusterName}. */
    public ClusterKeys(String clusterName) {
        if (clusterName == null || clusterName.isEmpty() || clusterName.contains("/")) {
            throw new IllegalArgumentException("cluster name must be non-empty and free of '/': " + clusterName);
        }
        this.root = "/vjvector/" + clusterName + "/";
    }

    /** The prefix of every key of this cluster. */
    public String root() {
        return root;
    }

    public String nodes() {
        return root + "nodes/";
    }

    public String node(String nodeId) {
        return nodes() + nodeId;
    }

    public String collections() {
        return root + "collections/";
    }

    public String collection(String name) {
        return collections() + name;
    }

    public String aliases() {
        return root + "aliases";
    }

    public String shards() {
        return root + "shards/";
    }

    /** The prefix of one collection's shard records (ends in {@code /}). */
    public String shardsOf(String collection) {
        return shards() + collection + "/";
    }

    public String shard(ShardId shard) {
        return shardsOf(shard.collection()) + shard.shard();
    }

    /** The election name of a shard; etcd keeps the candidates' keys under it plus {@code /}. */
    public String election(ShardId shard) {
        return root + "election/" + shard.collection() + "/" + shard.shard();
    }

    /** The prefix of one collection's elections (ends in {@code /}). */
    public String electionsOf(String collection) {
        return root + "election/" + collection + "/";
    }

    /** The prefix of the managed API keys (ends in {@code /}). */
    public String apiKeys() {
        return root + "api-keys/";
    }

    public String apiKey(String id) {
        return apiKeys() + id;
    }

    /** The shard a key under {@link #shards()} names, or null for any other key. */
    ShardId shardOf(String key) {
        if (!key.startsWith(shards())) {
            return null;
        }
        String rest = key.substring(shards().length());
        int slash = rest.lastIndexOf('/');
        if (slash <= 0) {
            return null;
        }
        try {
            return new ShardId(rest.substring(0, slash), Integer.parseInt(rest.substring(slash + 1)));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static ByteSequence bytes(String key) {
        return ByteSequence.from(key, StandardCharsets.UTF_8);
    }
}
