package io.vjvector.cluster.transport;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The credential one node presents to another on an internal call: a signature, not the secret.
 * The header {@value #HEADER} holds {@code v1:<unix millis>:<base64url HMAC-SHA256>} over
 * {@code v1}, the method, the raw path and the time, keyed by {@code vjvector.cluster.secret}.
 *
 * <p>Why a signature rather than the raw secret in a header: the secret itself never travels, so
 * a header that leaks (an access log, a debugging proxy, a plain-HTTP hop) gives away neither the
 * secret nor lasting access — only the same call on the same shard, for the validity window. The
 * path binds the signature to one collection, shard and call; the time bounds a replay to the
 * window ({@code vjvector.cluster.calls.signature-validity}, which is also the clock difference
 * between nodes it tolerates, both ways). The body is not signed: it is authenticated and kept
 * secret by TLS on the node port where the network is not trusted, and signing it would mean a
 * second pass over up to the body limit before the call is even let in. Checking needs nothing
 * but the headers, so a call without a valid signature is refused before its body is read.
 *
 * <p>Signatures are compared in constant time ({@link MessageDigest#isEqual}), so the time a
 * refusal takes says nothing about how much of a forged signature was right.
 */
public final class ClusterCredential {

    /** The request header that carries the signature. */
    public static final String HEADER = "X-VJVector-Cluster-Auth";

    private static final String VERSION = "v1";
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    private final Duration validity;
    private final Clock clock;

    /**
     * @param secret   {@code vjvector.cluster.secret}, the same on every node
     * @param validity how far a signature's time may lie from this node's clock, either way
     */
    public ClusterCredential(String secret, Duration validity, Clock clock) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("the cluster secret is empty");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.validity = validity;
        this.clock = clock;
    }

    /** The header value for a call of {@code method} on {@code rawPath} (as it appears on the request line, without query). */
    public String sign(String method, String rawPath) {
        long now = clock.millis();
        return VERSION + ":" + now + ":" + signature(method, rawPath, now);
    }

    /**
     * Why {@code header} does not authorize {@code method} on {@code rawPath} now, or empty when
     * it does. The reasons name what is wrong, never a secret or the expected signature.
     */
    public Optional<String> refusal(String header, String method, String rawPath) {
        if (header == null || header.isEmpty()) {
            return Optional.of("internal calls need the cluster credential (" + HEADER + " header)");
        }
        String[] parts = header.split(":", -1);
        if (parts.length != 3 || !VERSION.equals(parts[0])) {
            return Optional.of("the cluster credential is malformed");
        }
        long time;
        try {
            time = Long.parseLong(parts[1]);
        } catch (NumberFormatException e) {
            return Optional.of("the cluster credential is malformed");
        }
        byte[] expected = signature(method, rawPath, time).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, parts[2].getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of("the cluster credential is not valid (is vjvector.cluster.secret the same on every node?)");
        }
        long skew = Math.abs(clock.millis() - time);
        if (skew > validity.toMillis()) {
            return Optional.of("the cluster credential has expired or is from the future (" + skew
                    + " ms off this node's clock, vjvector.cluster.calls.signature-validity is " + validity + ")");
        }
        return Optional.empty();
    }

    private String signature(String method, String rawPath, long millis) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            String text = VERSION + "\n" + method + "\n" + rawPath + "\n" + millis;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
