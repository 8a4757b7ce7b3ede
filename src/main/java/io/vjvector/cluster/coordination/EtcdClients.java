package io.vjvector.cluster.coordination;

import io.etcd.jetcd.Client;
import java.util.List;

/**
 * How a node connects to etcd: one jetcd client over every member's endpoint.
 *
 * <p>jetcd spreads calls over the members (gRPC's {@code round_robin}) and, by default, a member
 * cut off from its quorum still takes them: it holds each linearizable read and each write until
 * its own request timeout (about 5 s) and then fails it ({@code context deadline exceeded}, an
 * outcome the caller cannot tell apart from a lost answer), and a watch on it just goes quiet —
 * it applies nothing, so a node watching through it never learns a new shard leader. Every call is
 * therefore sent with etcd's require-leader metadata ({@code hasleader: true}): a member without a
 * leader refuses it at once ({@code UNAVAILABLE: etcdserver: no leader}, never applied), a refused
 * unary call — read or write — is sent again to the next member ({@link RetryWithoutLeader}), and
 * a watch stream on such a member is cancelled (after three election timeouts without a leader) so
 * the watcher reads again and watches through a member that has one. Members with pre-vote on (as
 * the cluster runs them) keep their leader through a peer's partition, so a healthy majority
 * refuses nothing.
 */
public final class EtcdClients {

    /** etcd's gRPC metadata key and value asking for a member that currently has a leader. */
    static final String REQUIRE_LEADER_KEY = "hasleader";
    static final String REQUIRE_LEADER_VALUE = "true";

    private EtcdClients() {
    }

    /** A client of the members at {@code endpoints} (client URLs); the caller closes it. */
    public static Client connect(List<String> endpoints) {
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("at least one etcd endpoint is needed");
        }
        return Client.builder()
                .endpoints(endpoints.toArray(String[]::new))
                .header(REQUIRE_LEADER_KEY, REQUIRE_LEADER_VALUE)
                .interceptor(new RetryWithoutLeader())
                .build();
    }
}
