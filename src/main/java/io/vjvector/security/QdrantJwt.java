package io.vjvector.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Qdrant's JWT RBAC tokens: HS256, signed with the admin API key. Claims as Qdrant reads them:
 * {@code exp} (required, 30 s leeway for clock skew), {@code access} either {@code "r"} (read
 * everything) or {@code "m"} (manage everything), or a list of {@code {"collection", "access":
 * "r"|"rw"}} (read, or read and write, those collections only; never manage); no {@code access}
 * means full access. {@code sub} or {@code subject} names the caller. Beyond Qdrant, the tenant
 * claim ({@code vjvector.auth.tenant-claim}, as in OIDC tokens) makes the token a caller of that
 * tenant, so an admin can sign tenant-scoped tokens offline. Qdrant's deprecated
 * per-collection {@code payload} constraints and its {@code value_exists} check are refused,
 * not ignored, so a token never grants more here than it would there.
 */
final class QdrantJwt {

    private static final long LEEWAY_SECONDS = 30;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final byte[] secret;
    private final String tenantClaim;
    private final Clock clock;

    QdrantJwt(String secret, String tenantClaim, Clock clock) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.tenantClaim = tenantClaim;
        this.clock = clock;
    }

    /** Whether a token's header says HS256: only such tokens are Qdrant's; others go to OIDC. */
    static boolean isHs256(String token) {
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return false;
        }
        try {
            JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(token.substring(0, dot)));
            return header != null && "HS256".equals(header.path("alg").asText(null));
        } catch (Exception e) {
            return false;
        }
    }

    /** The caller the token stands for, or why it is refused. */
    Authentication verify(String token, boolean bearer) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return Authentication.refused("malformed token");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] expected = mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            byte[] actual = Base64.getUrlDecoder().decode(parts[2]);
            if (!MessageDigest.isEqual(expected, actual)) {
                return Authentication.refused("invalid token signature");
            }
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            if (claims == null || !claims.isObject()) {
                return Authentication.refused("malformed token");
            }
            return fromClaims(claims, bearer);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        } catch (Exception e) {
            return Authentication.refused("malformed token");
        }
    }

    private Authentication fromClaims(JsonNode claims, boolean bearer) {
        JsonNode exp = claims.get("exp");
        if (exp == null || !exp.canConvertToLong()) {
            return Authentication.refused("the token has no exp claim");
        }
        if (exp.asLong() + LEEWAY_SECONDS < clock.instant().getEpochSecond()) {
            return Authentication.refused("the token has expired");
        }
        if (claims.has("value_exists")) {
            return Authentication.refused("value_exists claims are not supported");
        }
        Access access;
        try {
            access = access(claims.get("access"));
        } catch (IllegalArgumentException e) {
            return Authentication.refused(e.getMessage());
        }
        String subject = text(claims, "sub").or(() -> text(claims, "subject")).orElse("anonymous");
        JsonNode tenant = OidcTokens.at(claims, tenantClaim);
        if (tenant != null && !tenant.isTextual()) {
            return Authentication.refused("the " + tenantClaim + " claim must be a string");
        }
        return Authentication.of(new Caller("jwt:" + subject, Caller.Scheme.QDRANT_JWT, access,
                Optional.ofNullable(tenant).map(JsonNode::asText), bearer));
    }

    private static Access access(JsonNode node) {
        if (node == null || node.isNull()) {
            return Access.global(AccessRole.ADMIN);
        }
        if (node.isTextual()) {
            return switch (node.asText()) {
                case "r" -> Access.global(AccessRole.READER);
                case "m" -> Access.global(AccessRole.ADMIN);
                default -> throw new IllegalArgumentException("access must be \"r\", \"m\" or a list of collections");
            };
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException("access must be \"r\", \"m\" or a list of collections");
        }
        Map<String, AccessRole> collections = new HashMap<>();
        for (JsonNode entry : node) {
            String collection = entry.path("collection").asText(null);
            String mode = entry.path("access").asText("");
            if (collection == null || !(mode.equals("r") || mode.equals("rw"))) {
                throw new IllegalArgumentException("access[]: each entry needs a collection and access \"r\" or \"rw\"");
            }
            if (entry.has("payload")) {
                throw new IllegalArgumentException("access[].payload constraints are not supported");
            }
            for (Iterator<String> names = entry.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!name.equals("collection") && !name.equals("access")) {
                    throw new IllegalArgumentException("access[]: unknown key " + name);
                }
            }
            if (collections.put(collection, mode.equals("rw") ? AccessRole.WRITER : AccessRole.READER) != null) {
                throw new IllegalArgumentException("access[]: collection " + collection + " is listed twice");
            }
        }
        return Access.perCollection(collections);
    }

    private static Optional<String> text(JsonNode claims, String name) {
        JsonNode value = claims.get(name);
        return value != null && value.isTextual() && !value.asText().isEmpty() ? Optional.of(value.asText()) : Optional.empty();
    }
}
