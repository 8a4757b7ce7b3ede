package io.vjvector.security;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjvector.config.Role;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FailClosedTest {

    @Test
    void clusterRolesRefuseToStartWithoutAuthenticationOrClusterSecret() {
        for (Role role : new Role[] {Role.GATEWAY, Role.MASTER, Role.REPLICA}) {
            IllegalStateException open = assertThrows(IllegalStateException.class,
                    () -> FailClosed.check(role, AuthMode.NONE, Optional.of("s3cret")));
            assertTrue(open.getMessage().contains("vjvector.auth.mode=none"), open.getMessage());
            IllegalStateException noSecret = assertThrows(IllegalStateException.class,
                    () -> FailClosed.check(role, AuthMode.OIDC, Optional.empty()));
            assertTrue(noSecret.getMessage().contains("vjvector.cluster.secret"), noSecret.getMessage());
            assertThrows(IllegalStateException.class, () -> FailClosed.check(role, AuthMode.API_KEY, Optional.of(" ")));
            assertDoesNotThrow(() -> FailClosed.check(role, AuthMode.OIDC_AND_API_KEY, Optional.of("s3cret")));
        }
    }

    @Test
    void standaloneMayRunOpen() {
        assertDoesNotThrow(() -> FailClosed.check(Role.STANDALONE, AuthMode.NONE, Optional.empty()));
    }

    @Test
    void modesParseByTheirConfigNames() {
        assertTrue(AuthMode.parse("oidc+api-key").acceptsOidc());
        assertTrue(AuthMode.parse("API-KEY").acceptsApiKeys());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AuthMode.parse("ldap"));
        assertTrue(e.getMessage().contains("none, oidc, api-key, oidc+api-key"), e.getMessage());
    }
}
