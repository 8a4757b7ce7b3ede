package io.vjvector.api;

import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.vjvector.api.error.ErrorResponse;
import io.vjvector.collection.ReadConsistency;
import io.vjvector.error.VJVectorException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Reads Qdrant's {@code consistency} query parameter of a {@link ConsistentRead} endpoint, answers
 * 400 naming it when it is not a positive number, {@code majority}, {@code quorum} or {@code all},
 * and binds it to the request's Vert.x duplicated context, which Quarkus carries onto the worker
 * thread serving the request, so the gateway's shard handles find it ({@link #requested}). Nothing
 * is bound for the default (absent or 1). A standalone node has one copy of each shard: every
 * valid value reads it, and the value is not looked at again.
 *
 * <p>The read's {@code timeout}, the other member of Qdrant's read parameters, is checked here too
 * ({@link TimeoutParameter#checkRead}).
 */
@Provider
@ConsistentRead
public class ReadConsistencyFilter implements ContainerRequestFilter {

    private static final String KEY = "vjvector.read-consistency";

    @Override
    public void filter(ContainerRequestContext request) {
        ReadConsistency consistency;
        try {
            var query = request.getUriInfo().getQueryParameters();
            consistency = ReadConsistency.parse(query.getFirst("consistency"));
            TimeoutParameter.checkRead(query.getFirst(TimeoutParameter.NAME));
        } catch (VJVectorException e) {
            request.abortWith(ErrorResponse.response(e.kind(), e.field(), e.getMessage()));
            return;
        }
        if (!consistency.isDefault() && VertxContext.isOnDuplicatedContext()) {
            ContextLocals.put(KEY, consistency);
        }
    }

    /** The read consistency of the request served on this thread; the default outside a request. */
    public static ReadConsistency requested() {
        if (!VertxContext.isOnDuplicatedContext()) {
            return ReadConsistency.DEFAULT;
        }
        return ContextLocals.<ReadConsistency>get(KEY).orElse(ReadConsistency.DEFAULT);
    }
}
