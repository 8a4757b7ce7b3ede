package io.vjvector.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Every admin action and every refused request, one JSON object per line on the logger
 * {@code vjvector.audit} (route it to its own file or sink with {@code quarkus.log.category}).
 * Lines name the caller by subject, never by key or token, and the path without its query.
 */
final class AuditLog {

    static final String CATEGORY = "vjvector.audit";
    private static final Logger LOG = Logger.getLogger(CATEGORY);
    private static final ObjectMapper JSON = new ObjectMapper();

    void refused(String method, String path, String collection, Caller caller, AuthFailure failure) {
        ObjectNode line = line("refused", method, path, collection, caller);
        line.put("status", failure.status());
        line.put("reason", failure.message());
        LOG.info(line.toString());
    }

    void adminAction(String method, String path, String collection, Caller caller, int status) {
        ObjectNode line = line("admin-action", method, path, collection, caller);
        line.put("status", status);
        line.put("result", status < 400 ? "done" : "failed");
        LOG.info(line.toString());
    }

    private static ObjectNode line(String event, String method, String path, String collection, Caller caller) {
        ObjectNode line = JSON.createObjectNode();
        line.put("time", Instant.now().toString());
        line.put("event", event);
        line.put("method", method);
        line.put("path", path);
        if (collection != null) {
            line.put("collection", collection);
        }
        if (caller != null) {
            line.put("subject", caller.subject());
            line.put("scheme", caller.scheme().label());
            caller.tenant().ifPresent(t -> line.put("tenant", t));
        }
        return line;
    }
}
