package io.vjvector.api;

import io.vjvector.api.dto.Timed;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

/**
 * Fills Qdrant's {@code time} field (seconds spent on the request) of every success and error
 * body. Pre-matching, so that requests that match no resource are timed too.
 */
@Provider
@PreMatching
public class ResponseTimeFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private static final String STARTED = ResponseTimeFilter.class.getName() + ".started";

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getEntity() instanceof Timed timed && request.getProperty(STARTED) instanceof Long started) {
            response.setEntity(timed.withTime((System.nanoTime() - started) / 1e9));
        }
    }
}
