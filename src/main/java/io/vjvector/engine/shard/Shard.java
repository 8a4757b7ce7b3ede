package io.vjvector.engine.shard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vjvector.engine.filter.Filter;
import io.vjvector.engine.filter.PayloadFieldSchema;
import io.vjvector.engine.filter.PayloadSchemaType;
import io.vjvector.engine.index.IndexConfig;
import io.vjvector.engine.index.VectorIndex;
import io.vjvector.engine.kernels.VectorKernels;
import io.vjvector.engine.point.PointId;
import io.vjvector.error.ErrorKind;
import io.vjvector.error.VJVectorException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * One shard: vectors in a {@link VectorIndex}, an id ↔ ordinal tracker, immutable payloads and
 * versions per ordinal, and payload field indexes.
 *
 * <p><b>Writes.</b> Each write is resolved to a {@link ShardOperation} that names its points
 * (a filter is evaluated first), recorded in the shard's {@link OperationLog} and only then
 * applied, all under one lock, so the log order is the apply order and replaying the log
 * rebuilds the same state. The write returns once the record is durable as the log promises;
 * the wait happens after the lock is released, so concurrent writers share fsyncs. A write is
 * visible to searches slightly before it is acknowledged (between apply and fsync).
 *
 * <p>If recording, applying or syncing fails, what the log holds and what memory holds may
 * differ, so the shard refuses every later read and write (503) until it is reopened, which
 * recovers from the log.
 *
 * <p><b>Reads</b> never take the lock: they see every write that returned before they started and
 * possibly parts of a write running concurrently (a batch is not isolated from readers), but never
 * a deleted or replaced version of a point (see {@link IdTracker}).
 *
 * <p>An upsert of an existing id stores the vector under a new ordinal and tombstones the old one,
 * so a concurrent search sees either the old or the new point, never a torn one. Replaced and
 * deleted vectors stay in the index as tombstones until {@link #rebuild} replaces the shard's
 * whole {@link ShardState} with one that holds only the live points.
 */
public final class Shard {

    /** Operations a rebuild may still re-apply inside its swap pause; more are caught up before it. */
    private static final int CATCH_UP_IN_PAUSE = 64;
    /** Rounds of catching up before the swap takes whatever is left (writes may outpace a round). */
    private static final int MAX_CATCH_UP_ROUNDS = 8;

    private static final System.Logger LOG = System.getLogger(Shard.class.getName());

    /**
     * The operation id source of a shard whose operations are numbered by their sequence in its
     * own log, not by a counter shared with other shards: a replicated shard's, whose leader
     * numbers each write and whose copies hold the leader's records at the leader's sequences, so
     * every copy knows a write by the same id, and ids keep increasing when leadership moves (a
     * new leader continues the log). Pass it where a shard takes {@code operationIds}.
     */
    public static final LongSupplier LOG_SEQUENCE = () -> {
        throw new IllegalStateException("operation ids come from the shard's log");
    };

    /** Replaced whole by {@link #rebuild}; a read takes it once and works on that state to the end. */
    private volatile ShardState state;
    private final AtomicBoolean rebuilding = new AtomicBoolean();
    private final LongSupplier operationIds;
    private final OperationLog log;
    private final ReentrantLock writeLock = new ReentrantLock();
    private volatile SearchDefaults searchDefaults;
    private volatile VJVectorException failure;
    // Guarded by writeLock.
    private long appliedSequence;
    private long lastOperationId = -1;
    /** Operations applied while a rebuild builds its new state, null when none runs. */
    private List<ShardRebuild.Committed> sinceCapture;

    /**
     * A shard that lives only in memory.
     *
     * @param operationIds source of the collection's operation ids, called under this shard's write
     *                     lock (so ids increase along this shard's write order)
     */
    public Shard(VectorIndex index, SearchDefaults searchDefaults, LongSupplier operationIds) {
        this(index, searchDefaults, operationIds, OperationLog.none());
    }

    /** A shard whose one vector field is the unnamed dense vector held by {@code index}. */
    static ShardVectors single(VectorIndex index) {
        IndexConfig config = new IndexConfig(index.dimension(), index.distance(),
                index.graphM() == 0 ? IndexConfig.DEFAULT_M : index.graphM(), IndexConfig.DEFAULT_EF_CONSTRUCT,
                index.graphM() == 0);
        return new ShardVectors(Map.of(VectorFieldSpec.DEFAULT_NAME,
                new DenseField(new VectorFieldSpec.Dense(config, null), index)), null);
    }

    /**
     * A shard that records every write in {@code log} before applying it.
     *
     * @param operationIds source of the collection's operation ids, called under this shard's write
     *                     lock (so ids increase along this shard's write order), or
     *                     {@link #LOG_SEQUENCE} to number operations by their sequence in {@code log}
     */
    public Shard(VectorIndex index, SearchDefaults searchDefaults, LongSupplier operationIds, OperationLog log) {
        this(single(index), searchDefaults, operationIds, log);
    }

    /** A shard over {@code vectors} (empty, or loaded from a checkpoint), recording into {@code log}. */
    Shard(ShardVectors vectors, SearchDefaults searchDefaults, LongSupplier operationIds, OperationLog log) {
        this.state = new ShardState(vectors);
        this.searchDefaults = searchDefaults;
        this.operationIds = operationIds;
        this.log = log;
    }

    /** Changes the search defaults for searches that start from now on. */
    public void setSearchDefaults(SearchDefaults defaults) {
        this.searchDefaults = defaults;
    }

    public SearchDefaults searchDefaults() {
        return searchDefaults;
    }

    /** The vector fields, by name, with the settings their indexes were built with (a loaded graph keeps its m). */
    public Map<String, VectorFieldSpec> builtWith() {
        Map<String, VectorFieldSpec> out = new LinkedHashMap<>();
        state.vectors.fields().forEach((name, field) -> out.put(name, withGraphM(field)));
        return out;
    }

    private static VectorFieldSpec withGraphM(VectorField field) {
        if (field.spec() instanceof VectorFieldSpec.Dense d && field.graphM() != 0) {
            IndexConfig c = d.index();
            return new VectorFieldSpec.Dense(new IndexConfig(c.dimension(), c.distance(), field.graphM(),
                    c.efConstruct(), c.exactOnly(), c.quantization(), c.onDisk()), d.datatype());
        }
        return field.spec();
    }

    /**
     * Inserts or replaces points as one operation. When an id occurs twice in the batch, the last
     * occurrence wins. All vectors are validated before anything is applied.
     *
     * @return the operation id
     * @throws VJVectorException BAD_REQUEST for a vector of the wrong size or with a non-finite value
     */
    public long upsert(List<PointWrite> points) {
        ShardOperation upsert = new ShardOperation.Upsert(checkedUnique(points));
        // Encoded before taking the lock: it does not depend on the shard's state.
        byte[] record = log.records() ? OperationCodec.encode(upsert) : null;
        return commit(() -> upsert, record);
    }

    /**
     * Qdrant's conditional upsert ({@code update_filter}): a point whose id is new is inserted; a
     * point whose id exists replaces it only if the existing point matches {@code updateFilter},
     * and is dropped otherwise. Decided under the write lock, so no write slips between the test
     * and the replacement; the log holds only the points kept, so replay needs no filter.
     *
     * @param updateFilter null = a plain {@link #upsert(List)}
     * @return the operation id
     * @throws VJVectorException BAD_REQUEST for a vector of the wrong size or with a non-finite value
     */
    public long upsert(List<PointWrite> points, Filter updateFilter) {
        if (updateFilter == null) {
            return upsert(points);
        }
        List<PointWrite> unique = checkedUnique(points);
        return commit(() -> {
            IdTracker tracker = state.tracker;
            Filter bound = state.matcher.bind(updateFilter);
            List<PointWrite> kept = new ArrayList<>(unique.size());
            for (PointWrite p : unique) {
                int ord = tracker.ordinalOf(p.id());
                PointSlot slot = ord < 0 ? null : tracker.liveSlot(ord);
                if (slot == null || bound.test(slot.id(), slot.payload())) {
                    kept.add(p);
                }
            }
            return new ShardOperation.Upsert(kept);
        }, null);
    }

    /** Validates every vector, then keeps the last occurrence of each id (in first-seen order). */
    private List<PointWrite> checkedUnique(List<PointWrite> points) {
        Map<String, VectorFieldSpec> specs = state.vectors.specs();
        for (PointWrite p : points) {
            VectorValidator.check(p.vectors(), specs, "vector");
        }
        Map<PointId, PointWrite> unique = new LinkedHashMap<>();
        for (PointWrite p : points) {
            unique.remove(p.id());
            unique.put(p.id(), p);
        }
        return new ArrayList<>(unique.values());
    }

    /**
     * Sets the given vectors of existing points, keeping their other vectors and payload.
     *
     * @throws VJVectorException NOT_FOUND naming the first absent id, BAD_REQUEST for a vector that
     *                           does not fit its field; nothing is changed then
     */
    public long updateVectors(List<VectorsUpdate> points) {
        Map<String, VectorFieldSpec> specs = state.vectors.specs();
        Map<PointId, VectorsUpdate> unique = new LinkedHashMap<>();
        for (VectorsUpdate p : points) {
            VectorValidator.check(p.vectors(), specs, "vector");
            unique.merge(p.id(), p, (a, b) -> {
                Map<String, io.vjvector.engine.index.VectorValue> merged = new LinkedHashMap<>(a.vectors());
                merged.putAll(b.vectors());
                return new VectorsUpdate(a.id(), merged);
            });
        }
        return commit(() -> {
            requirePresent(unique.keySet());
            return new ShardOperation.UpdateVectors(new ArrayList<>(unique.values()));
        }, null);
    }

    /**
     * Removes the named vectors from the given points (absent names are ignored).
     *
     * @throws VJVectorException NOT_FOUND naming the first absent id; nothing is changed then
     */
    public long deleteVectors(List<PointId> ids, java.util.Set<String> names) {
        return commit(() -> {
            requirePresent(ids);
            return new ShardOperation.DeleteVectors(new ArrayList<>(new LinkedHashSet<>(ids)), names);
        }, null);
    }

    /** Removes the named vectors from every point matching {@code filter}. */
    public long deleteVectors(Filter filter, java.util.Set<String> names) {
        return commit(() -> new ShardOperation.DeleteVectors(matchingIds(filter), names), null);
    }

    private void requirePresent(java.util.Collection<PointId> ids) {
        IdTracker tracker = state.tracker;
        for (PointId id : ids) {
            if (tracker.ordinalOf(id) < 0) {
                throw VJVectorException.notFound("No point with id " + id + " found");
            }
        }
    }

    /**
     * Adds vector field {@code name} (Qdrant's create vector name): every existing point lacks it
     * until its vectors are updated. The schema change is the collection's to persist; it is not
     * logged, as the shard is reopened with the collection's fields.
     *
     * @throws IllegalArgumentException if the field exists
     */
    public void addVectorField(String name, VectorFieldSpec spec) {
        writeLock.lock();
        try {
            checkHealthy();
            state.vectors.addField(name, spec);
        } finally {
            writeLock.unlock();
        }
    }

    /** Drops vector field {@code name} with every point's value in it (Qdrant's delete vector name). */
    public void dropVectorField(String name) {
        writeLock.lock();
        try {
            checkHealthy();
            state.vectors.dropField(name);
        } finally {
            writeLock.unlock();
        }
    }

    /** Deletes the given ids (absent ones are ignored). Returns the operation id. */
    public long delete(List<PointId> ids) {
        return commit(() -> {
            List<PointId> present = new ArrayList<>();
            IdTracker tracker = state.tracker;
            for (PointId id : new LinkedHashSet<>(ids)) {
                if (tracker.ordinalOf(id) >= 0) {
                    present.add(id);
                }
            }
            return new ShardOperation.Delete(present);
        }, null);
    }

    /** Deletes every point matching {@code filter}. Returns the operation id. */
    public long delete(Filter filter) {
        return commit(() -> new ShardOperation.Delete(matchingIds(filter)), null);
    }

    /**
     * Changes the payload of the given points.
     *
     * @throws VJVectorException NOT_FOUND ("No point with id X found", as Qdrant) naming the first
     *                           absent id; nothing is changed then
     */
    public long updatePayload(List<PointId> ids, PayloadUpdate update) {
        return commit(() -> {
            requirePresent(ids);
            return new ShardOperation.UpdatePayload(new ArrayList<>(new LinkedHashSet<>(ids)), update);
        }, null);
    }

    /** Changes the payload of every point matching {@code filter}. Returns the operation id. */
    public long updatePayload(Filter filter, PayloadUpdate update) {
        return commit(() -> new ShardOperation.UpdatePayload(matchingIds(filter), update), null);
    }

    /** Creates (or replaces) a payload index on {@code key}, indexing the current points. Returns the operation id. */
    public long createFieldIndex(String key, PayloadFieldSchema schema) {
        return commit(() -> new ShardOperation.CreateFieldIndex(key, schema), null);
    }

    /** {@link #createFieldIndex(String, PayloadFieldSchema)} for a bare type name. */
    public long createFieldIndex(String key, PayloadSchemaType type) {
        return createFieldIndex(key, PayloadFieldSchema.of(type));
    }

    /** Drops the payload index on {@code key} if there is one. Returns the operation id. */
    public long dropFieldIndex(String key) {
        return commit(() -> new ShardOperation.DropFieldIndex(key), null);
    }

    /**
     * Resolves, records and applies one operation under the write lock, then waits for the record
     * to be durable. {@code resolve} runs under the lock and may refuse the write (nothing is
     * recorded then); {@code record} is the operation already encoded, or null to encode it here.
     */
    private long commit(Supplier<ShardOperation> resolve, byte[] record) {
        long sequence;
        long op;
        writeLock.lock();
        try {
            checkHealthy();
            ShardOperation operation = resolve.get();
            op = operationIds == LOG_SEQUENCE ? log.nextSequence() : operationIds.getAsLong();
            byte[] bytes = record;
            if (bytes == null && log.records()) {
                bytes = OperationCodec.encode(operation);
            }
            if (bytes != null) {
                OperationCodec.stamp(bytes, op);
            }
            try {
                sequence = log.write(OperationCodec.type(operation), bytes);
            } catch (WriteRefusedException e) {
                throw refused(e);
            } catch (IllegalArgumentException e) {
                // The log refused the record before writing anything (over its size limit).
                throw new VJVectorException(ErrorKind.TOO_LARGE, null, e.getMessage(), e);
            } catch (RuntimeException | Error e) {
                throw fail("recording a write", e);
            }
            if (operationIds == LOG_SEQUENCE && sequence != op) {
                throw fail("numbering a write", new IllegalStateException("the log recorded operation " + op
                        + " at sequence " + sequence));
            }
            try {
                apply(operation, op, sequence);
            } catch (RuntimeException | Error e) {
                throw fail("applying a recorded write", e);
            }
        } finally {
            writeLock.unlock();
        }
        try {
            log.awaitDurable(sequence);
        } catch (WriteRefusedException e) {
            throw refused(e);
        } catch (RuntimeException | Error e) {
            throw fail("making a write durable", e);
        }
        return op;
    }

    /**
     * Applies a logged operation read back from the log (recovery, or a follower), with the
     * operation id and sequence it was recorded under. The caller supplies records in sequence
     * order.
     *
     * @throws IllegalArgumentException if the record is not a valid operation
     */
    void replay(long sequence, byte type, byte[] record) {
        replay(sequence, OperationCodec.decode(type, record));
    }

    /** {@link #replay(long, byte, byte[])} of a record already decoded. */
    void replay(long sequence, OperationCodec.Logged logged) {
        writeLock.lock();
        try {
            apply(logged.operation(), logged.operationId(), sequence);
        } finally {
            writeLock.unlock();
        }
    }

    private void apply(ShardOperation operation, long op, long sequence) {
        state.apply(operation, op);
        if (sinceCapture != null) {
            sinceCapture.add(new ShardRebuild.Committed(operation, op));
        }
        appliedSequence = sequence;
        lastOperationId = Math.max(lastOperationId, op);
    }

    private List<PointId> matchingIds(Filter filter) {
        List<PointId> ids = new ArrayList<>();
        state.matcher.forEach(filter, (ord, slot) -> ids.add(slot.id()));
        return ids;
    }

    /** Not a storage failure: the shard stays healthy, the client gets a 503 it may retry. */
    private static VJVectorException refused(WriteRefusedException e) {
        return new VJVectorException(ErrorKind.UNAVAILABLE, null, e.getMessage(), e);
    }

    /**
     * Marks the shard failed from outside its write path (a follower whose log and memory may
     * differ after a failed replicated write): it refuses requests until reopened.
     */
    VJVectorException fail(String what, Throwable cause) {
        VJVectorException failed = new VJVectorException(ErrorKind.UNAVAILABLE, null,
                "shard storage failed while " + what + " (" + cause + "); the shard refuses requests until it is"
                        + " reopened, which recovers from its log", cause);
        if (failure == null) {
            failure = failed;
        }
        return failed;
    }

    /** @throws VJVectorException UNAVAILABLE once recording, applying or syncing a write has failed */
    private void checkHealthy() {
        VJVectorException f = failure;
        if (f != null) {
            throw new VJVectorException(ErrorKind.UNAVAILABLE, null, f.getMessage(), f.getCause());
        }
    }

    /**
     * A consistent copy of this shard as of the last applied operation. Writes pause only while
     * the mutable parts are copied (graph links, tombstones, the ordinal → point table: about
     * 50-90 ms per million points once warm); writing the image out happens without the lock.
     */
    public ShardImage capture() {
        writeLock.lock();
        try {
            checkHealthy();
            ShardState s = state;
            Map<String, ShardImage.FieldImage> fields = new LinkedHashMap<>();
            s.vectors.fields().forEach((name, field) -> fields.put(name, ShardImage.FieldImage.capture(field)));
            PointSlot[] slots = new PointSlot[s.vectors.size()];
            for (int ord = 0; ord < slots.length; ord++) {
                slots[ord] = s.tracker.slot(ord);
            }
            return new ShardImage(appliedSequence, lastOperationId, fields, slots, s.payloadIndexes.schema());
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Rebuilds the shard over fresh vector fields made from {@code target} (which may have other
     * graph settings than the current ones, but must name the same fields), holding only the live points: deleted and replaced vectors are
     * dropped and the ordinals become dense again. Reads and writes continue meanwhile:
     * <ol>
     * <li>under the write lock, the live points are captured (references only) and the shard starts
     *     keeping every operation it applies from then on;
     * <li>without the lock, the new index, id table and payload indexes are built from the capture;
     * <li>under the write lock, the kept operations are applied to the new state in their order and
     *     the new state replaces the old one. Searches already running finish on the old state.
     * </ol>
     * Versions, the applied sequence and operation ids are unchanged: the log holds operations by
     * point id, so it replays onto either state alike. A shard on disk should be checkpointed
     * afterwards (see {@link DurableShard#rebuild}) so that a restart does not load the old state.
     *
     * <p>A failing rebuild changes nothing: the shard keeps serving its old state.
     *
     * @return what was done, or null if another rebuild of this shard is running
     * @throws VJVectorException UNAVAILABLE if the shard failed before or during the rebuild
     * @throws IllegalArgumentException if {@code target} has other fields than the shard
     */
    public RebuildResult rebuild(Map<String, VectorFieldSpec> target, VectorKernels kernels) {
        if (!rebuilding.compareAndSet(false, true)) {
            return null;
        }
        try {
            long start = System.nanoTime();
            ShardRebuild.LivePoints live;
            writeLock.lock();
            try {
                checkHealthy();
                live = ShardRebuild.capture(state);
                sinceCapture = new ArrayList<>();
            } finally {
                writeLock.unlock();
            }
            ShardState next;
            try {
                next = ShardRebuild.build(live, ShardVectors.create(target, kernels, state.vectors.storage()));
            } catch (RuntimeException | Error e) {
                stopKeeping();
                throw e;
            }
            long built = System.nanoTime();
            int caughtUp = 0;
            try {
                caughtUp += catchUpWithoutTheLock(next);
            } catch (RuntimeException | Error e) {
                stopKeeping();
                throw e;
            }
            writeLock.lock();
            try {
                List<ShardRebuild.Committed> committed = sinceCapture;
                sinceCapture = null;
                checkHealthy();
                if (!next.vectors.fields().keySet().equals(state.vectors.fields().keySet())) {
                    throw new IllegalStateException("the shard's vector fields changed during the rebuild");
                }
                for (ShardRebuild.Committed c : committed) {
                    next.apply(c.operation(), c.operationId());
                }
                caughtUp += committed.size();
                ShardState old = state;
                state = next;
                long done = System.nanoTime();
                RebuildResult result = new RebuildResult(old.vectors.size(), live.slots().length, caughtUp,
                        next.vectors.size(), old.vectors.ramBytesUsed(), next.vectors.ramBytesUsed(), built - start,
                        done - built);
                LOG.log(System.Logger.Level.DEBUG, "rebuilt a shard: {0}", result);
                return result;
            } finally {
                writeLock.unlock();
            }
        } finally {
            rebuilding.set(false);
        }
    }

    /**
     * Applies the operations committed since the capture to {@code next} in rounds without the
     * lock (nobody else sees {@code next} yet), taking each round's list under the lock, until a
     * round is short enough to finish inside the swap's pause. A long rebuild under heavy writes
     * would otherwise hold writers for as long as re-applying everything they wrote meanwhile.
     *
     * @return how many operations were applied
     */
    private int catchUpWithoutTheLock(ShardState next) {
        int applied = 0;
        for (int round = 0; round < MAX_CATCH_UP_ROUNDS; round++) {
            List<ShardRebuild.Committed> batch;
            writeLock.lock();
            try {
                if (sinceCapture.size() <= CATCH_UP_IN_PAUSE) {
                    return applied;
                }
                batch = sinceCapture;
                sinceCapture = new ArrayList<>();
            } finally {
                writeLock.unlock();
            }
            for (ShardRebuild.Committed c : batch) {
                next.apply(c.operation(), c.operationId());
            }
            applied += batch.size();
        }
        return applied;
    }

    private void stopKeeping() {
        writeLock.lock();
        try {
            sinceCapture = null;
        } finally {
            writeLock.unlock();
        }
    }

    /** Whether {@link #rebuild} is running on this shard. */
    public boolean rebuilding() {
        return rebuilding.get();
    }

    /** Loading a checkpoint: the vector fields as loaded. */
    ShardVectors vectors() {
        return state.vectors;
    }

    /** Loading a checkpoint: declares a payload index (filled as points are restored). */
    void restoreFieldIndex(String key, PayloadFieldSchema schema) {
        state.payloadIndexes.create(key, schema, null);
    }

    /**
     * Loading a checkpoint: makes {@code id} the point at {@code ordinal}, whose vector the
     * loaded index already holds.
     *
     * @throws IllegalArgumentException if the ordinal is not a live vector or the id is already present
     */
    void restorePoint(int ordinal, PointId id, ObjectNode payload, long version) {
        state.restorePoint(ordinal, id, payload, version);
    }

    /** Loading a checkpoint: the position the loaded state corresponds to. */
    void restorePosition(long sequence, long operationId) {
        writeLock.lock();
        try {
            appliedSequence = sequence;
            lastOperationId = operationId;
        } finally {
            writeLock.unlock();
        }
    }

    /** Whether a storage failure made the shard refuse requests. */
    public boolean failed() {
        return failure != null;
    }

    /** Sequence of the last operation applied (0 before the first). */
    public long appliedSequence() {
        writeLock.lock();
        try {
            return appliedSequence;
        } finally {
            writeLock.unlock();
        }
    }

    /** Highest operation id applied, -1 before the first. */
    public long lastOperationId() {
        writeLock.lock();
        try {
            return lastOperationId;
        } finally {
            writeLock.unlock();
        }
    }

    /** The indexed payload fields with the number of live points that hold an indexed value. */
    public Map<String, FieldIndexInfo> fieldIndexes() {
        Map<String, FieldIndexInfo> out = new LinkedHashMap<>();
        state.payloadIndexes.fields().forEach((key, field) -> out.put(key, new FieldIndexInfo(field.schema(), field.points())));
        return out;
    }

    /** Points that exist among {@code ids}, in the order asked (duplicates and absent ids skipped). */
    public List<StoredPoint> retrieve(List<PointId> ids, boolean withPayload, boolean withVector) {
        return retrieve(ids, withPayload, VectorSelection.of(withVector));
    }

    /** Points that exist among {@code ids}, in the order asked (duplicates and absent ids skipped). */
    public List<StoredPoint> retrieve(List<PointId> ids, boolean withPayload, VectorSelection withVector) {
        checkHealthy();
        ShardState s = state;
        List<StoredPoint> out = new ArrayList<>(ids.size());
        for (PointId id : new LinkedHashSet<>(ids)) {
            int ord = s.tracker.ordinalOf(id);
            PointSlot slot = ord < 0 ? null : s.tracker.liveSlot(ord);
            if (slot != null) {
                out.add(point(s, ord, slot, withPayload, withVector));
            }
        }
        return out;
    }

    /** Top hits for {@code request}, best first; see {@link SearchPlanner} for how. */
    public List<ScoredHit> search(ShardSearch request) {
        checkHealthy();
        ShardState s = state;
        VectorValidator.checkQuery(request.using(), request.query(), s.vectors.specs());
        return s.planner.search(request, searchDefaults);
    }

    /**
     * Up to {@code limit} points matching {@code filter} (null = all) in id order, starting at
     * {@code offset} inclusive (null = the first id).
     */
    public List<StoredPoint> scroll(Filter filter, PointId offset, int limit, boolean withPayload, boolean withVector) {
        return scroll(filter, offset, limit, withPayload, VectorSelection.of(withVector));
    }

    /**
     * Up to {@code limit} points matching {@code filter} (null = all) in id order, starting at
     * {@code offset} inclusive (null = the first id).
     */
    public List<StoredPoint> scroll(Filter filter, PointId offset, int limit, boolean withPayload,
                                    VectorSelection withVector) {
        checkHealthy();
        List<StoredPoint> out = new ArrayList<>(Math.min(limit, 1024));
        if (limit <= 0) {
            return out;
        }
        ShardState s = state;
        s.matcher.forEachInIdOrder(filter, offset, (ord, slot) -> {
            out.add(point(s, ord, slot, withPayload, withVector));
            return out.size() < limit;
        });
        return out;
    }

    /** Exact number of points matching {@code filter} (null = all). */
    public long count(Filter filter) {
        checkHealthy();
        return state.matcher.count(filter);
    }

    /**
     * Statistics of sparse field {@code using} for IDF: element 0 is the number of live vectors,
     * element {@code i + 1} the document frequency of {@code indices[i]}.
     *
     * @throws IllegalArgumentException if {@code using} is not a sparse field
     */
    public long[] sparseStatistics(String using, int[] indices) {
        checkHealthy();
        if (!(state.vectors.field(using) instanceof SparseField sparse)) {
            throw new IllegalArgumentException("'" + using + "' is not a sparse vector field");
        }
        long[] out = new long[indices.length + 1];
        out[0] = sparse.index.liveCount();
        for (int i = 0; i < indices.length; i++) {
            out[i + 1] = sparse.index.documentFrequency(indices[i]);
        }
        return out;
    }

    /**
     * How many live points matching {@code filter} (null = all) hold each value of the payload
     * field {@code key}; a point holding a value several times (an array) counts once for it.
     * Only values of the field index's type count, as Qdrant facets read the index.
     *
     * @return value ({@link String}, {@link Long} or {@link Boolean}) → number of points
     * @throws VJVectorException BAD_REQUEST when {@code key} has no keyword, integer or bool index
     */
    public Map<Object, Long> facetCounts(String key, Filter filter) {
        checkHealthy();
        return PayloadReads.facetCounts(state, key, filter);
    }

    /**
     * Up to {@code limit} live points matching {@code filter} (null = all) in the order of their
     * values of the payload field {@code order.key()} (see {@link OrderedPoint#order}); points
     * without such a value are left out. As in Qdrant, a point with several values is read once
     * per distinct value from {@code order.startFrom()} on, so it can appear more than once.
     *
     * @throws VJVectorException BAD_REQUEST when the key has no integer, float or datetime index, or
     *                           {@code startFrom} does not fit the index's type
     */
    public List<OrderedPoint> scrollOrdered(Filter filter, OrderBy order, int limit, boolean withPayload,
                                            boolean withVector) {
        checkHealthy();
        return PayloadReads.scrollOrdered(state, filter, order, limit, withPayload, withVector);
    }

    /**
     * The {@code n} live points matching {@code filter} (null = all) that come first in
     * {@link PointSample#ORDER}, with their vectors, in that order: this shard's part of a
     * reproducible random sample.
     */
    public List<StoredPoint> sample(Filter filter, int n) {
        checkHealthy();
        return PayloadReads.sample(state, filter, n);
    }

    /** Number of live points. */
    public int pointCount() {
        return state.tracker.liveCount();
    }

    /** Number of live point versions in the vector fields (equals {@link #pointCount()} once writes settle). */
    public int indexedVectorCount() {
        return state.tracker.liveCount();
    }

    /**
     * Number of point versions the vector fields store, deleted and replaced ones included (they
     * stay until a {@link #rebuild}).
     */
    public int storedVectorCount() {
        return state.vectors.size();
    }

    /** Heap held by the vector fields and their indexes. */
    public long indexRamBytesUsed() {
        return state.vectors.ramBytesUsed();
    }

    /** One point as a read returns it, with all its vectors or none. */
    static StoredPoint point(ShardState s, int ord, PointSlot slot, boolean withPayload, boolean withVector) {
        return point(s, ord, slot, withPayload, VectorSelection.of(withVector));
    }

    static StoredPoint point(ShardState s, int ord, PointSlot slot, boolean withPayload,
                             VectorSelection withVector) {
        return new StoredPoint(slot.id(), slot.version(),
                withPayload ? slot.payload() : null,
                s.planner.vectorsOf(ord, withVector));
    }
}
