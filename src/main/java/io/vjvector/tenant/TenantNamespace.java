package io.vjvector.tenant;

import io.vjvector.error.VJVectorException;
import io.vjvector.security.Tenants;

/**
 * How one caller's collection names map to the names the collections are stored under.
 *
 * <p>A caller of tenant {@code acme} names a collection {@code docs}; it is stored as
 * {@code acme~docs}. Tenants cannot contain {@code ~} ({@link Tenants}), so the first {@code ~}
 * of a stored name ends its tenant and the mapping is reversible and collision-free: two tenants'
 * {@code docs} are two collections, and a name a tenant asks for can only ever reach a stored
 * name of its own. Another tenant's collection is thus not hidden but out of reach: it answers
 * exactly as a missing one does. Snapshot files of a collection start with the collection's
 * stored name and map the same way.
 *
 * <p>A caller without a tenant has the {@link #GLOBAL} namespace: names are stored names, so an
 * operator sees every tenant's collections as {@code <tenant>~<name>} and can act on them.
 *
 * <p>A tenant caller may not create names holding {@code ~} (they would read as a nested
 * tenant to an operator); asking for one simply finds nothing.
 */
public final class TenantNamespace {

    /** The namespace of callers without a tenant: stored names as they are. */
    public static final TenantNamespace GLOBAL = new TenantNamespace(null);

    private final String tenant;
    private final String prefix;

    private TenantNamespace(String tenant) {
        this.tenant = tenant;
        this.prefix = tenant == null ? "" : tenant + Tenants.SEPARATOR;
    }

    /**
     * The namespace of {@code tenant}, a name {@link Tenants#problem} accepts (the security gate
     * refuses callers of any other before they reach a collection).
     */
    public static TenantNamespace of(String tenant) {
        if (tenant == null || tenant.isEmpty() || tenant.indexOf(Tenants.SEPARATOR) >= 0) {
            throw new IllegalArgumentException("not a usable tenant: " + tenant);
        }
        return new TenantNamespace(tenant);
    }

    public boolean isGlobal() {
        return tenant == null;
    }

    /** The stored name of the collection, alias or snapshot this namespace calls {@code name}. */
    public String internal(String name) {
        return name == null || tenant == null ? name : prefix + name;
    }

    /**
     * As {@link #internal}, for a name being created (a collection, an alias, a restore target).
     *
     * @throws VJVectorException BAD_REQUEST naming {@code field} when a tenant's name holds {@code ~}
     */
    public String internalNew(String name, String field) {
        if (tenant != null && name != null && name.indexOf(Tenants.SEPARATOR) >= 0) {
            throw VJVectorException.badRequest(field, "collection name cannot contain \"" + Tenants.SEPARATOR + "\" char");
        }
        return internal(name);
    }

    /** The name this namespace calls the stored name {@code internal}, or null when it is another namespace's. */
    public String external(String internal) {
        if (tenant == null || internal == null) {
            return internal;
        }
        return internal.startsWith(prefix) ? internal.substring(prefix.length()) : null;
    }

    /** Whether the stored name {@code internal} belongs to this namespace. */
    public boolean owns(String internal) {
        return external(internal) != null;
    }

    /** {@code text} (an error message) with this tenant's stored names turned back into its own names. */
    public String externalize(String text) {
        return tenant == null || text == null ? text : text.replace(prefix, "");
    }

    /** {@code e} with its message in this namespace's names. */
    public VJVectorException externalize(VJVectorException e) {
        if (tenant == null || e.getMessage() == null || !e.getMessage().contains(prefix)) {
            return e;
        }
        return new VJVectorException(e.kind(), e.field(), externalize(e.getMessage()), e);
    }

    /** The tenant part of a stored name (before its first {@code ~}), or null for a name of no tenant. */
    public static String tenantOf(String internal) {
        int separator = internal == null ? -1 : internal.indexOf(Tenants.SEPARATOR);
        return separator < 0 ? null : internal.substring(0, separator);
    }

    @Override
    public String toString() {
        return tenant == null ? "global" : "tenant " + tenant;
    }
}
