package io.vjvector.security;

import io.vjvector.config.Role;
import java.util.Optional;

/**
 * Cluster roles never start open: a gateway, master or replica needs an authentication mode other
 * than {@code none} and the cluster secret its nodes present to each other. Standalone may run
 * without authentication (it binds to loopback by default).
 */
public final class FailClosed {

    private FailClosed() {
    }

    /**
     * @throws IllegalStateException naming what is missing
     */
    public static void check(Role role, AuthMode mode, Optional<String> clusterSecret) {
        if (role == Role.STANDALONE) {
            return;
        }
        if (mode == AuthMode.NONE) {
            throw new IllegalStateException("vjvector.role=" + role.configName() + " refuses to start with"
                    + " vjvector.auth.mode=none: set it to oidc, api-key or oidc+api-key");
        }
        if (clusterSecret.filter(s -> !s.isBlank()).isEmpty()) {
            throw new IllegalStateException("vjvector.role=" + role.configName() + " refuses to start without"
                    + " vjvector.cluster.secret (usually from the environment: VJVECTOR_CLUSTER_SECRET)");
        }
    }
}
