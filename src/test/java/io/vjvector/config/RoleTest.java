package io.vjvector.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RoleTest {

    @ParameterizedTest
    @EnumSource(value = Role.class, names = "STANDALONE", mode = EnumSource.Mode.EXCLUDE)
    void clusterRolesRefuseToStartWithAClearMessage(Role role) {
        IllegalStateException e = assertThrows(IllegalStateException.class, role::requireAvailable);
        assertEquals("vjvector.role=" + role.configName() + ": role " + role.configName()
                + " is not available yet in this version; run the standalone role (the default profile)", e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = "STANDALONE")
    void standaloneStarts(Role role) {
        assertDoesNotThrow(role::requireAvailable);
    }
}
