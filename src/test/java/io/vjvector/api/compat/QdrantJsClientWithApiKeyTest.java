package io.vjvector.api.compat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vjvector.security.ApiKeyProfile;

/**
 * The same Qdrant JS client run against a server that requires Qdrant's API key: the client
 * connects unchanged with its {@code apiKey} option, and without it is refused.
 */
@QuarkusTest
@TestProfile(ApiKeyProfile.class)
class QdrantJsClientWithApiKeyTest extends QdrantJsClientCompatibilityTest {

    @Override
    protected String apiKey() {
        return ApiKeyProfile.ADMIN_KEY;
    }
}
