package io.vjvector.security;

import java.util.Map;
import java.util.Optional;

/**
 * What one caller may do: a role over every collection, or (Qdrant's per-collection JWT claims)
 * a role per named collection and nothing beyond them.
 *
 * @param global      the role over everything, or null when the access is per collection
 * @param collections role per collection name; empty when {@code global} is set
 */
public record Access(AccessRole global, Map<String, AccessRole> collections) {

    public Access {
        collections = Map.copyOf(collections);
    }

    public static Access global(AccessRole role) {
        return new Access(role, Map.of());
    }

    public static Access perCollection(Map<String, AccessRole> collections) {
        return new Access(null, collections);
    }

    /**
     * Why this access does not allow {@code permission} on {@code collection} (null when the
     * endpoint names none), or empty when it does. Per-collection access never manages: creating,
     * deleting, aliasing and snapshots need a global admin, as in Qdrant.
     */
    public Optional<String> refusal(Permission permission, String collection) {
        AccessRole needed = permission.leastRole();
        if (needed == null) {
            return Optional.empty();
        }
        if (global != null) {
            return global.covers(needed) ? Optional.empty()
                    : Optional.of("the " + needed.configName() + " role is required, the caller has "
                            + global.configName());
        }
        if (needed == AccessRole.ADMIN) {
            return Optional.of("global admin access is required, the caller's access is limited to some collections");
        }
        if (collection == null) {
            return Optional.of("global access is required, the caller's access is limited to some collections");
        }
        AccessRole granted = collections.get(collection);
        if (granted == null) {
            return Optional.of("access to collection " + collection + " is required");
        }
        return granted.covers(needed) ? Optional.empty()
                : Optional.of(needed.configName() + " access to collection " + collection + " is required");
    }
}
