package io.vjvector.api.request;

import com.fasterxml.jackson.databind.JsonNode;
import io.vjvector.error.VJVectorException;
import io.vjvector.security.AccessRole;
import io.vjvector.security.ApiKeyGrant;
import io.vjvector.security.Tenants;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the body of {@code POST /auth/api-keys}:
 * {@code {"role", "tenant"?, "collections"?, "expires_at"?}}.
 */
public final class ApiKeyGrantReader {

    private static final Set<String> KNOWN = Set.of("role", "tenant", "collections", "expires_at");

    private ApiKeyGrantReader() {
    }

    /**
     * @param now the present, before which {@code expires_at} may not lie
     * @throws VJVectorException BAD_REQUEST naming the field at fault
     */
    public static ApiKeyGrant read(JsonNode body, Instant now) {
        if (body == null || !body.isObject()) {
            throw VJVectorException.badRequest("body", "must be an object with \"role\": admin, writer or reader");
        }
        body.fieldNames().forEachRemaining(name -> {
            if (!KNOWN.contains(name)) {
                throw VJVectorException.badRequest(name, "unknown field");
            }
        });
        AccessRole role = role(text(body, "role"));
        Optional<String> tenant = Optional.ofNullable(text(body, "tenant"));
        if (tenant.isPresent() && tenant.get().isBlank()) {
            throw VJVectorException.badRequest("tenant", "must not be empty (leave it out for no tenant)");
        }
        tenant.flatMap(Tenants::problem).ifPresent(problem -> {
            throw VJVectorException.badRequest("tenant", problem);
        });
        List<String> collections = collections(body.get("collections"));
        if (role == AccessRole.ADMIN && !collections.isEmpty()) {
            throw VJVectorException.badRequest("collections", "an admin key cannot be limited to collections"
                    + " (managing needs access to every collection); use writer or reader");
        }
        return new ApiKeyGrant(role, tenant, collections, expiresAt(text(body, "expires_at"), now));
    }

    private static String text(JsonNode body, String name) {
        JsonNode value = body.get(name);
        if (!JsonValues.present(value)) {
            return null;
        }
        if (!value.isTextual()) {
            throw VJVectorException.format(name, "must be a string");
        }
        return value.textValue();
    }

    private static AccessRole role(String text) {
        if (text == null) {
            throw VJVectorException.badRequest("role", "is required: admin, writer or reader");
        }
        return AccessRole.fromClaim(text).orElseThrow(() ->
                VJVectorException.badRequest("role", "must be admin, writer or reader"));
    }

    private static List<String> collections(JsonNode node) {
        if (!JsonValues.present(node)) {
            return List.of();
        }
        if (!node.isArray()) {
            throw VJVectorException.badRequest("collections", "must be a list of collection names");
        }
        if (node.isEmpty()) {
            throw VJVectorException.badRequest("collections",
                    "must name at least one collection (leave it out for every collection)");
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode name = node.get(i);
            if (!name.isTextual() || name.textValue().isEmpty()) {
                throw VJVectorException.badRequest("collections[" + i + "]", "must be a collection name");
            }
            names.add(name.textValue());
        }
        return names;
    }

    private static Optional<Instant> expiresAt(String text, Instant now) {
        if (text == null) {
            return Optional.empty();
        }
        Instant at;
        try {
            at = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw VJVectorException.badRequest("expires_at", "must be an RFC 3339 date-time such as 2030-01-31T12:00:00Z");
        }
        if (!at.isAfter(now)) {
            throw VJVectorException.badRequest("expires_at", "must lie in the future");
        }
        return Optional.of(at);
    }
}
