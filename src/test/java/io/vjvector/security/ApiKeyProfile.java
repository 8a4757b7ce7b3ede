package io.vjvector.security;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Qdrant's schemes on: an admin and a read-only key, JWTs signed with the admin key, a rate limit
 * on writers, and a body limit above 32 MB so that only authentication can refuse a large body.
 */
public class ApiKeyProfile implements QuarkusTestProfile {

    public static final String ADMIN_KEY = "adm1n-k3y-f0r-t3sts-9d2c";
    public static final String READ_ONLY_KEY = "r3ad-0nly-k3y-f0r-t3sts-41be";
    public static final double WRITER_RATE = 1;
    public static final int WRITER_BURST = 2;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "vjvector.auth.mode", "api-key",
                "vjvector.auth.api-key", ADMIN_KEY,
                "vjvector.auth.read-only-api-key", READ_ONLY_KEY,
                "vjvector.rate-limit.writer.requests-per-second", Double.toString(WRITER_RATE),
                "vjvector.rate-limit.writer.burst", Integer.toString(WRITER_BURST),
                "vjvector.limits.max-body-size", "64M");
    }
}
