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
}
