package io.vjvector.api.request;

import com.fasterxml.jackson.databind.JsonNode;
import io.vjvector.cluster.admin.ShardOperation;
import io.vjvector.error.VJVectorException;
import java.util.Set;

/**
 * Reads Qdrant's cluster update body: exactly one of {@code move_shard}, {@code replicate_shard}
 * (each {@code shard_id}, {@code from_peer_id}, {@code to_peer_id}, optional {@code method}) or
 * {@code drop_replica} ({@code shard_id}, {@code peer_id}). Qdrant's other operations (sharding
 * keys, resharding, aborting a transfer, restarting one) are refused by name.
 */
public final class ShardOperationReader {

    private static final String KINDS = "move_shard, replicate_shard, drop_replica";
    /** Accepted for Qdrant clients: every copy is made the one way VJVector has (checkpoint, then log tail). */
    private static final Set<String> METHODS = Set.of("stream_records", "snapshot", "wal_delta", "resharding_stream_records");

    private ShardOperationReader() {
    }

    public static ShardOperation read(JsonNode body) {
        if (body == null || !body.isObject() || body.size() != 1) {
            throw VJVectorException.badRequest("body", "must be an object with exactly one of " + KINDS);
        }
        String kind = body.fieldNames().next();
        JsonNode args = body.get(kind);
        if (!args.isObject()) {
            throw VJVectorException.format(kind, "must be an object");
        }
        return switch (kind) {
            case "move_shard", "replicate_shard" -> {
                JsonMembers.of(args, kind, Set.of("shard_id", "from_peer_id", "to_peer_id", "method", "to_shard_id"));
                JsonNode method = args.get("method");
                if (JsonValues.present(method) && !(method.isTextual() && METHODS.contains(method.asText()))) {
                    throw VJVectorException.badRequest(kind + ".method", "must be one of " + METHODS);
                }
                if (JsonValues.present(args.get("to_shard_id"))) {
                    throw VJVectorException.badRequest(kind + ".to_shard_id", "is for resharding, which VJVector does not do");
                }
                yield new ShardOperation.Replicate(shardId(args, kind), peer(args, kind, "from_peer_id"),
                        peer(args, kind, "to_peer_id"), kind.equals("move_shard"));
            }
            case "drop_replica" -> {
                JsonMembers.of(args, kind, Set.of("shard_id", "peer_id"));
                yield new ShardOperation.Drop(shardId(args, kind), peer(args, kind, "peer_id"));
            }
            default -> throw VJVectorException.badRequest(kind, "is not supported; expected one of " + KINDS);
        };
    }

    private static int shardId(JsonNode args, String kind) {
        JsonNode v = args.get("shard_id");
        if (!JsonValues.present(v) || !v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < 0) {
            throw VJVectorException.badRequest(kind + ".shard_id", "is required: a shard number (0 or more)");
        }
        return v.asInt();
    }

    private static long peer(JsonNode args, String kind, String key) {
        JsonNode v = args.get(key);
        if (!JsonValues.present(v) || !v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 0) {
            throw VJVectorException.badRequest(kind + "." + key, "is required: a peer id from GET /cluster");
        }
        return v.asLong();
    }
}
