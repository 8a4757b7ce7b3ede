package io.vjvector.api;

import io.vjvector.api.error.ErrorResponse;
import io.vjvector.error.VJVectorException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Checks the {@code timeout} query parameter of a {@link WaitTimeout} endpoint before its body is
 * read, so that a refused request changes nothing (see {@link TimeoutParameter#checkWait}).
 */
@Provider
@WaitTimeout
public class WaitTimeoutFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        try {
            TimeoutParameter.checkWait(request.getUriInfo().getQueryParameters().getFirst(TimeoutParameter.NAME));
        } catch (VJVectorException e) {
            request.abortWith(ErrorResponse.response(e.kind(), e.field(), e.getMessage()));
        }
    }
}
