package io.vjvector.cluster.transport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vjvector.config.ClusterConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Lets a call to the internal endpoints ({@value #PREFIX}) in only on the cluster credential
 * ({@link ClusterCredential}), whatever {@code vjvector.auth.mode} says: 401 without a valid,
 * current signature, 403 on a node without {@code vjvector.cluster.secret} (a standalone node
 * takes no internal calls at all). A Vert.x route ahead of the user-facing gate
 * ({@link io.vjvector.security.AccessGate}, which lets these paths through: they carry no user
 * credential) and of every handler that reads a body, so a refused call is answered before a byte
 * of its body is read.
 */
@ApplicationScoped
public class ClusterCallGate {

    /** The path prefix of every node-to-node endpoint. */
    public static final String PREFIX = "/internal/";

    private static final Logger LOG = Logger.getLogger(ClusterCallGate.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Ahead of AccessGate (-10), BodySizeLimit (-3) and Quarkus' upload limit (-2). */
    private static final int ORDER = -11;

    private final ClusterCredential credential;

    public ClusterCallGate(ClusterConfig config) {
        Optional<String> secret = config.secret().filter(s -> !s.isBlank());
        this.credential = secret.map(s -> new ClusterCredential(s, config.calls().signatureValidity(),
                Clock.systemUTC())).orElse(null);
    }

    void register(@Observes Router router) {
        router.route(PREFIX + "*").order(ORDER).handler(this::handle);
    }

    private void handle(RoutingContext rc) {
        if (credential == null) {
            refuse(rc, 403, "Forbidden: this node takes no internal calls (vjvector.cluster.secret is not set)");
            return;
        }
        String refusal = credential.refusal(rc.request().getHeader(ClusterCredential.HEADER),
                rc.request().method().name(), rc.request().path()).orElse(null);
        if (refusal != null) {
            LOG.debugf("internal call %s %s from %s refused: %s", rc.request().method(), rc.request().path(),
                    rc.request().remoteAddress(), refusal);
            refuse(rc, 401, "Unauthorized: " + refusal);
            return;
        }
        rc.next();
    }

    private static void refuse(RoutingContext rc, int status, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("status").put("error", message);
        body.put("time", 0.0);
        var response = rc.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
        if (!rc.request().isEnded()) {
            // The unread body would otherwise be parsed as the next request on this connection.
            response.putHeader(HttpHeaders.CONNECTION, "close");
        }
        response.end(body.toString());
    }
}
