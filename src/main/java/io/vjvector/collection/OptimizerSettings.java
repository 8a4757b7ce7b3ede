package io.vjvector.collection;

/**
 * Qdrant's {@code optimizers_config}. VJVector's optimizer is Qdrant's vacuum optimizer: a shard
 * is rebuilt to drop its deleted and replaced vectors, which {@code deletedThreshold} and
 * {@code vacuumMinVectorNumber} govern. The other members steer Qdrant's segment optimizers
 * (VJVector has one index per shard, no segments to merge or index) and its flushes (VJVector's
 * log is durable per write and checkpointed by the node's policy), so they are stored and
 * reported only. Nullable members are null when unset, as in Qdrant.
 *
 * @param deletedThreshold       rebuild a shard when deleted / stored vectors exceeds this (0..1)
 * @param vacuumMinVectorNumber  ... and the shard stores at least this many vectors (>= 100)
 * @param defaultSegmentNumber   Qdrant's target segment count (0 = automatic)
 * @param maxSegmentSize         Qdrant's largest segment in KB, or null
 * @param memmapThreshold        Qdrant's (deprecated) memmap threshold in KB, or null
 * @param indexingThreshold      Qdrant's size in KB above which a segment gets an index, or null
 * @param flushIntervalSec       Qdrant's minimum interval between forced flushes
 * @param maxOptimizationThreads Qdrant's optimization jobs per shard, or null (automatic)
 * @param preventUnoptimized     Qdrant's flag that blocks updates while large unindexed segments exist, or null
 */
public record OptimizerSettings(double deletedThreshold, int vacuumMinVectorNumber, Integer defaultSegmentNumber,
                                Integer maxSegmentSize, Integer memmapThreshold, Integer indexingThreshold,
                                Integer flushIntervalSec, Integer maxOptimizationThreads, Boolean preventUnoptimized) {

    /** Qdrant's defaults. */
    public static final OptimizerSettings DEFAULTS = new OptimizerSettings(0.2, 1000);
    /** Qdrant's lower bound of {@code vacuum_min_vector_number}. */
    public static final int MIN_VACUUM_VECTOR_NUMBER = 100;
    /** Qdrant's default {@code flush_interval_sec}. */
    public static final int DEFAULT_FLUSH_INTERVAL_SEC = 5;

    /** Settings written before the non-vacuum members existed have none: Qdrant's defaults apply. */
    public OptimizerSettings {
        if (defaultSegmentNumber == null) {
            defaultSegmentNumber = 0;
        }
        if (flushIntervalSec == null) {
            flushIntervalSec = DEFAULT_FLUSH_INTERVAL_SEC;
        }
    }

    /** The vacuum settings with Qdrant's defaults for the rest. */
    public OptimizerSettings(double deletedThreshold, int vacuumMinVectorNumber) {
        this(deletedThreshold, vacuumMinVectorNumber, null, null, null, null, null, null, null);
    }

    /** Whether a shard storing {@code stored} vectors of which {@code live} are live is due for a rebuild. */
    public boolean vacuumDue(long stored, long live) {
        return stored >= vacuumMinVectorNumber && stored > 0
                && (stored - live) / (double) stored > deletedThreshold;
    }

    /** These settings with the members {@code diff} sets replaced (Qdrant's PATCH semantics). */
    public OptimizerSettings merge(OptimizersDiff diff) {
        if (diff == null) {
            return this;
        }
        return new OptimizerSettings(
                diff.deletedThreshold() != null ? diff.deletedThreshold() : deletedThreshold,
                diff.vacuumMinVectorNumber() != null ? diff.vacuumMinVectorNumber() : vacuumMinVectorNumber,
                or(diff.defaultSegmentNumber(), defaultSegmentNumber),
                or(diff.maxSegmentSize(), maxSegmentSize),
                or(diff.memmapThreshold(), memmapThreshold),
                or(diff.indexingThreshold(), indexingThreshold),
                or(diff.flushIntervalSec(), flushIntervalSec),
                or(diff.maxOptimizationThreads(), maxOptimizationThreads),
                or(diff.preventUnoptimized(), preventUnoptimized));
    }

    private static <T> T or(T value, T current) {
        return value != null ? value : current;
    }

    /** Qdrant's OptimizersConfigDiff: null members are left as they are. */
    public record OptimizersDiff(Double deletedThreshold, Integer vacuumMinVectorNumber, Integer defaultSegmentNumber,
                                 Integer maxSegmentSize, Integer memmapThreshold, Integer indexingThreshold,
                                 Integer flushIntervalSec, Integer maxOptimizationThreads, Boolean preventUnoptimized) {

        public static final OptimizersDiff NONE = new OptimizersDiff(null, null, null, null, null, null, null, null, null);

        /** The settings a create request gives: {@code defaults} with the members this diff sets. */
        public OptimizerSettings over(OptimizerSettings defaults) {
            return defaults.merge(this);
        }
    }
}
