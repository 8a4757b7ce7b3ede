package io.vjvector.cluster.coordination;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a node of the cluster does: gateways route, masters and replicas hold shard copies. */
public enum NodeRole {
    /** Stateless: routes requests to data nodes, holds no shard. */
    GATEWAY,
    /** Data node that takes shard leadership when a shard has no leader. */
    MASTER,
    /** Data node that follows, promoted only on failover. */
    REPLICA;

    /** Masters and replicas hold shard copies; gateways do not. */
    public boolean holdsData() {
        return this != GATEWAY;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static NodeRole fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
