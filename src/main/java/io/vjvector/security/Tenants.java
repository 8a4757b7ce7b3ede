package io.vjvector.security;

import io.vjvector.collection.CollectionValidation;
import io.vjvector.error.VJVectorException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What a tenant may be called: the value of a token's tenant claim or a managed key's tenant.
 * A tenant's name becomes the prefix of its collections' stored names ({@code <tenant>~<name>},
 * see {@code io.vjvector.tenant.TenantNamespace}), so it obeys the collection name rules, must
 * not hold the separator (the first {@code ~} of a stored name ends its tenant, which keeps the
 * mapping reversible) and is short enough to leave room for the collection's own name.
 */
public final class Tenants {

    /** Ends the tenant part of a stored collection name. */
    public static final char SEPARATOR = '~';
    /** Longest tenant name, in UTF-8 bytes; a collection name of a tenant gets the rest of the 255. */
    public static final int MAX_LENGTH = 64;

    private Tenants() {
    }

    /** Why {@code tenant} cannot name a tenant, or empty when it can. */
    public static Optional<String> problem(String tenant) {
        if (tenant == null || tenant.isEmpty() || tenant.getBytes(StandardCharsets.UTF_8).length > MAX_LENGTH) {
            return Optional.of("a tenant is 1 to " + MAX_LENGTH + " bytes long (UTF-8)");
        }
        if (tenant.indexOf(SEPARATOR) >= 0) {
            return Optional.of("a tenant cannot contain \"" + SEPARATOR + "\"");
        }
        try {
            CollectionValidation.name(tenant, "tenant");
        } catch (VJVectorException e) {
            return Optional.of(e.getMessage().replace("collection name", "a tenant"));
        }
        return Optional.empty();
    }
}
