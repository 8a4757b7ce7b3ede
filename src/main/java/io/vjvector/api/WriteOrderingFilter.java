package io.vjvector.api;

import io.vjvector.api.error.ErrorResponse;
import io.vjvector.error.ErrorKind;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import java.util.Set;

/**
 * Checks Qdrant's {@code ordering} query parameter of an {@link OrderedWrite} endpoint: absent,
 * {@code weak}, {@code medium} or {@code strong}, else 400 naming it.
 *
 * <p>Nothing else is needed to honour it: every write goes through its shard's leader, which
 * orders it in the shard's log, and is acknowledged once every in-sync copy has applied it. That
 * is Qdrant's {@code strong} (all writes serialized through a leader), so each ordering a client
 * asks for is met or exceeded. A standalone node has one copy and one order anyway.
 */
@Provider
@OrderedWrite
public class WriteOrderingFilter implements ContainerRequestFilter {

    private static final Set<String> ORDERINGS = Set.of("weak", "medium", "strong");

    @Override
    public void filter(ContainerRequestContext request) {
        String ordering = request.getUriInfo().getQueryParameters().getFirst("ordering");
        if (ordering != null && !ORDERINGS.contains(ordering)) {
            request.abortWith(ErrorResponse.response(ErrorKind.BAD_REQUEST, "ordering",
                    "ordering must be `weak`, `medium` or `strong`, got '" + ordering + "'"));
        }
    }
}
