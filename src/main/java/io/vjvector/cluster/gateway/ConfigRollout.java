package io.vjvector.cluster.gateway;

import java.util.Set;

/**
 * Waits until the copies of a collection have applied a config version of its catalog entry
 * (data nodes apply a settings change when their watch shows it), so that a client whose change
 * was answered finds it in force on every copy it reaches next.
 */
@FunctionalInterface
public interface ConfigRollout {

    /** Waits for nothing: for a catalog whose changes apply where they are made. */
    ConfigRollout NONE = (collection, version) -> Set.of();

    /**
     * Waits, within a bound the implementation sets, until every copy of {@code collection} on a
     * live node has applied config version {@code version} or a newer one.
     *
     * @return the nodes whose copies had not applied it when the bound passed, each with what it
     *         last answered (empty: all did)
     */
    Set<String> await(String collection, long version);
}
