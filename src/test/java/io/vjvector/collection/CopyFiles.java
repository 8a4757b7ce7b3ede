package io.vjvector.collection;

import io.vjvector.engine.kernels.VectorKernelsProvider;
import io.vjvector.engine.replication.ShardReplica;
import io.vjvector.engine.storage.WalOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Opens one shard copy of a data node's directory (the node stopped, or a copy of its files) as a
 * {@link ShardReplica} in the test's own process, so that fault tests can compare copies' logs
 * record by record ({@link ShardReplica#digest}) and read their epoch histories. Unencrypted
 * directories only.
 */
public final class CopyFiles {

    private CopyFiles() {
    }

    /**
     * The replica of shard {@code shard} of {@code collection} under the data directory
     * {@code root}; the caller closes it.
     */
    public static ShardReplica openReplica(Path root, String collection, int shard) throws IOException {
        CollectionCatalog catalog = CollectionCatalog.open(root);
        Catalog.Entry entry = catalog.entries().stream().filter(e -> e.name().equals(collection)).findFirst()
                .orElseThrow(() -> new IOException(root + " holds no collection `" + collection + "`"));
        Path dir = catalog.directory(entry).resolve(LocalShards.SHARDS).resolve(Integer.toString(shard));
        return ShardReplica.open(dir, LocalShards.spec(entry.params(), VectorKernelsProvider.fromSystemProperty(),
                new AtomicLong()), WalOptions.defaults());
    }
}
