package io.vjvector.collection;

import io.vjvector.collection.wire.EncodedShardHandle;
import io.vjvector.engine.shard.Shard;

/**
 * How a collection reaches each of its shards. A standalone node reaches its own shards directly
 * ({@link #local()}); a gateway will reach another node's shard through a remote handle, and a
 * replicated shard through a replica-set handle that picks a healthy copy.
 */
@FunctionalInterface
public interface ShardHandleFactory {

    /**
     * System property choosing the handles of services built without an explicit factory:
     * {@code local} (the default) or {@code wire}, which sends every shard call and answer through
     * its wire encoding in this process ({@link EncodedShardHandle#loopback}), so that the
     * collection tests prove the encoding before any network carries it. A test switch, not an
     * operator's setting: it is named outside the {@code vjvector.} configuration root on purpose.
     */
    String PROPERTY = "io.vjvector.collection.shard-handles";

    /**
     * The handle through which collection {@code collection} reaches shard {@code shardId}, held
     * in this process as {@code shard}.
     */
    ShardHandle handle(String collection, int shardId, Shard shard);

    /** Handles that call this process's shards directly. */
    static ShardHandleFactory local() {
        return (collection, shardId, shard) -> new LocalShardHandle(shardId, shard);
    }

    /** Local handles reached through the wire encoding ({@link EncodedShardHandle#loopback}). */
    static ShardHandleFactory wireLoopback() {
        return (collection, shardId, shard) -> EncodedShardHandle.loopback(new LocalShardHandle(shardId, shard));
    }

    /**
     * The factory {@link #PROPERTY} names ({@link #local()} when unset).
     *
     * @throws IllegalArgumentException for any other value
     */
    static ShardHandleFactory fromSystemProperty() {
        String value = System.getProperty(PROPERTY, "local");
        return switch (value) {
            case "local" -> local();
            case "wire" -> wireLoopback();
            default -> throw new IllegalArgumentException(PROPERTY + " must be local or wire, got " + value);
        };
    }
}
