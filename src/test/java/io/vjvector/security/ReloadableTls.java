package io.vjvector.security;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vjvector.engine.storage.DirectoryTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * HTTPS only, from a self-signed certificate in a PKCS#12 key store held by the TLS registry under
 * the name {@code https}, which re-reads the file every second; {@link #replace} puts a new
 * certificate in its place as an operator (or cert-manager) would.
 */
public class ReloadableTls implements QuarkusTestResourceLifecycleManager {

    static final String STORE_PROPERTY = "quarkus.tls.https.key-store.p12.path";
    private static final String PASSWORD = "tls-reload-pass-91c3";
    private Path directory;

    @Override
    public Map<String, String> start() {
        try {
            directory = Files.createTempDirectory("vjvector-tls-reload");
            Path store = directory.resolve("server.p12");
            generate(store, "CN=localhost, O=first");
            return Map.of(STORE_PROPERTY, store.toString(),
                    "quarkus.tls.https.key-store.p12.password", PASSWORD,
                    "quarkus.tls.https.reload-period", "1s",
                    "quarkus.http.tls-configuration-name", "https",
                    "quarkus.http.test-ssl-port", "0",
                    "quarkus.http.insecure-requests", "disabled");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces the key store at {@code store} (in one rename) with a new key pair and certificate named {@code dname}. */
    static void replace(Path store, String dname) throws IOException {
        Path next = store.resolveSibling("next.p12");
        Files.deleteIfExists(next);
        generate(next, dname);
        Files.move(next, store, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void generate(Path store, String dname) throws IOException {
        SelfSignedTls.generate(store, dname, PASSWORD);
    }

    @Override
    public void stop() {
        try {
            DirectoryTree.delete(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
