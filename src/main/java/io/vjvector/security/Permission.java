package io.vjvector.security;

/** What an endpoint asks of its caller. */
public enum Permission {
    /** Anyone: probes and the version banner (Qdrant leaves these open too). */
    OPEN,
    /** Reading a collection's points or information, or listing. */
    READ,
    /** Changing points, vectors or payloads. */
    WRITE,
    /** Changing collections, aliases, field indexes, snapshots. */
    MANAGE,
    /** Metrics, telemetry, OpenAPI, Swagger UI: admins only, open or off ({@code vjvector.auth.service-endpoints}). */
    SERVICE,
    /**
     * Calls between the nodes of a cluster: no user credential and no user role; the cluster
     * credential, which {@code io.vjvector.cluster.transport.ClusterCallGate} checks ahead of this gate.
     */
    CLUSTER;

    /** The least role that may call an endpoint with this permission (null for OPEN and CLUSTER: no user role). */
    public AccessRole leastRole() {
        return switch (this) {
            case OPEN, CLUSTER -> null;
            case READ -> AccessRole.READER;
            case WRITE -> AccessRole.WRITER;
            case MANAGE, SERVICE -> AccessRole.ADMIN;
        };
    }
}
