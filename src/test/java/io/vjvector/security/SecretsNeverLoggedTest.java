package io.vjvector.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Runs accepted and refused requests with every secret of the profile (and some wrong ones),
 * captures everything logged meanwhile, and searches the log, the error bodies and the metrics
 * for each secret. The audit log must have a line for each refusal and each admin action.
 */
@QuarkusTest
@TestProfile(ApiKeyProfile.class)
class SecretsNeverLoggedTest {

    private static final class Capture extends Handler {
        final List<String> lines = new ArrayList<>();

        @Override
        public synchronized void publish(LogRecord record) {
            String message = record.getMessage();
            if (record.getParameters() != null && message != null) {
                message = message + " " + java.util.Arrays.toString(record.getParameters());
            }
            StringWriter trace = new StringWriter();
            if (record.getThrown() != null) {
                record.getThrown().printStackTrace(new PrintWriter(trace));
            }
            lines.add(record.getLoggerName() + " " + message + " " + trace);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        synchronized String all() {
            return String.join("\n", lines);
        }
    }

    @Test
    void noKeyOrTokenAppearsInLogsErrorBodiesOrMetrics() {
        Capture capture = new Capture();
        capture.setLevel(Level.ALL);
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        String wrongKey = "wr0ng-k3y-that-must-n0t-leak-7731";
        String jwt = QdrantTokens.hs256(ApiKeyProfile.ADMIN_KEY, "\"r\"", "leak-check");
        String forged = QdrantTokens.hs256(wrongKey, "\"m\"", "leak-forger");
        List<String> secrets = new ArrayList<>(List.of(ApiKeyProfile.ADMIN_KEY, ApiKeyProfile.READ_ONLY_KEY, wrongKey, jwt, forged));
        StringBuilder bodies = new StringBuilder();
        try {
            // The one answer that must carry a secret: a managed key's creation. Not added to bodies.
            String managed = given().header("api-key", ApiKeyProfile.ADMIN_KEY).contentType(ContentType.JSON)
                    .body("{\"role\":\"reader\"}").post("/auth/api-keys").then().statusCode(200)
                    .extract().path("result.key");
            String managedWrong = managed.substring(0, managed.length() - 4) + "zzzz";
            secrets.add(managed);
            secrets.add(ApiKeyStore.secretOf(managed));
            secrets.add(managedWrong);
            bodies.append(given().header("api-key", managed).get("/collections").asString());
            bodies.append(given().header("Authorization", "Bearer " + managedWrong).get("/collections").asString());
            bodies.append(given().header("api-key", ApiKeyProfile.ADMIN_KEY).get("/auth/api-keys").asString());
            bodies.append(given().header("api-key", ApiKeyProfile.ADMIN_KEY).contentType(ContentType.JSON)
                    .body("{\"vectors\":{\"size\":2,\"distance\":\"Dot\"}}").put("/collections/leak_check").asString());
            bodies.append(given().header("api-key", ApiKeyProfile.ADMIN_KEY).contentType(ContentType.JSON)
                    .body("{\"vectors\":{\"size\":2,\"distance\":\"Dot\"}}").put("/collections/leak_check").asString());
            bodies.append(given().header("api-key", ApiKeyProfile.READ_ONLY_KEY).delete("/collections/leak_check").asString());
            bodies.append(given().header("api-key", wrongKey).get("/collections").asString());
            bodies.append(given().header("Authorization", "Bearer " + wrongKey).get("/collections").asString());
            bodies.append(given().header("Authorization", "Bearer " + forged).get("/collections").asString());
            bodies.append(given().header("Authorization", "Bearer " + jwt).delete("/collections/leak_check").asString());
            bodies.append(given().header("Authorization", "Bearer " + jwt).get("/collections/leak_check?api-key=" + wrongKey).asString());
            bodies.append(given().header("api-key", ApiKeyProfile.ADMIN_KEY).delete("/collections/leak_check").asString());
            bodies.append(given().header("api-key", ApiKeyProfile.ADMIN_KEY).get("/q/metrics").asString());
        } finally {
            root.removeHandler(capture);
        }
        String log = capture.all();
        for (String secret : secrets) {
            assertFalse(log.contains(secret), "a secret is in the log:\n" + log);
            assertFalse(bodies.toString().contains(secret), "a secret is in an answer or the metrics");
        }
        List<String> audit = capture.lines.stream().filter(l -> l.startsWith(AuditLog.CATEGORY + " ")).toList();
        assertEquals(6, audit.stream().filter(l -> l.contains("\"event\":\"refused\"")).count(), String.join("\n", audit));
        assertEquals(5, audit.stream().filter(l -> l.contains("\"event\":\"admin-action\"")).count(), String.join("\n", audit));
        assertTrue(audit.stream().anyMatch(l -> l.contains("\"subject\":\"jwt:leak-check\"") && l.contains("\"status\":403")),
                String.join("\n", audit));
    }
}
