package io.vjvector.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjvector.error.ErrorKind;
import io.vjvector.error.VJVectorException;
import io.vjvector.security.Tenants;
import java.util.List;
import org.junit.jupiter.api.Test;

class TenantNamespaceTest {

    private final TenantNamespace acme = TenantNamespace.of("acme");

    @Test
    void namesMapBothWaysAndOnlyWithinTheTenant() {
        assertEquals("acme~docs", acme.internal("docs"));
        assertEquals("docs", acme.external("acme~docs"));
        assertNull(acme.external("globex~docs"), "another tenant's collection is not acme's");
        assertNull(acme.external("docs"), "an operator's collection is not acme's");
        assertNull(acme.external("acme"), "a name without the separator is no tenant's");
        assertTrue(acme.owns("acme~a~b"));
        assertEquals("a~b", acme.external("acme~a~b"));
        assertEquals("acme", TenantNamespace.tenantOf("acme~a~b"), "the first separator ends the tenant");
        assertNull(TenantNamespace.tenantOf("docs"));
    }

    @Test
    void noTwoTenantsNamesMeetInTheStoredNames() {
        List<String> tenants = List.of("a", "ab", "a.b", "b");
        List<String> names = List.of("x", "b~x", "~x", "x~");
        java.util.Set<String> stored = new java.util.HashSet<>();
        for (String t : tenants) {
            for (String n : names) {
                String internal = TenantNamespace.of(t).internal(n);
                assertTrue(stored.add(internal), internal + " stored twice");
                assertEquals(t, TenantNamespace.tenantOf(internal));
                assertEquals(n, TenantNamespace.of(t).external(internal));
            }
        }
    }

    @Test
    void theGlobalNamespaceIsTheStoredNames() {
        TenantNamespace global = TenantNamespace.GLOBAL;
        assertEquals("acme~docs", global.internal("acme~docs"));
        assertEquals("acme~docs", global.external("acme~docs"));
        assertEquals("acme~docs", global.internalNew("acme~docs", "collection_name"));
        VJVectorException e = VJVectorException.notFound("Collection `acme~docs` doesn't exist!");
        assertSame(e, global.externalize(e));
    }

    @Test
    void errorsSpeakTheCallersNames() {
        VJVectorException e = acme.externalize(VJVectorException.notFound("Collection `acme~docs` doesn't exist!"));
        assertEquals("Collection `docs` doesn't exist!", e.getMessage());
        assertEquals(ErrorKind.NOT_FOUND, e.kind());
    }

    @Test
    void aTenantCannotCreateNamesWithTheSeparator() {
        VJVectorException e = assertThrows(VJVectorException.class, () -> acme.internalNew("globex~docs", "collection_name"));
        assertEquals("collection_name", e.field());
        assertEquals("acme~docs", acme.internalNew("docs", "collection_name"));
    }

    @Test
    void tenantsAreUsableAsPrefixesOnly() {
        assertFalse(Tenants.problem("acme").isPresent());
        assertFalse(Tenants.problem("3f0c2b6e-1d2a-4f9a-9b1c-7d2e5f6a8b9c").isPresent());
        for (String bad : new String[] {"", "a~b", "a/b", "..", "a\u0001", "x".repeat(Tenants.MAX_LENGTH + 1)}) {
            assertTrue(Tenants.problem(bad).isPresent(), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> TenantNamespace.of("a~b"));
    }
}
