package io.vjvector.error;

/**
 * What went wrong, independent of transport. The API layer maps each kind to one HTTP status in
 * one table; nothing else decides status codes.
 */
public enum ErrorKind {
    /** Malformed or invalid input (400). */
    BAD_REQUEST,
    /**
     * A body that is not JSON, or a member of the wrong JSON type (400, "Format error in JSON
     * body"): what fails Qdrant's deserialisation of its request types.
     */
    FORMAT,
    /**
     * A well-formed body that breaks a declared rule of one of its fields (a range, a length), where
     * Qdrant's request types declare that rule (422, "Validation error in JSON body"). Format errors
     * and what only the engine can judge (a vector's dimension against its collection) stay
     * {@link #BAD_REQUEST}, as in Qdrant.
     */
    VALIDATION,
    /** A path parameter that breaks its rule, such as a collection name (422, "Validation error in path parameters"). */
    PATH_VALIDATION,
    /**
     * A query parameter that breaks a rule Qdrant declares on it, such as a collection operation's
     * {@code timeout} of 0 (422, "Validation error in query parameters").
     */
    QUERY_VALIDATION,
    /**
     * A query parameter that does not read as its type, such as a {@code timeout} that is not a
     * whole number (400, "Deserialize error in query parameters", as Qdrant's query parsing answers).
     */
    QUERY_FORMAT,
    /** A valid request the collection's strict mode refuses (400; Qdrant's "Bad request"). */
    STRICT_MODE,
    /** Collection, point or snapshot does not exist (404). */
    NOT_FOUND,
    /** Already exists (409). */
    CONFLICT,
    /** Body, batch or payload over a configured limit (413). */
    TOO_LARGE,
    /** Rate limit hit (429). */
    RATE_LIMITED,
    /** Not ready, shutting down, or a required node unreachable (503). */
    UNAVAILABLE,
    /**
     * A write reached a copy of a shard that does not lead it (503 if it ever reaches a client:
     * a gateway re-routes to the leader instead, see {@link NotLeaderException}).
     */
    NOT_LEADER,
    /** A model provider or LLM answered with an error or with something unreadable (502). */
    UPSTREAM_FAILED,
    /** A model provider or LLM did not answer in time (504). */
    UPSTREAM_TIMEOUT
}
