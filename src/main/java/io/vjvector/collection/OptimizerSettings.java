package io.vjvector.collection;

/**
 * The part of Qdrant's {@code optimizers_config} VJVector implements: when a shard is rebuilt to
 * drop its deleted and replaced vectors (Qdrant's vacuum optimizer).
 *
 * @param deletedThreshold      rebuild a shard when deleted / stored vectors exceeds this (0..1)
 * @param vacuumMinVectorNumber ... and the shard stores at least this many vectors (>= 100)
 */
public record OptimizerSettings(double deletedThreshold, int vacuumMinVectorNumber) {

    /** Qdrant's defaults. */
    public static final OptimizerSettings DEFAULTS = new OptimizerSettings(0.2, 1000);
    /** Qdrant's lower bound of {@code vacuum_min_vector_number}. */
    public static final int MIN_VACUUM_VECTOR_NUMBER = 100;

    /** Whether a shard storing {@code stored} vectors of which {@code live} are live is due for a rebuild. */
    public boolean vacuumDue(long stored, long live) {
        return stored >= vacuumMinVectorNumber && stored > 0
                && (stored - live) / (double) stored > deletedThreshold;
    }
}
