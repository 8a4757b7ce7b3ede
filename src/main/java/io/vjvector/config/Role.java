package io.vjvector.config;

import java.util.Locale;

/** What this process is in a deployment ({@code vjvector.role}); the Quarkus profile picks it. */
public enum Role {
    /** Holds every shard locally, no etcd; the default. */
    STANDALONE,
    /** Stateless router in front of data nodes. */
    GATEWAY,
    /** Data node that leads shards. */
    MASTER,
    /** Data node that follows leaders. */
    REPLICA;

    /** The lower-case name used in configuration and logs. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Fails fast for roles this version cannot run yet, so a cluster profile never comes up
     * half-working (serving clients without coordination).
     *
     * @throws IllegalStateException naming the role
     */
    public void requireAvailable() {
        if (this != STANDALONE) {
            throw new IllegalStateException("vjvector.role=" + configName() + ": role " + configName()
                    + " is not available yet in this version; run the standalone role (the default profile)");
        }
    }
}
