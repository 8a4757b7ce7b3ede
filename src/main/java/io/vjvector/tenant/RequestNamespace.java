package io.vjvector.tenant;

import io.vjvector.security.Caller;
import io.vjvector.security.CurrentCaller;
import java.util.function.Supplier;

/**
 * The namespace of the request being served: its caller's tenant, or {@link TenantNamespace#GLOBAL}
 * for a caller without one. While authentication is on, a collection reached with no
 * authenticated caller is a bug (a path around the security gate, or work moved off the
 * request's context): it fails instead of falling back to the global view.
 */
public final class RequestNamespace {

    private RequestNamespace() {
    }

    /** The namespace source when authentication is on. */
    public static Supplier<TenantNamespace> ofAuthenticatedCaller() {
        return RequestNamespace::current;
    }

    /** The namespace source when authentication is off: no caller has a tenant. */
    public static Supplier<TenantNamespace> global() {
        return () -> TenantNamespace.GLOBAL;
    }

    private static TenantNamespace current() {
        Caller caller = CurrentCaller.get().orElseThrow(() -> new IllegalStateException(
                "collections were reached without an authenticated caller on the request's context"));
        // One request calls the service a few times at most: the namespace is built once per call, cheaply.
        return caller.tenant().map(TenantNamespace::of).orElse(TenantNamespace.GLOBAL);
    }
}
