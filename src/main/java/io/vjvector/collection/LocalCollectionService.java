package io.vjvector.collection;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vjvector.engine.filter.FacetHit;
import io.vjvector.engine.filter.Filter;
import io.vjvector.engine.filter.PayloadFieldSchema;
import io.vjvector.engine.kernels.VectorKernels;
import io.vjvector.engine.point.PointId;
import io.vjvector.engine.shard.DurableShard;
import io.vjvector.engine.shard.OperationLog;
import io.vjvector.engine.shard.PayloadUpdate;
import io.vjvector.engine.shard.Shard;
import io.vjvector.engine.shard.ShardCheckpoint;
import io.vjvector.engine.shard.ShardImage;
import io.vjvector.engine.shard.ShardSpec;
import io.vjvector.engine.replication.ShardReplica;
import io.vjvector.engine.replication.ShardTransfer;
import io.vjvector.engine.storage.CorruptedStorageException;
import io.vjvector.engine.storage.DirectoryTree;
import io.vjvector.engine.storage.Sealer;
import io.vjvector.engine.storage.StorageKeyException;
import io.vjvector.engine.storage.WalOptions;
import io.vjvector.error.ErrorKind;
import io.vjvector.error.VJVectorException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The standalone {@link CollectionService}: every shard of every collection lives in this process,
 * reached through {@link LocalShardHandle}s, either only in memory or durable in a data directory
 * ({@link #open}). Thread-safe.
 *
 * <p>On disk, {@link #open} reads the catalog at once and loads the collections in the
 * background: until a collection is loaded it is listed but answers 503 ("is loading"); if
 * loading fails (a damaged file, a missing key) it keeps answering 503 with the reason, while
 * every other collection serves normally. {@link #loaded()} completes when every collection
 * has been tried.
 *
 * <p>Every operation on a collection also accepts one of its aliases ({@link CollectionAliases}),
 * resolved once per call in {@link #local}; deleting a collection takes collection names only, as
 * in Qdrant. Snapshots resolve an alias first ({@link #resolve}): {@link #capture} and
 * {@link #install} take collection names.
 */
public final class LocalCollectionService implements CollectionService, LocalShardSource, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(LocalCollectionService.class.getName());
    private static final int LOAD_THREADS = 2;

    private final VectorKernels kernels;
    private final Executor fanOut;
    /** The names, settings and aliases of the collections (null in memory). */
    private final Catalog catalog;
    /** Where each collection's files live (null in memory). */
    private final CollectionDirectories directories;
    private final StorageSettings settings;
    private final StorageEvents events;
    private final ConcurrentMap<String, CollectionState> collections = new ConcurrentHashMap<>();
    private final CollectionAliases aliases;
    private final CompletableFuture<Void> loaded = new CompletableFuture<>();
    private final ScheduledExecutorService background;
    private final VacuumOptimizer optimizer;
    private final ShardHandleFactory handleFactory = ShardHandleFactory.fromSystemProperty();
    /** A cluster data node's shard copies (opened as replicas); null on a standalone node. */
    private final LocalReplicas replicas;
    private volatile boolean closed;

    /** A service whose collections live only in memory; reads query shards one after another. */
    public LocalCollectionService(VectorKernels kernels) {
        this(kernels, Runnable::run);
    }

    /**
     * A service whose collections live only in memory.
     *
     * @param fanOut runs the per-shard parts of reads (see {@link ShardedCollection})
     */
    public LocalCollectionService(VectorKernels kernels, Executor fanOut) {
        this.kernels = kernels;
        this.fanOut = fanOut;
        this.catalog = null;
        this.directories = null;
        this.settings = null;
        this.events = StorageEvents.NONE;
        this.background = null;
        this.optimizer = new VacuumOptimizer(kernels, events);
        this.aliases = new CollectionAliases(Map.of());
        this.replicas = null;
        loaded.complete(null);
    }

    private LocalCollectionService(VectorKernels kernels, Executor fanOut, Catalog catalog,
                                   CollectionDirectories directories, StorageSettings settings, StorageEvents events,
                                   LocalReplicas replicas) {
        this.replicas = replicas;
        this.kernels = kernels;
        this.fanOut = fanOut;
        this.catalog = catalog;
        this.directories = directories;
        this.settings = settings;
        this.events = events;
        this.optimizer = new VacuumOptimizer(kernels, events);
        this.aliases = new CollectionAliases(catalog.aliases());
        this.background = Executors.newScheduledThreadPool(LOAD_THREADS, new ThreadFactory() {
            private final AtomicInteger n = new AtomicInteger();

            @Override
            public Thread newThread(Runnable r) {
                Thread t = new Thread(r, "vjvector-storage-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            }
        });
    }

    /**
     * A service over the data directory {@code settings.root()} (created if needed). The catalog
     * is read before this returns; collections load in the background (see the class comment).
     *
     * @throws IOException if the data directory or its catalog cannot be read
     */
    public static LocalCollectionService open(VectorKernels kernels, StorageSettings settings, StorageEvents events)
            throws IOException {
        return open(kernels, Runnable::run, settings, events);
    }

    /**
     * {@link #open(VectorKernels, StorageSettings, StorageEvents)} with reads fanned out to the
     * shards through {@code fanOut} (see {@link ShardedCollection}).
     */
    public static LocalCollectionService open(VectorKernels kernels, Executor fanOut, StorageSettings settings,
                                              StorageEvents events) throws IOException {
        return open(kernels, fanOut, settings, events, null);
    }

    /**
     * {@link #open(VectorKernels, Executor, StorageSettings, StorageEvents)} for a cluster data
     * node: every shard is opened as a replica recorded in {@code replicas} (null: a standalone
     * node's plain shards).
     */
    public static LocalCollectionService open(VectorKernels kernels, Executor fanOut, StorageSettings settings,
                                              StorageEvents events, LocalReplicas replicas) throws IOException {
        CollectionCatalog catalog = CollectionCatalog.open(settings.root());
        LocalCollectionService service = new LocalCollectionService(kernels, fanOut, catalog, catalog, settings,
                events, replicas);
        List<CompletableFuture<Void>> loads = new ArrayList<>();
        for (Catalog.Entry entry : catalog.entries()) {
            service.collections.put(entry.name(), new CollectionState.Loading());
            loads.add(CompletableFuture.runAsync(() -> service.load(entry), service.background));
        }
        CompletableFuture.allOf(loads.toArray(CompletableFuture[]::new))
                .whenComplete((ok, e) -> service.loaded.complete(null));
        long tick = Math.min(1000, Math.max(10, settings.checkpointInterval().toMillis()));
        service.background.scheduleWithFixedDelay(service::checkpointDue, tick, tick, TimeUnit.MILLISECONDS);
        return service;
    }

    private void load(Catalog.Entry entry) {
        String name = entry.name();
        try {
            if (closed) {
                return;
            }
            LocalShards shards = openShards(name, directories.directory(entry), entry.params(),
                    (d, n) -> events.shardOpened(name, n, d.recovery()));
            LocalCollection c = new LocalCollection(new ShardedCollection(name, entry.params(), handles(name, shards), fanOut),
                    shards, entry);
            collections.put(name, new CollectionState.Ready(c));
            optimizer.check(c);
        } catch (Exception | Error e) {
            // Damage and key problems are explained by their message; anything else needs its trace.
            boolean explained = e instanceof CorruptedStorageException || e instanceof StorageKeyException;
            String reason = explained || e instanceof IOException ? String.valueOf(e.getMessage()) : e.toString();
            collections.put(name, new CollectionState.Failed(reason));
            LOG.log(System.Logger.Level.ERROR, "Collection `" + name + "` failed to load and answers 503: " + reason,
                    explained ? null : e);
            events.collectionFailed(name, e);
        }
    }

    /**
     * Cuts the log of this node's copy of shard {@code shardId} of collection {@code name} after
     * sequence {@code last} (where it diverged from its leader's, by leader epoch): closes the
     * collection, truncates the copy's log and epoch history, and opens the collection again from
     * its files, as a restart would. Requests meanwhile answer 503 (loading); if it cannot be
     * opened again it answers 503 with the reason, as after a failed start.
     *
     * @throws VJVectorException UNAVAILABLE when the collection is not loaded here, or this node
     *                           holds no replicated copies
     */
    public void truncateCopy(String name, int shardId, long last) throws IOException {
        withCopyClosed(name, shardId, (shard, options) -> ShardReplica.truncateClosed(shard, options, last));
    }

    /**
     * Stages a copy of shard {@code shardId} of collection {@code name} streamed from its leader
     * ({@link ShardTransfer#receive}) beside this node's copy, which keeps serving meanwhile;
     * {@link #installStagedCopy} then swaps it in.
     *
     * @throws VJVectorException UNAVAILABLE when the collection is not loaded here, or this node
     *                           holds no replicated copies
     */
    public ShardTransfer.Staged stageCopy(String name, int shardId, InputStream transfer) throws IOException {
        Catalog.Entry entry = replicatedEntry(name);
        return ShardTransfer.receive(copyDirectory(entry, shardId), new Sealer(walOptions(entry.params()).keys()),
                transfer);
    }

    /**
     * Replaces this node's copy of shard {@code shardId} of collection {@code name} by the one
     * {@link #stageCopy} staged: closes the collection, swaps the copy in (crash-safe: a crash
     * leaves the old copy or the new one) and opens the collection again, as {@link #truncateCopy}.
     */
    public void installStagedCopy(String name, int shardId) throws IOException {
        withCopyClosed(name, shardId, (shard, options) -> ShardTransfer.swapIn(shard));
    }

    @FunctionalInterface
    private interface ClosedCopyChange {
        void apply(Path shardDirectory, WalOptions options) throws IOException;
    }

    /**
     * Closes collection {@code name}, changes the files of its copy of shard {@code shardId} and
     * opens the collection again from its files. Requests meanwhile answer 503 (loading); if it
     * cannot be opened again it answers 503 with the reason, as after a failed start.
     */
    private synchronized void withCopyClosed(String name, int shardId, ClosedCopyChange change) throws IOException {
        Catalog.Entry entry = replicatedEntry(name);
        LocalCollection collection = ((CollectionState.Ready) collections.get(name)).collection();
        collections.put(name, new CollectionState.Loading());
        replicas.forget(name);
        try {
            collection.close(false, events);
            change.apply(copyDirectory(entry, shardId), walOptions(entry.params()));
        } finally {
            load(entry);
        }
    }

    private Catalog.Entry replicatedEntry(String name) {
        CollectionState state = collections.get(name);
        if (replicas == null || !(state instanceof CollectionState.Ready ready) || ready.collection().entry() == null) {
            throw VJVectorException.unavailable("Collection `" + name + "` has no loaded copies on this node");
        }
        return ready.collection().entry();
    }

    private Path copyDirectory(Catalog.Entry entry, int shardId) {
        return directories.directory(entry).resolve(LocalShards.SHARDS).resolve(Integer.toString(shardId));
    }

    @Override
    public boolean readsInProcess() {
        return true;
    }

    @Override
    public CompletionStage<Void> loaded() {
        return loaded;
    }

    @Override
    public Map<String, String> failedCollections() {
        Map<String, String> failed = new TreeMap<>();
        collections.forEach((name, state) -> {
            if (state instanceof CollectionState.Failed f) {
                failed.put(name, f.reason());
            }
        });
        return failed;
    }

    private List<ShardHandle> handles(String name, LocalShards shards) {
        List<ShardHandle> handles = new ArrayList<>();
        for (int i = 0; i < shards.shards().size(); i++) {
            handles.add(handleFactory.handle(name, i, shards.shards().get(i)));
        }
        return handles;
    }

    @Override
    public void create(String name, CollectionParams params) {
        create(name, params, null);
    }

    /**
     * {@link #create(String, CollectionParams)} with its files in {@code directory} (under the
     * data directory's collections; null: a fresh name). A cluster data node names a copy's
     * directory after the cluster catalog's entry, which is new for every collection created, so
     * it can tell a collection deleted and created again under the same name from the one it holds.
     */
    public void create(String name, CollectionParams params, String directory) {
        CollectionValidation.name(name);
        CollectionValidation.params(params);
        if (!aliases.claim(name, () -> collections.putIfAbsent(name, new CollectionState.Creating()) == null)) {
            throw alreadyExists(name);
        }
        try {
            LocalCollection c = newCollection(name, params, directory);
            collections.put(name, new CollectionState.Ready(c));
        } catch (RuntimeException | Error e) {
            collections.remove(name);
            throw e;
        }
    }

    private static VJVectorException alreadyExists(String name) {
        return VJVectorException.conflict("Collection `" + name + "` already exists!");
    }

    /** The directory of collection {@code name}'s files, as its catalog entry records it; null when unknown or in memory. */
    public String directoryOf(String name) {
        Catalog.Entry entry = catalog == null ? null : catalog.entry(name);
        return entry == null ? null : entry.directory();
    }

    private LocalCollection newCollection(String name, CollectionParams params, String directory) {
        if (catalog == null) {
            LocalShards shards = LocalShards.inMemory(params, kernels);
            return new LocalCollection(new ShardedCollection(name, params, handles(name, shards), fanOut), shards, null);
        }
        Catalog.Entry entry = directory == null ? catalog.newEntry(name, params)
                : new Catalog.Entry(name, directory, params);
        Path dir = directories.directory(entry);
        LocalShards shards = null;
        try {
            shards = openShards(name, dir, params, (d, n) -> { });
            catalog.put(entry);
            return new LocalCollection(new ShardedCollection(name, params, handles(name, shards), fanOut), shards, entry);
        } catch (IOException | RuntimeException e) {
            discard(shards, dir);
            throw storageFailure("create collection `" + name + "`", e);
        }
    }

    private LocalShards openShards(String name, Path dir, CollectionParams params,
                                   java.util.function.ObjIntConsumer<io.vjvector.engine.shard.DurableShard> opened)
            throws IOException {
        WalOptions options = walOptions(params);
        if (replicas == null) {
            return LocalShards.open(dir, params, kernels, options, opened);
        }
        return LocalShards.open(dir, params, kernels, options, opened, replicas.opener(name, options));
    }

    /** The node's log settings with the collection's segment size ({@code wal_config.wal_capacity_mb}) when it has one. */
    private WalOptions walOptions(CollectionParams params) {
        WalOptions node = settings.wal();
        return node.withSegmentBytes(params.settings().wal().segmentBytes(node.segmentBytes()));
    }

    private static void discard(LocalShards shards, Path dir) {
        try {
            if (shards != null) {
                shards.close();
            }
            DirectoryTree.delete(dir);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not remove " + dir + " (removed at the next start)", e);
        }
    }

    private static VJVectorException storageFailure(String what, Exception e) {
        if (e instanceof VJVectorException v) {
            return v;
        }
        return new VJVectorException(ErrorKind.UNAVAILABLE, null, "could not " + what + ": " + e.getMessage(), e);
    }

    /** The collection {@code name} stands for: the target of an alias, otherwise {@code name} itself. */
    public String resolve(String name) {
        return aliases.resolve(name);
    }

    /**
     * A consistent copy of collection {@code name} for a snapshot, captured while its writes are
     * paused: a prefix of its writes, each one whole on every shard. The pause lasts a copy of the
     * graph links (vectors and payloads are shared, being immutable), not a write to disk.
     *
     * @throws VJVectorException NOT_FOUND (or UNAVAILABLE while it loads)
     */
    public CollectionImage capture(String name) {
        LocalCollection c = ready(name, name);
        return c.sharded().withWritesPaused(() -> {
            List<ShardImage> images = new ArrayList<>();
            for (Shard shard : c.shards().shards()) {
                images.add(shard.capture());
            }
            return new CollectionImage(c.sharded().params(), images);
        });
    }

    /** The shard checkpoints of a snapshot, in shard order. */
    @FunctionalInterface
    public interface CheckpointSource {
        /** The plaintext checkpoint of shard {@code n} (see {@link CollectionImage#writeShard}); called for 0, 1, ... in turn. */
        InputStream shard(int n) throws IOException;
    }

    /**
     * Reads a collection with {@code params} from shard checkpoints, in memory and visible to no
     * one (step one of a restore).
     *
     * @throws IOException if a checkpoint cannot be read, is not one this version reads, or does
     *                     not fit {@code params}: the input's fault
     */
    public LoadedCollection load(CollectionParams params, CheckpointSource source) throws IOException {
        CollectionValidation.params(params);
        AtomicLong operationIds = new AtomicLong();
        ShardSpec spec = LocalShards.spec(params, kernels, operationIds);
        List<Shard> shards = new ArrayList<>();
        long last = -1;
        for (int n = 0; n < params.shardNumber(); n++) {
            ShardCheckpoint.Loaded loaded = ShardCheckpoint.read(source.shard(n), "snapshot shard " + n, spec,
                    OperationLog.none());
            shards.add(loaded.shard());
            last = Math.max(last, loaded.lastOperationId());
        }
        operationIds.set(last + 1);
        return new LoadedCollection(params, shards);
    }

    /**
     * Puts {@code loaded} in service as collection {@code name} (step two of a restore), replacing
     * any collection of that name whole: on disk its files are written under a new directory
     * first, then the catalog is switched to it (the commit point: a crash before leaves the old
     * collection, after leaves the new one), then the old collection is closed and its files
     * removed. Writes still running against the old collection may fail.
     *
     * @throws VJVectorException UNAVAILABLE if the name is being created or loaded, or the files
     *                           cannot be written
     */
    public void install(String name, LoadedCollection loaded) {
        CollectionValidation.name(name);
        if (aliases.isAlias(name)) {
            throw VJVectorException.conflict("Alias with the same name `" + name + "` already exists!");
        }
        CollectionParams params = loaded.params();
        LocalCollection restored;
        if (catalog == null) {
            LocalShards shards = LocalShards.inMemory(loaded.shards());
            restored = new LocalCollection(new ShardedCollection(name, params, handles(name, shards), fanOut), shards, null);
        } else {
            Catalog.Entry entry = catalog.newEntry(name, params);
            Path dir = directories.directory(entry);
            LocalShards shards = null;
            try {
                WalOptions wal = walOptions(params);
                shards = LocalShards.open(dir, params, kernels, wal, (d, n) -> { },
                        (n, shardDir, spec) -> DurableShard.restore(shardDir, loaded.shards().get(n), spec, wal));
            } catch (IOException | RuntimeException e) {
                discard(shards, dir);
                throw storageFailure("restore collection `" + name + "`", e);
            }
            restored = new LocalCollection(new ShardedCollection(name, params, handles(name, shards), fanOut), shards, entry);
        }
        swap(name, restored);
    }

    /** Serialised with {@link #delete}, so a restore and a delete of one name never interleave. */
    private synchronized void swap(String name, LocalCollection restored) {
        CollectionState current = collections.get(name);
        if (current instanceof CollectionState.Loading || current instanceof CollectionState.Creating) {
            discard(restored);
            throw VJVectorException.unavailable("Collection `" + name + "` is being created or loaded; restore it once it is ready");
        }
        Catalog.Entry old = catalog == null ? null : catalog.entries().stream()
                .filter(e -> e.name().equals(name)).findFirst().orElse(null);
        boolean[] registered = {false};
        try {
            // Under the aliases' claim, so that an alias of this name cannot be created meanwhile.
            aliases.claim(name, () -> {
                if (catalog != null) {
                    try {
                        catalog.put(restored.entry());
                    } catch (IOException e) {
                        throw storageFailure("record restored collection `" + name + "`", e);
                    }
                }
                collections.put(name, new CollectionState.Ready(restored));
                registered[0] = true;
                return true;
            });
        } finally {
            if (!registered[0]) {
                discard(restored);
            }
        }
        try {
            if (current instanceof CollectionState.Ready ready) {
                ready.collection().close(false, events);
            }
            if (old != null) {
                DirectoryTree.delete(directories.directory(old));
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not remove the replaced files of `" + name
                    + "` (removed at the next start)", e);
        }
    }

    private void discard(LocalCollection c) {
        try {
            c.close(false, events);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not close a discarded restore of `" + c.sharded().name() + "`", e);
        }
        if (c.entry() != null) {
            discard(null, directories.directory(c.entry()));
        }
    }

    /**
     * Deletes a collection: from the catalog first (the commit point), then its files. A
     * collection still loading cannot be deleted (503); a failed one can.
     */
    @Override
    public synchronized boolean delete(String name) {
        if (name == null) {
            return false;
        }
        CollectionState state = collections.get(name);
        if (state instanceof CollectionState.Loading) {
            throw VJVectorException.unavailable("Collection `" + name + "` is loading; delete it once it is loaded");
        }
        if (state == null || state instanceof CollectionState.Creating || !collections.remove(name, state)) {
            return false;
        }
        if (replicas != null) {
            replicas.forget(name);
        }
        if (catalog == null) {
            aliases.dropCollection(name, next -> { });
            return true;
        }
        try {
            Catalog.Entry entry = catalog.entries().stream().filter(e -> e.name().equals(name))
                    .findFirst().orElse(null);
            if (state instanceof CollectionState.Ready ready) {
                ready.collection().close(false, events);
            }
            // One catalog write drops the collection and its aliases together.
            aliases.dropCollection(name, next -> catalog.remove(name, next));
            if (entry != null) {
                DirectoryTree.delete(directories.directory(entry));
            }
        } catch (IOException e) {
            throw storageFailure("delete the files of collection `" + name + "`", e);
        }
        return true;
    }

    /**
     * Shard {@code shardId} of collection {@code name} (not an alias: shard calls between nodes
     * name collections), as this node holds it: the target of calls from other nodes. Calls
     * through it go straight to the shard, past the collection's routing (they are routed
     * already) and past {@link #capture}'s pause of writes.
     *
     * @throws VJVectorException NOT_FOUND for an unknown collection or shard number,
     *                           UNAVAILABLE for a collection that is loading or failed to load
     */
    @Override
    public ShardHandle localShard(String name, int shardId) {
        LocalCollection c = ready(name, name);
        List<Shard> shards = c.shards().shards();
        if (shardId < 0 || shardId >= shards.size()) {
            throw VJVectorException.notFound("Collection `" + name + "` has no shard " + shardId);
        }
        return new LocalShardHandle(shardId, shards.get(shardId));
    }

    @Override
    public CollectionInfo info(String name) {
        return collection(name).info();
    }

    @Override
    public UpdateResult addVector(String name, String vectorName, VectorsConfig.DenseVector dense,
                                  VectorsConfig.SparseVector sparse) {
        LocalCollection c = local(name);
        synchronized (c) {
            addVectorField(c, name, vectorName,
                    CollectionChanges.addVector(c.sharded().params(), vectorName, dense, sparse), nextVersion(c));
            return c.sharded().noOperation();
        }
    }

    @Override
    public UpdateResult deleteVector(String name, String vectorName) {
        LocalCollection c = local(name);
        synchronized (c) {
            dropVectorField(c, name, vectorName, CollectionChanges.dropVector(c.sharded().params(), name, vectorName),
                    nextVersion(c));
            return c.sharded().noOperation();
        }
    }

    /** Adds field {@code vectorName} of {@code next} to the shards and records {@code next}; under the collection's lock. */
    private void addVectorField(LocalCollection c, String name, String vectorName, CollectionParams next,
                                long version) {
        // The catalog first: a restart before the shards have the field creates it empty.
        record(c, name, next, version);
        c.sharded().addVectorField(vectorName, next);
        try {
            c.vectorFieldsChanged(events);
        } catch (IOException e) {
            throw storageFailure("checkpoint collection `" + name + "` after adding a vector", e);
        }
    }

    /** Drops field {@code vectorName} from the shards and records {@code next}; under the collection's lock. */
    private void dropVectorField(LocalCollection c, String name, String vectorName, CollectionParams next,
                                 long version) {
        // The shards first, checkpointed without the field, then the catalog: a restart in
        // between finds the field in the catalog and creates it empty.
        c.sharded().dropVectorField(vectorName, next);
        try {
            c.vectorFieldsChanged(events);
        } catch (IOException e) {
            throw storageFailure("checkpoint collection `" + name + "` after deleting a vector", e);
        }
        record(c, name, next, version);
    }

    /**
     * Brings this node's copy of collection {@code name} to the cluster catalog's {@code target}
     * settings (a cluster data node, when its watch shows a newer config version than its copy
     * has): drops and adds vector fields and puts the settings in force through the same steps as
     * {@link #deleteVector}, {@link #addVector} and {@link #update}, then records {@code target}
     * with its config version in this node's catalog. A crash half-way leaves an older version
     * recorded, so the next start applies the rest (each step finds its part done or not).
     *
     * @return whether anything was changed (false: the copy was at that version or newer)
     * @throws VJVectorException NOT_FOUND, or UNAVAILABLE while the collection loads
     */
    public boolean applyConfig(String name, Catalog.Entry target) {
        LocalCollection c = ready(name, name);
        synchronized (c) {
            if (configVersion(c) >= target.configVersion()) {
                return false;
            }
            CollectionChanges.Plan plan = CollectionChanges.plan(c.sharded().params(), target.params());
            long version = configVersion(c);
            for (String dropped : plan.drops()) {
                CollectionParams p = c.sharded().params();
                dropVectorField(c, name, dropped, p.withVectors(p.vectors().without(dropped)), version);
            }
            plan.adds().forEach((added, next) -> addVectorField(c, name, added, next, version));
            configure(c, name, target.params(), target.configVersion());
        }
        optimizer.check(c);
        return true;
    }

    /**
     * The config version this node's copy of collection {@code name} has applied (see
     * {@link Catalog.Entry#configVersion}); -1 when it holds no loaded copy of it.
     */
    @Override
    public long configVersion(String name) {
        CollectionState state = collections.get(name);
        return state instanceof CollectionState.Ready ready ? configVersion(ready.collection()) : -1;
    }

    private static long configVersion(LocalCollection c) {
        return c.entry() == null ? 0 : c.entry().configVersion();
    }

    private static long nextVersion(LocalCollection c) {
        return configVersion(c) + 1;
    }

    /** Persists {@code params} at {@code version} as the collection's catalog entry (nothing for a collection in memory). */
    private void record(LocalCollection c, String name, CollectionParams params, long version) {
        if (catalog != null && c.entry() != null) {
            Catalog.Entry entry = new Catalog.Entry(name, c.entry().directory(), params, version);
            try {
                catalog.put(entry);
            } catch (IOException e) {
                throw storageFailure("record the settings of collection `" + name + "`", e);
            }
            c.setEntry(entry);
        }
    }

    @Override
    public CollectionParams params(String name) {
        return collection(name).params();
    }

    @Override
    public UpdateResult updateVectors(String name, List<PointVectors> points) {
        LocalCollection c = local(name);
        UpdateResult result = c.sharded().updateVectors(points);
        optimizer.check(c);
        return result;
    }

    @Override
    public UpdateResult deleteVectors(String name, PointSelector selector, java.util.Set<String> vectorNames) {
        LocalCollection c = local(name);
        UpdateResult result = c.sharded().deleteVectors(selector, vectorNames);
        optimizer.check(c);
        return result;
    }

    @Override
    public List<String> list() {
        List<String> names = new ArrayList<>();
        collections.forEach((name, state) -> {
            if (!(state instanceof CollectionState.Creating)) {
                names.add(name);
            }
        });
        names.sort(null);
        return names;
    }

    @Override
    public boolean exists(String name) {
        return isCollection(aliases.resolve(name));
    }

    private boolean isCollection(String name) {
        CollectionState state = name == null ? null : collections.get(name);
        return state != null && !(state instanceof CollectionState.Creating);
    }

    @Override
    public void updateAliases(List<AliasAction> actions) {
        aliases.update(actions, this::isCollection, collections::containsKey,
                catalog == null ? next -> { } : catalog::putAliases);
    }

    @Override
    public Map<String, String> aliases() {
        return aliases.all();
    }

    @Override
    public Map<String, String> aliases(String collection) {
        String name = aliases.resolve(collection);
        if (!isCollection(name)) {
            throw VJVectorException.notFound("Collection `" + collection + "` doesn't exist!");
        }
        return aliases.of(name);
    }

    /** Applies changed settings and, on disk, records them in the catalog. */
    @Override
    public void update(String name, CollectionParamsUpdate update) {
        LocalCollection c = local(name);
        updateSettings(c, name, update);
        optimizer.check(c);
    }

    private void updateSettings(LocalCollection c, String name, CollectionParamsUpdate update) {
        synchronized (c) {
            configure(c, name, CollectionChanges.update(c.sharded().params(), update), nextVersion(c));
        }
    }

    /** Puts {@code next} (the same vector fields) in force and records it; under the collection's lock. */
    private void configure(LocalCollection c, String name, CollectionParams next, long version) {
        c.sharded().configure(next);
        record(c, name, next, version);
    }

    @Override
    public UpdateResult upsert(String name, List<PointStruct> points) {
        LocalCollection c = local(name);
        UpdateResult result = c.sharded().upsert(points);
        optimizer.check(c);
        return result;
    }

    @Override
    public UpdateResult deletePoints(String name, PointSelector selector) {
        LocalCollection c = local(name);
        UpdateResult result = c.sharded().deletePoints(selector);
        optimizer.check(c);
        return result;
    }

    @Override
    public List<PointRecord> retrieve(String name, List<PointId> ids, WithPayload withPayload,
                                      io.vjvector.engine.shard.VectorSelection withVector) {
        return collection(name).retrieve(ids, withPayload, withVector);
    }

    @Override
    public UpdateResult setPayload(String name, ObjectNode payload, PointSelector selector, String key) {
        return collection(name).setPayload(selector, payload, key);
    }

    @Override
    public UpdateResult overwritePayload(String name, ObjectNode payload, PointSelector selector) {
        return collection(name).updatePayload(selector, new PayloadUpdate.Overwrite(payload));
    }

    @Override
    public UpdateResult deletePayload(String name, List<String> keys, PointSelector selector) {
        return collection(name).deletePayload(selector, keys);
    }

    @Override
    public UpdateResult clearPayload(String name, PointSelector selector) {
        return collection(name).updatePayload(selector, new PayloadUpdate.Clear());
    }

    @Override
    public List<ScoredPoint> search(String name, SearchRequest request) {
        return collection(name).search(request);
    }

    @Override
    public List<ScoredPoint> recommend(String name, RecommendRequest request) {
        return collection(name).recommend(request);
    }

    @Override
    public ScrollResult scroll(String name, ScrollRequest request) {
        return collection(name).scroll(request);
    }

    @Override
    public long count(String name, Filter filter) {
        return collection(name).count(filter);
    }

    @Override
    public UpdateResult createFieldIndex(String name, String key, PayloadFieldSchema schema) {
        return collection(name).createFieldIndex(key, schema);
    }

    @Override
    public UpdateResult deleteFieldIndex(String name, String key) {
        return collection(name).deleteFieldIndex(key);
    }

    @Override
    public UpdateResult upsert(String name, List<PointStruct> points, Filter updateFilter) {
        LocalCollection c = local(name);
        UpdateResult result = c.sharded().upsert(points, updateFilter);
        optimizer.check(c);
        return result;
    }

    @Override
    public List<FacetHit> facet(String name, String key, Filter filter, int limit) {
        return collection(name).facet(key, filter, limit);
    }

    @Override
    public List<OrderedRecord> scrollOrdered(String name, OrderedScrollRequest request) {
        return collection(name).scrollOrdered(request);
    }

    @Override
    public List<PointGroup> searchGroups(String name, SearchRequest request, GroupRequest groups) {
        ShardedCollection c = collection(name);
        return GroupLookup.add(c.searchGroups(request, groups), groups.lookup(), this::retrieve);
    }

    @Override
    public List<PointGroup> recommendGroups(String name, RecommendRequest request, GroupRequest groups) {
        ShardedCollection c = collection(name);
        return GroupLookup.add(c.recommendGroups(request, groups), groups.lookup(), this::retrieve);
    }

    @Override
    public DistanceMatrix searchMatrix(String name, Filter filter, int sample, int limit) {
        return collection(name).searchMatrix(filter, sample, limit);
    }

    private ShardedCollection collection(String name) {
        return local(name).sharded();
    }

    /**
     * @throws VJVectorException NOT_FOUND for an unknown collection, UNAVAILABLE for one that is
     *                           loading or failed to load
     */
    private LocalCollection local(String name) {
        return ready(name, aliases.resolve(name));
    }

    /** The collection {@code name}, asked for as {@code asked} (itself or one of its aliases). */
    private LocalCollection ready(String asked, String name) {
        CollectionState state = name == null ? null : collections.get(name);
        if (state instanceof CollectionState.Ready ready) {
            return ready.collection();
        }
        if (state instanceof CollectionState.Loading) {
            throw VJVectorException.unavailable("Collection `" + name + "` is loading, try again shortly");
        }
        if (state instanceof CollectionState.Failed failed) {
            throw VJVectorException.unavailable("Collection `" + name + "` is unavailable: it failed to load: "
                    + failed.reason());
        }
        throw VJVectorException.notFound("Collection `" + asked + "` doesn't exist!");
    }

    /** Runs the checkpoint policy and the optimizer check over every loaded collection (on the background thread). */
    private void checkpointDue() {
        long now = System.nanoTime();
        for (CollectionState state : collections.values()) {
            if (closed) {
                return;
            }
            if (state instanceof CollectionState.Ready ready) {
                ready.collection().checkpointDue(settings, now, events);
                // Also catches a shard that became due while a rebuild ran or a retry delay passed.
                optimizer.check(ready.collection());
            }
        }
    }

    /**
     * Stops background work and closes every collection; on disk, first checkpoints the shards
     * with unsaved log records when the settings ask for it. The service must not be used afterwards.
     */
    @Override
    public void close() throws IOException {
        closed = true;
        optimizer.close();
        if (background != null) {
            background.shutdown();
            try {
                if (!background.awaitTermination(10, TimeUnit.MINUTES)) {
                    LOG.log(System.Logger.Level.WARNING, "storage work still running at shutdown");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        IOException failure = null;
        for (CollectionState state : collections.values()) {
            if (state instanceof CollectionState.Ready ready) {
                try {
                    ready.collection().close(settings != null && settings.checkpointOnClose(), events);
                } catch (IOException e) {
                    failure = failure == null ? e : failure;
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
