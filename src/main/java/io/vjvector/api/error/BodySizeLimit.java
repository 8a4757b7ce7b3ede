package io.vjvector.api.error;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vjvector.config.VJVectorConfig;
import io.vjvector.error.ErrorKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Answers a request whose declared body is over {@code vjvector.limits.max-body-size} with 413
 * and Qdrant's error body, before the body is read. It runs just ahead of the HTTP layer's own
 * check (same limit, via {@code quarkus.http.limits.max-body-size}), which answers with an empty
 * body and still catches chunked bodies that declare no length.
 */
@ApplicationScoped
public class BodySizeLimit {

    /** Just before Quarkus' upload limit handler ({@code RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT} = -2). */
    private static final int ORDER = -3;

    private final long maxBytes;

    public BodySizeLimit(VJVectorConfig config) {
        this.maxBytes = config.limits().maxBodySize().asLongValue();
    }

    void register(@Observes Router router) {
        router.route().order(ORDER).handler(this::check);
    }

    private void check(RoutingContext rc) {
        long declared = declaredLength(rc.request().getHeader(HttpHeaders.CONTENT_LENGTH));
        if (declared <= maxBytes) {
            rc.next();
            return;
        }
        String error = ErrorStatus.prefix(ErrorKind.TOO_LARGE) + ": the request body has " + declared
                + " bytes, more than the limit of " + maxBytes + " (vjvector.limits.max-body-size)";
        // The unread body would otherwise be parsed as the next request on this connection.
        rc.response().putHeader(HttpHeaders.CONNECTION, "close")
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .setStatusCode(ErrorStatus.httpStatus(ErrorKind.TOO_LARGE))
                .end("{\"status\":{\"error\":" + quoted(error) + "},\"time\":0.0}");
    }

    private static long declaredLength(String header) {
        try {
            return header == null ? -1 : Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The message holds only digits and fixed text, so quoting needs no escaping. */
    private static String quoted(String s) {
        return "\"" + s + "\"";
    }
}
