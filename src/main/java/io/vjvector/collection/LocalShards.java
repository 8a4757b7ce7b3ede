package io.vjvector.collection;

import io.vjvector.engine.kernels.VectorKernels;
import io.vjvector.engine.shard.CheckpointResult;
import io.vjvector.engine.shard.DurableShard;
import io.vjvector.engine.shard.Shard;
import io.vjvector.engine.shard.ShardCheckpoint;
import io.vjvector.engine.shard.ShardSpec;
import io.vjvector.engine.storage.EncryptionKeys;
import io.vjvector.engine.storage.Sealer;
import io.vjvector.engine.storage.WalOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ObjIntConsumer;

/**
 * The shards of one collection held by this process, either only in memory or durable on disk
 * ({@code shards/<n>/} under the collection's directory, see {@link DurableShard}), with the
 * collection's operation id counter they share.
 */
final class LocalShards implements AutoCloseable {

    static final String SHARDS = "shards";

    private final List<Shard> shards;
    private final List<DurableShard> durable;
    private final Sealer sealer;

    private LocalShards(List<Shard> shards, List<DurableShard> durable, Sealer sealer) {
        this.shards = List.copyOf(shards);
        this.durable = List.copyOf(durable);
        this.sealer = sealer;
    }

    /** Empty shards that live only in memory. */
    static LocalShards inMemory(CollectionParams params, VectorKernels kernels) {
        ShardSpec spec = spec(params, kernels, new AtomicLong());
        List<Shard> shards = new ArrayList<>();
        for (int i = 0; i < params.shardNumber(); i++) {
            shards.add(spec.create(io.vjvector.engine.shard.OperationLog.none()));
        }
        return new LocalShards(shards, List.of(), new Sealer(EncryptionKeys.none()));
    }

    /** Shards already built in memory (read from a snapshot), kept only in memory. */
    static LocalShards inMemory(List<Shard> shards) {
        return new LocalShards(shards, List.of(), new Sealer(EncryptionKeys.none()));
    }

    /** A shard source: opens or restores shard {@code n} of a collection in {@code dir}. */
    @FunctionalInterface
    interface ShardOpener {
        DurableShard open(int shard, Path dir, ShardSpec spec) throws IOException;
    }

    /**
     * Opens (creating if needed) the durable shards in {@code directory}, recovering each, and
     * continues the operation ids after the highest one found.
     *
     * @param opened called for each shard opened
     */
    static LocalShards open(Path directory, CollectionParams params, VectorKernels kernels, WalOptions options,
                            ObjIntConsumer<DurableShard> opened) throws IOException {
        return open(directory, params, kernels, options, opened,
                (n, dir, spec) -> DurableShard.open(dir, spec, options));
    }

    static LocalShards open(Path directory, CollectionParams params, VectorKernels kernels, WalOptions options,
                            ObjIntConsumer<DurableShard> opened, ShardOpener opener)
            throws IOException {
        AtomicLong operationIds = new AtomicLong();
        ShardSpec spec = spec(params, kernels, operationIds);
        List<DurableShard> durable = new ArrayList<>();
        try {
            for (int i = 0; i < params.shardNumber(); i++) {
                DurableShard shard = opener.open(i, directory.resolve(SHARDS).resolve(Integer.toString(i)), spec);
                durable.add(shard);
                opened.accept(shard, i);
            }
        } catch (IOException | RuntimeException | Error e) {
            for (DurableShard d : durable) {
                try {
                    d.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
        long last = -1;
        List<Shard> shards = new ArrayList<>();
        for (DurableShard d : durable) {
            shards.add(d.shard());
            last = Math.max(last, d.shard().lastOperationId());
        }
        operationIds.set(last + 1);
        return new LocalShards(shards, durable, new Sealer(options.keys()));
    }

    /** How a collection's settings translate into one shard's. */
    static ShardSpec spec(CollectionParams params, VectorKernels kernels, AtomicLong operationIds) {
        return new ShardSpec(VectorFields.of(params), kernels, LocalShardHandle.searchDefaults(params),
                operationIds::getAndIncrement);
    }

    List<Shard> shards() {
        return shards;
    }

    /** The durable shards, empty for an in-memory collection. */
    List<DurableShard> durable() {
        return durable;
    }

    /**
     * Writes a consistent sealed checkpoint of shard {@code n} to {@code out} (closed afterwards).
     *
     * @return the last sequence it covers
     */
    long writeCheckpoint(int n, OutputStream out) throws IOException {
        if (!durable.isEmpty()) {
            return durable.get(n).writeCheckpoint(out);
        }
        var image = shards.get(n).capture();
        try (OutputStream sealed = sealer.seal(out)) {
            ShardCheckpoint.write(image, sealed);
        }
        return image.sequence();
    }

    /** Checkpoints every durable shard with unsaved log records; returns what was written (null entries for none). */
    List<CheckpointResult> checkpointAll() throws IOException {
        List<CheckpointResult> results = new ArrayList<>();
        for (DurableShard d : durable) {
            results.add(d.checkpoint());
        }
        return results;
    }

    /** Syncs and closes the durable shards (nothing to do in memory). */
    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (DurableShard d : durable) {
            try {
                d.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
