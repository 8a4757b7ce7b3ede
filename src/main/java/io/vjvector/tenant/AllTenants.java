package io.vjvector.tenant;

import jakarta.inject.Qualifier;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the collection service and snapshots that see every tenant's collections under their
 * stored names: for start-up, health, metrics and the tenant-scoped beans built on them. Code
 * that serves a request injects the unqualified ones, which show only the caller's tenant
 * ({@link TenantCollections}, {@link TenantSnapshots}); forgetting the qualifier therefore
 * scopes, never leaks.
 */
@Qualifier
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.FIELD, ElementType.PARAMETER, ElementType.TYPE})
public @interface AllTenants {
}
