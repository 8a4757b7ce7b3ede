package io.vjvector.security;

import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import java.util.Optional;

/**
 * The caller of the request being served, as {@link AccessGate} authenticated it. It is kept in
 * the request's Vert.x duplicated context, which Quarkus creates for every HTTP request and
 * carries onto the worker thread of a blocking resource method, so whatever serves the request
 * (a JAX-RS resource or a plain Vert.x route) finds it without being handed it.
 */
public final class CurrentCaller {

    private static final String KEY = "vjvector.caller";

    private CurrentCaller() {
    }

    /** Binds {@code caller} to the request whose duplicated context is current. */
    static void bind(Caller caller) {
        ContextLocals.put(KEY, caller);
    }

    /** The authenticated caller of the current request; empty outside a request or on an open endpoint. */
    public static Optional<Caller> get() {
        return VertxContext.isOnDuplicatedContext() ? ContextLocals.get(KEY) : Optional.empty();
    }
}
