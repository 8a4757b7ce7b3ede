package io.vjvector.engine.shard;

import io.vjvector.engine.point.PointId;
import java.util.Comparator;

/**
 * A reproducible pseudo-random sample of points: the points with the smallest {@link #key} of
 * their id. Every shard can take its own smallest keys and the union's smallest are the sample of
 * the whole collection, the same sample for the same points whatever the shard count or run.
 */
public final class PointSample {

    /** Smallest sample key first. */
    public static final Comparator<PointId> ORDER = Comparator.comparingLong(PointSample::key).thenComparing(id -> id);

    private PointSample() {
    }

    /** The id's sample key: a 64-bit mix of the id, so that samples are spread over the id space. */
    public static long key(PointId id) {
        long bits = id instanceof PointId.Num n ? n.value()
                : ((PointId.Uuid) id).value().getMostSignificantBits() * 31 + ((PointId.Uuid) id).value().getLeastSignificantBits();
        // The finalizer of MurmurHash3 (public domain): every input bit affects every output bit.
        bits ^= bits >>> 33;
        bits *= 0xff51afd7ed558ccdL;
        bits ^= bits >>> 33;
        bits *= 0xc4ceb9fe1a85ec53L;
        bits ^= bits >>> 33;
        return bits;
    }
}
