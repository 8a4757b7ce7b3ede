package io.vjvector.security;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;

/** {@code vjvector.auth.mode=oidc} against {@link LocalOidcIssuer}, roles at {@code realm_access.roles}. */
public class OidcProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(LocalOidcIssuer.class));
    }
}
