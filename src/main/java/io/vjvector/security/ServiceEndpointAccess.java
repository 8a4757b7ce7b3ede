package io.vjvector.security;

/** Who reaches metrics, telemetry, OpenAPI and Swagger UI when authentication is on. */
public enum ServiceEndpointAccess {
    /** Admins only. */
    ADMIN,
    /** Anyone (the default in dev mode). */
    OPEN,
    /** No one: they answer 404. */
    OFF
}
