package io.vjvector.security;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a managed API key allows, as its creator asked for it.
 *
 * @param role        the key's role
 * @param tenant      the tenant its caller acts for, if any
 * @param collections the only collections it reaches (with {@code role}); empty for every collection
 * @param expiresAt   when it stops working, if ever
 */
public record ApiKeyGrant(AccessRole role, Optional<String> tenant, List<String> collections,
                          Optional<Instant> expiresAt) {

    public ApiKeyGrant {
        collections = List.copyOf(collections);
    }
}
