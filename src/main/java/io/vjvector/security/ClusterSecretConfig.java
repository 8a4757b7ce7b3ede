package io.vjvector.security;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** {@code vjvector.cluster.secret}: the credential nodes of a cluster present to each other. */
@ConfigMapping(prefix = "vjvector.cluster")
public interface ClusterSecretConfig {

    Optional<String> secret();
}
