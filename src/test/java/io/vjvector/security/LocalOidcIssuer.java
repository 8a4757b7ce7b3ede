package io.vjvector.security;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * An OIDC issuer for tests, offline: fresh RSA and EC signing keys, their public halves served as
 * a JWKS by a loopback HTTP server, and Quarkus OIDC pointed at it (discovery off). The private
 * keys reach the test through system properties (the test and this resource may live in
 * different class loaders).
 */
public class LocalOidcIssuer implements QuarkusTestResourceLifecycleManager {

    public static final String ISSUER = "https://issuer.vjvector.test";
    public static final String AUDIENCE = "vjvector";
    public static final String RSA_KID = "rsa-1";
    public static final String EC_KID = "ec-1";
    private static final String RSA_PROPERTY = "local-oidc-issuer.rsa-private";
    private static final String EC_PROPERTY = "local-oidc-issuer.ec-private";

    private HttpServer server;
    private String mode = "oidc";

    /** Arguments: {@code mode}, the {@code vjvector.auth.mode} to run (default {@code oidc}). */
    @Override
    public void init(Map<String, String> args) {
        mode = args.getOrDefault("mode", mode);
    }

    @Override
    public Map<String, String> start() {
        try {
            KeyPairGenerator rsaGen = KeyPairGenerator.getInstance("RSA");
            rsaGen.initialize(2048);
            KeyPair rsa = rsaGen.generateKeyPair();
            KeyPairGenerator ecGen = KeyPairGenerator.getInstance("EC");
            ecGen.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair ec = ecGen.generateKeyPair();
            System.setProperty(RSA_PROPERTY, Base64.getEncoder().encodeToString(rsa.getPrivate().getEncoded()));
            System.setProperty(EC_PROPERTY, Base64.getEncoder().encodeToString(ec.getPrivate().getEncoded()));
            byte[] jwks = jwks((RSAPublicKey) rsa.getPublic(), (ECPublicKey) ec.getPublic()).getBytes(StandardCharsets.UTF_8);
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/jwks", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, jwks.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(jwks);
                }
            });
            server.start();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> config = new HashMap<>();
        config.put("vjvector.auth.mode", mode);
        config.put("vjvector.auth.roles-claim", "realm_access.roles");
        config.put("quarkus.oidc.tenant-enabled", "true");
        config.put("quarkus.oidc.auth-server-url", "http://127.0.0.1:" + server.getAddress().getPort());
        config.put("quarkus.oidc.discovery-enabled", "false");
        config.put("quarkus.oidc.jwks-path", "jwks");
        config.put("quarkus.oidc.client-id", AUDIENCE);
        config.put("quarkus.oidc.token.issuer", ISSUER);
        config.put("quarkus.oidc.token.audience", AUDIENCE);
        return config;
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    public static PrivateKey rsaPrivateKey() {
        return privateKey(RSA_PROPERTY, "RSA");
    }

    public static PrivateKey ecPrivateKey() {
        return privateKey(EC_PROPERTY, "EC");
    }

    private static PrivateKey privateKey(String property, String algorithm) {
        try {
            byte[] der = Base64.getDecoder().decode(System.getProperty(property));
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String jwks(RSAPublicKey rsa, ECPublicKey ec) {
        return "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"" + RSA_KID + "\",\"use\":\"sig\",\"alg\":\"RS256\",\"n\":\""
                + b64(rsa.getModulus(), 0) + "\",\"e\":\"" + b64(rsa.getPublicExponent(), 0) + "\"},"
                + "{\"kty\":\"EC\",\"kid\":\"" + EC_KID + "\",\"use\":\"sig\",\"alg\":\"ES256\",\"crv\":\"P-256\",\"x\":\""
                + b64(ec.getW().getAffineX(), 32) + "\",\"y\":\"" + b64(ec.getW().getAffineY(), 32) + "\"}]}";
    }

    /** Unsigned big-endian bytes, left-padded to {@code length} when it is given (EC coordinates). */
    private static String b64(BigInteger value, int length) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        if (length > bytes.length) {
            byte[] padded = new byte[length];
            System.arraycopy(bytes, 0, padded, length - bytes.length, bytes.length);
            bytes = padded;
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
