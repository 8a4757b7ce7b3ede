package io.vjvector.cluster.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Qdrant names its peers by number; VJVector's nodes have string ids
 * ({@code vjvector.cluster.node-id}). A node's peer id is the first 53 bits of the SHA-256 of its
 * node id: stable across restarts and on every node and gateway alike, without coordination, and
 * within the integers JavaScript clients read exactly (2^53 - 1). Two ids of a real cluster
 * colliding is about as likely as 2^-53 per pair; {@link ClusterInfo} still resolves a peer id
 * only among the live nodes' ids.
 */
public final class PeerIds {

    private static final long MASK = (1L << 53) - 1;

    private PeerIds() {
    }

    /** The peer id of node {@code nodeId}; never 0. */
    public static long of(String nodeId) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(nodeId.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (digest[i] & 0xFF);
        }
        long id = value & MASK;
        return id == 0 ? 1 : id;
    }
}
