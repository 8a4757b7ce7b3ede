package io.vjvector.cluster;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * A node as a cluster runs it: user authentication on (API keys) and the cluster secret its
 * internal calls are signed with.
 */
public class ClusterSecretProfile implements QuarkusTestProfile {

    public static final String SECRET = "cluster-s3cret-for-tests-7f1e";
    public static final String ADMIN_KEY = "adm1n-k3y-cluster-tests-55aa";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "vjvector.auth.mode", "api-key",
                "vjvector.auth.api-key", ADMIN_KEY,
                "vjvector.cluster.secret", SECRET,
                "vjvector.cluster.calls.signature-validity", "30s");
    }
}
