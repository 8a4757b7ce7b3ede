package io.vjvector.security;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vjvector.engine.storage.DirectoryTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for localhost, made by the JDK's keytool into a PKCS#12 key store,
 * and the HTTP port switched to HTTPS only.
 */
public class SelfSignedTls implements QuarkusTestResourceLifecycleManager {

    private static final String PASSWORD = "tls-store-pass-5e1f";
    private Path directory;

    @Override
    public Map<String, String> start() {
        try {
            directory = Files.createTempDirectory("vjvector-tls");
            Path store = directory.resolve("server.p12");
            generate(store, "CN=localhost", PASSWORD);
            return Map.of("quarkus.http.ssl.certificate.key-store-file", store.toString(),
                    "quarkus.http.ssl.certificate.key-store-password", PASSWORD,
                    "quarkus.http.test-ssl-port", "0",
                    "quarkus.http.insecure-requests", "disabled");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes a new EC key pair and a self-signed certificate for localhost named {@code dname} into {@code store}. */
    static void generate(Path store, String dname, String password) throws IOException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "vjvector",
                "-keyalg", "EC", "-groupname", "secp256r1", "-dname", dname,
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", password, "-keypass", password))
                .redirectErrorStream(true).start();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + new String(process.getInputStream().readAllBytes()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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
