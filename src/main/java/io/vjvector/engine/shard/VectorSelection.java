package io.vjvector.engine.shard;

import java.util.Set;

/**
 * Which vectors of a point a read returns: none, all, or the named ones (Qdrant's
 * {@code with_vector: false | true | ["name", ...]}).
 */
public record VectorSelection(boolean all, Set<String> names) {

    public static final VectorSelection NONE = new VectorSelection(false, Set.of());
    public static final VectorSelection ALL = new VectorSelection(true, Set.of());

    public VectorSelection {
        names = Set.copyOf(names);
    }

    public static VectorSelection of(boolean withVector) {
        return withVector ? ALL : NONE;
    }

    public static VectorSelection names(Set<String> names) {
        return new VectorSelection(false, names);
    }

    /** Whether any vector is returned. */
    public boolean any() {
        return all || !names.isEmpty();
    }

    public boolean includes(String name) {
        return all || names.contains(name);
    }
}
