package io.vjvector.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A certificate replaced on disk is served to new connections without a restart: the TLS
 * registry re-reads the key store every {@code quarkus.tls.https.reload-period} (1 s here).
 */
@QuarkusTest
@TestProfile(TlsReloadTest.Reloading.class)
class TlsReloadTest {

    private static final Duration RELOADED_WITHIN = Duration.ofSeconds(15);

    public static class Reloading implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ReloadableTls.class));
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("vjvector.auth.mode", "api-key", "vjvector.auth.api-key", "tls-reload-admin-key-31");
        }
    }

    @TestHTTPResource(value = "/", tls = true)
    URL https;

    @ConfigProperty(name = ReloadableTls.STORE_PROPERTY)
    String store;

    @Test
    void aReplacedCertificateIsServedToNewConnectionsWithoutARestart() throws Exception {
        X509Certificate first = serverCertificate();
        assertEquals("CN=localhost, O=first", first.getSubjectX500Principal().getName().replace(",", ", "));

        ReloadableTls.replace(Path.of(store), "CN=localhost, O=second");
        long start = System.nanoTime();
        X509Certificate served = first;
        int dropped = 0;
        while (served.equals(first)) {
            assertTrue(System.nanoTime() - start < RELOADED_WITHIN.toNanos(),
                    "the new certificate is served within " + RELOADED_WITHIN);
            Thread.sleep(100);
            try {
                served = serverCertificate();
            } catch (SSLHandshakeException e) {
                // Vert.x closes a connection accepted at the instant the server's TLS options are
                // swapped (seen here: a NullPointerException in its channel initializer); the
                // registry swaps them every reload period, so a client retries such a handshake.
                dropped++;
            }
        }
        System.out.printf("TLS certificate replaced on disk, served to new connections after %d ms"
                + " (%d handshakes dropped during swaps)%n", (System.nanoTime() - start) / 1_000_000, dropped);
        assertEquals("CN=localhost, O=second", served.getSubjectX500Principal().getName().replace(",", ", "));
        given().baseUri(https.toString()).relaxedHTTPSValidation().header("api-key", "tls-reload-admin-key-31")
                .get("/collections").then().statusCode(200).body("status", equalTo("ok"));
    }

    /** The certificate the server presents to a new connection (trusted blindly: it is only read). */
    private X509Certificate serverCertificate() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new AcceptAny()}, new SecureRandom());
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(https.getHost(), https.getPort())) {
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }

    private static final class AcceptAny implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
