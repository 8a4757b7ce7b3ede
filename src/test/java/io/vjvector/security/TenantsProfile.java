package io.vjvector.security;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * {@code vjvector.auth.mode=oidc+api-key}: OIDC tokens from {@link LocalOidcIssuer}, the admin key
 * of {@link ApiKeyProfile}, managed keys and Qdrant JWTs, so callers of every scheme meet.
 */
public class TenantsProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("vjvector.auth.api-key", ApiKeyProfile.ADMIN_KEY);
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(LocalOidcIssuer.class, Map.of("mode", "oidc+api-key")));
    }
}
