package io.vjvector.security;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * What {@code GET /auth/api-keys} tells about a key: never its secret, salt or hash.
 *
 * @param expiresAt RFC 3339 instant, or null when it never expires
 * @param createdAt RFC 3339 instant
 * @param expired   whether it has expired (it is kept, and refused, until revoked)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiKeyInfo(String id, String role, String tenant, List<String> collections, String expiresAt,
                         String createdAt, boolean expired) {
}
