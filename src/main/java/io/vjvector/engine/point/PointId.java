package io.vjvector.engine.point;

import java.util.UUID;

/**
 * A point's identity, as in Qdrant: an unsigned 64-bit integer or a UUID. Ordered as Qdrant
 * scrolls: all integer ids (unsigned order) before all UUIDs.
 */
public sealed interface PointId extends Comparable<PointId> permits PointId.Num, PointId.Uuid {

    /** An unsigned 64-bit id; {@code value} holds the bits (use {@link Long#toUnsignedString}). */
    record Num(long value) implements PointId {
        @Override
        public String toString() {
            return Long.toUnsignedString(value);
        }
    }

    /** A UUID id; rendered in the canonical hyphenated lower-case form. */
    record Uuid(UUID value) implements PointId {
        @Override
        public String toString() {
            return value.toString();
        }
    }

    static PointId of(long unsigned) {
        return new Num(unsigned);
    }

    static PointId of(UUID uuid) {
        return new Uuid(uuid);
    }

    /** A stable 64-bit hash (murmur3's 64-bit finaliser) for shard routing; never String.hashCode. */
    default long stableHash() {
        if (this instanceof Num n) {
            return fmix64(n.value());
        }
        UUID u = ((Uuid) this).value();
        return fmix64(u.getMostSignificantBits() ^ fmix64(u.getLeastSignificantBits()));
    }

    @Override
    default int compareTo(PointId other) {
        if (this instanceof Num a) {
            return other instanceof Num b ? Long.compareUnsigned(a.value(), b.value()) : -1;
        }
        if (other instanceof Num) {
            return 1;
        }
        UUID a = ((Uuid) this).value(), b = ((Uuid) other).value();
        int c = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return c != 0 ? c : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }

    private static long fmix64(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }
}
