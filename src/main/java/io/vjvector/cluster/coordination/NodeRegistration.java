package io.vjvector.cluster.coordination;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A live node as registered under {@code nodes/<node id>}.
 *
 * @param url       how other nodes and gateways reach it ({@code vjvector.cluster.advertise-url})
 * @param startedAt when this process registered, epoch milliseconds (a restart shows a new value)
 */
public record NodeRegistration(
        @JsonProperty("node_id") String nodeId,
        @JsonProperty("role") NodeRole role,
        @JsonProperty("url") String url,
        @JsonProperty("started_at") long startedAt) {
}
