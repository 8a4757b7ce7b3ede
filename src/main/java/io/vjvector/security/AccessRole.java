package io.vjvector.security;

import java.util.Locale;
import java.util.Optional;

/** What a caller may do; each role may do everything the ones before it may. */
public enum AccessRole {
    /** Search, query, scroll, retrieve, count, list and read collection information. */
    READER,
    /** Also upsert and delete points, vectors and payloads. */
    WRITER,
    /** Also create, change and delete collections, aliases, field indexes and snapshots. */
    ADMIN;

    public boolean covers(AccessRole needed) {
        return compareTo(needed) >= 0;
    }

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role a claim value names ({@code admin}, {@code writer}, {@code reader}, any case), if any. */
    public static Optional<AccessRole> fromClaim(String value) {
        for (AccessRole role : values()) {
            if (role.configName().equalsIgnoreCase(value.trim())) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
