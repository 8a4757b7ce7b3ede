package io.vjvector.api.error;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vjvector.config.VJVectorConfig;
import io.vjvector.error.ErrorKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.resteasy.reactive.server.vertx.VertxInputStream;

/**
 * Answers a request whose declared body is over {@code vjvector.limits.max-body-size} with 413
 * and Qdrant's error body, before the body is read. It runs just ahead of the HTTP layer's own
 * check (same limit, via {@code quarkus.http.limits.max-body-size}), which answers with an empty
 * body. A chunked body declares no length: the HTTP layer would count it while it is read and end
 * the response itself, empty, so its count is taken off such a request and {@link CountedBody}
 * counts instead, failing with {@link BodyTooLargeException}.
 */
@ApplicationScoped
public class BodySizeLimit {

    /** Just before Quarkus' upload limit handler ({@code RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT} = -2). */
    private static final int ORDER = -3;
    /** Just after it: it leaves the limit of a body without a declared length here, to be counted on reading. */
    private static final int AFTER_UPLOAD_LIMIT = -1;

    private final long maxBytes;

    public BodySizeLimit(VJVectorConfig config) {
        this.maxBytes = config.limits().maxBodySize().asLongValue();
    }

    /** {@code vjvector.limits.max-body-size} in bytes. */
    public long maxBytes() {
        return maxBytes;
    }

    void register(@Observes Router router) {
        router.route().order(ORDER).handler(this::check);
        router.route().order(AFTER_UPLOAD_LIMIT).handler(BodySizeLimit::countOnRead);
    }

    private static void countOnRead(RoutingContext rc) {
        rc.remove(VertxInputStream.MAX_REQUEST_SIZE_KEY);
        rc.next();
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
