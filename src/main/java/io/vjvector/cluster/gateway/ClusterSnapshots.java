package io.vjvector.cluster.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vjvector.collection.CollectionInfo;
import io.vjvector.collection.CollectionParams;
import io.vjvector.collection.CollectionService;
import io.vjvector.collection.CollectionValidation;
import io.vjvector.collection.LocalCollectionService;
import io.vjvector.collection.PointRecord;
import io.vjvector.collection.PointStruct;
import io.vjvector.collection.ScrollRequest;
import io.vjvector.collection.ScrollResult;
import io.vjvector.collection.WithPayload;
import io.vjvector.collection.snapshot.CollectionSnapshots;
import io.vjvector.collection.snapshot.SnapshotDescription;
import io.vjvector.collection.snapshot.SnapshotLocations;
import io.vjvector.collection.snapshot.SnapshotStore;
import io.vjvector.collection.snapshot.Snapshots;
import io.vjvector.engine.kernels.VectorKernels;
import io.vjvector.engine.point.PointId;
import io.vjvector.engine.storage.Sealer;
import io.vjvector.error.ErrorKind;
import io.vjvector.error.VJVectorException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Collection snapshots of a cluster, served by every cluster role: a snapshot file in the
 * standalone format (so it restores on a standalone node), and a standalone node's snapshot
 * restored into a cluster collection with any shard count (points re-spread by hash). Files live
 * in this node's snapshots directory: each node lists, serves and deletes the files it wrote or
 * received.
 *
 * <p><b>Creating</b> a snapshot reads the collection through the cluster's collection service
 * (a scroll of every shard, with vectors and payloads, pages of {@value #PAGE}) into a scratch
 * in-memory collection with the same settings and shard count, and writes that as a standalone
 * node writes its snapshots. Why not gather each shard leader's own checkpoint instead: the file
 * would then hold the graphs as built and need no rebuild, but it needs a streaming internal
 * call on every data node and a capture of a shard that the leader pauses writes for; the scroll
 * uses only the calls every gateway already makes, and one piece of code (the standalone
 * snapshot writer) produces every snapshot file. The price is memory and CPU on this node: the
 * whole collection is held here while the file is written, and its HNSW graphs are built again.
 *
 * <p>What a snapshot of a live collection holds: <em>not</em> one instant. Every write
 * acknowledged before the snapshot began is in it, unless a later write changed or deleted that
 * point before the scroll reached it; each point is in it whole (as one copy of its shard held it
 * when the page was read) or not at all, and at most once; writes that run during the snapshot
 * may or may not be in it, independently of each other (two points written by one request can be
 * split), and a point that a read copy had applied but its leader had not yet acknowledged can be
 * in it. For a point-in-time copy, stop writing while it is taken.
 *
 * <p><b>Restoring</b> reads and checks the whole file first (into a scratch in-memory collection,
 * as a standalone restore does: a damaged file changes nothing), then writes its points through
 * the cluster's collection service in batches of {@value #BATCH}, each routed to its shard by
 * hash, so the target's shard count may differ from the snapshot's. The target collection:
 * <ul>
 *   <li>absent: created with the snapshot's settings (its shard count and replication factor
 *       included);</li>
 *   <li>present and empty, with the snapshot's vectors: filled, keeping its own settings, so that
 *       creating it first (with {@code shard_number}, {@code replication_factor}) chooses how
 *       the points are spread;</li>
 *   <li>present with points: refused (409). A cluster cannot swap a collection in one step as a
 *       standalone node does; delete it first.</li>
 * </ul>
 * Payload indexes of the snapshot are created before the points are written. A restore that
 * fails while writing (a shard without a leader for longer than {@value #WRITE_PATIENCE_SECONDS}
 * seconds) answers 503 and leaves the points written so far; writing the same snapshot again
 * completes it (upserts are idempotent).
 */
public final class ClusterSnapshots implements Snapshots {

    private static final System.Logger LOG = System.getLogger(ClusterSnapshots.class.getName());
    static final int PAGE = 1_000;
    static final int BATCH = 256;
    static final int WRITE_PATIENCE_SECONDS = 30;

    private final CollectionService cluster;
    private final VectorKernels kernels;
    private final SnapshotStore store;
    private final SnapshotLocations locations;
    private final Sealer sealer;
    private final ObjectMapper mapper;
    private final Clock clock;

    /**
     * @param cluster every collection of the cluster under its stored name (the gateway's service)
     * @param kernels for the scratch collections snapshot files are read into and written from
     */
    public ClusterSnapshots(CollectionService cluster, VectorKernels kernels, SnapshotStore store,
                            SnapshotLocations locations, Sealer sealer, ObjectMapper mapper, Clock clock) {
        this.cluster = cluster;
        this.kernels = kernels;
        this.store = store;
        this.locations = locations;
        this.sealer = sealer;
        this.mapper = mapper;
        this.clock = clock;
    }

    @Override
    public SnapshotDescription create(String asked) {
        String name = resolve(asked);
        CollectionParams params = cluster.params(name);
        return withScratch(scratch -> {
            scratch.create(name, params);
            copyIndexes(cluster.info(name), scratch, name);
            long points = 0;
            PointId offset = null;
            do {
                ScrollRequest next = new ScrollRequest(null, PAGE, offset, WithPayload.ALL, true);
                ScrollResult page = guarded("reading", name, () -> cluster.scroll(name, next));
                scratch.upsert(name, structs(page.points()));
                points += page.points().size();
                offset = page.nextPageOffset();
            } while (offset != null);
            LOG.log(System.Logger.Level.INFO, "Read {0} points of cluster collection `{1}` for a snapshot", points, name);
            return standalone(scratch).create(name);
        });
    }

    @Override
    public Path directory() {
        return store.root();
    }

    @Override
    public List<SnapshotDescription> list(String asked) {
        return store.listed(requireKnown(asked));
    }

    @Override
    public Path file(String asked, String snapshot) {
        return store.existing(requireKnown(asked), snapshot);
    }

    @Override
    public void delete(String asked, String snapshot) {
        store.deleteExisting(requireKnown(asked), snapshot);
    }

    @Override
    public void recover(String asked, String location, String checksum, String priority) {
        String name = resolve(asked);
        CollectionValidation.name(name);
        withScratch(scratch -> {
            standalone(scratch).recover(name, location, checksum, priority);
            fill(name, scratch);
            return null;
        });
    }

    @Override
    public void recoverUploaded(String asked, Path file, String checksum, String priority) {
        String name = resolve(asked);
        CollectionValidation.name(name);
        withScratch(scratch -> {
            standalone(scratch).recoverUploaded(name, file, checksum, priority);
            fill(name, scratch);
            return null;
        });
    }

    /** Writes the points of the scratch collection {@code name} into the cluster's collection of that name. */
    private void fill(String name, LocalCollectionService scratch) {
        CollectionParams snapshot = scratch.params(name);
        if (cluster.exists(name)) {
            CollectionParams target = cluster.params(name);
            if (!target.vectors().equals(snapshot.vectors())) {
                throw VJVectorException.badRequest("snapshot", "collection `" + name + "` has other vectors than the"
                        + " snapshot's (" + target.vectors() + " against " + snapshot.vectors() + ")");
            }
            long held = guarded("counting", name, () -> cluster.count(name, null));
            if (held > 0) {
                throw VJVectorException.conflict("collection `" + name + "` holds " + held + " points: a cluster restores"
                        + " into a new or empty collection only; delete it first");
            }
        } else {
            cluster.create(name, snapshot);
        }
        copyIndexes(scratch.info(name), cluster, name);
        long written = 0;
        PointId offset = null;
        do {
            ScrollResult page = scratch.scroll(name, new ScrollRequest(null, BATCH, offset, WithPayload.ALL, true));
            if (!page.points().isEmpty()) {
                List<PointStruct> batch = structs(page.points());
                guarded("writing", name, () -> cluster.upsert(name, batch));
                written += batch.size();
            }
            offset = page.nextPageOffset();
        } while (offset != null);
        LOG.log(System.Logger.Level.INFO, "Cluster collection `{0}` ({1} shards, replication factor {2}) restored"
                + " from a snapshot: {3} points", name, cluster.params(name).shardNumber(),
                cluster.params(name).replicationFactor(), written);
    }

    private void copyIndexes(CollectionInfo from, CollectionService to, String name) {
        for (Map.Entry<String, CollectionInfo.PayloadFieldInfo> index : from.payloadSchema().entrySet()) {
            guarded("indexing", name, () -> to.createFieldIndex(name, index.getKey(), index.getValue().schema()));
        }
    }

    private static List<PointStruct> structs(List<PointRecord> records) {
        List<PointStruct> out = new ArrayList<>(records.size());
        for (PointRecord r : records) {
            out.add(new PointStruct(r.id(), r.vectors() == null ? Map.of() : r.vectors(), r.payload()));
        }
        return out;
    }

    /**
     * Runs a call to the cluster, retried while it answers 503 (a new collection's shards elect
     * their leaders after it is created; a failover takes a lease TTL) for up to
     * {@value #WRITE_PATIENCE_SECONDS} s. Retrying a write is safe here: every one is an upsert
     * of whole points or an index creation. Anything the cluster throws that is not one of its
     * answers becomes a 503, so that no snapshot call answers 500 for a cluster's failure.
     */
    private <T> T guarded(String what, String name, Supplier<T> call) {
        long deadline = System.nanoTime() + Duration.ofSeconds(WRITE_PATIENCE_SECONDS).toNanos();
        while (true) {
            try {
                return call.get();
            } catch (VJVectorException e) {
                boolean retriable = e.kind() == ErrorKind.UNAVAILABLE || e.kind() == ErrorKind.NOT_LEADER;
                if (!retriable || System.nanoTime() > deadline) {
                    throw e.kind() == ErrorKind.NOT_LEADER ? unavailable(what, name, e) : e;
                }
            } catch (RuntimeException e) {
                throw unavailable(what, name, e);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw VJVectorException.unavailable("interrupted while " + what + " collection `" + name + "`");
            }
        }
    }

    private static VJVectorException unavailable(String what, String name, Exception cause) {
        return new VJVectorException(ErrorKind.UNAVAILABLE, null, "the cluster failed while " + what + " collection `"
                + name + "` for a snapshot: " + cause.getMessage(), cause);
    }

    /** A standalone snapshot writer and reader over {@code scratch}, on this node's snapshots directory. */
    private CollectionSnapshots standalone(LocalCollectionService scratch) {
        return new CollectionSnapshots(scratch, store, locations, sealer, mapper, clock);
    }

    private <T> T withScratch(Function<LocalCollectionService, T> work) {
        LocalCollectionService scratch = new LocalCollectionService(kernels);
        try {
            return work.apply(scratch);
        } finally {
            try {
                scratch.close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "could not close a scratch collection", e);
            }
        }
    }

    private String resolve(String name) {
        return name == null ? null : cluster.aliases().getOrDefault(name, name);
    }

    /** The collection's name; NOT_FOUND when neither it nor snapshots of it exist here. */
    private String requireKnown(String asked) {
        String name = resolve(asked);
        if (name == null || !cluster.exists(name) && !knownDirectory(name)) {
            throw VJVectorException.notFound("Collection `" + asked + "` doesn't exist!");
        }
        return name;
    }

    private boolean knownDirectory(String name) {
        try {
            CollectionValidation.name(name);
        } catch (VJVectorException e) {
            return false;
        }
        return store.hasDirectory(name);
    }
}
