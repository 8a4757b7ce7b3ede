package io.vjvector.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AccessTest {

    @Test
    void eachGlobalRoleMayDoWhatTheRolesBelowItMay() {
        for (AccessRole role : AccessRole.values()) {
            for (Permission permission : Permission.values()) {
                AccessRole needed = permission.leastRole();
                boolean allowed = needed == null || role.covers(needed);
                assertEquals(allowed, Access.global(role).refusal(permission, "c").isEmpty(), role + " " + permission);
            }
        }
    }

    @Test
    void perCollectionAccessReachesOnlyItsCollectionsAndNeverManages() {
        Access access = Access.perCollection(Map.of("a", AccessRole.READER, "b", AccessRole.WRITER));
        assertTrue(access.refusal(Permission.READ, "a").isEmpty());
        assertTrue(access.refusal(Permission.WRITE, "a").isPresent());
        assertTrue(access.refusal(Permission.WRITE, "b").isEmpty());
        assertTrue(access.refusal(Permission.READ, "c").isPresent());
        assertTrue(access.refusal(Permission.MANAGE, "b").isPresent());
        assertTrue(access.refusal(Permission.READ, null).isPresent(), "listing needs global access");
        assertTrue(access.refusal(Permission.OPEN, null).isEmpty());
    }
}
