package io.vjvector.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Qdrant JWT RBAC tokens as a client would make them: HS256 over the given claims, signed with a key. */
public final class QdrantTokens {

    private QdrantTokens() {
    }

    public static String hs256(String key, String claimsJson) {
        String signingInput = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + b64(claimsJson);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] signature = mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token valid for a minute with the given {@code access} claim (raw JSON) and subject. */
    public static String hs256(String key, String accessJson, String subject) {
        long exp = System.currentTimeMillis() / 1000 + 60;
        return hs256(key, "{\"exp\":" + exp + ",\"sub\":\"" + subject + "\",\"access\":" + accessJson + "}");
    }

    public static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
