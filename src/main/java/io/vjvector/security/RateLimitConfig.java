package io.vjvector.security;

import io.smallrye.config.ConfigMapping;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/** {@code vjvector.rate-limit.<role>.*}: a token bucket per caller, sized by the caller's role; off unless set. */
@ConfigMapping(prefix = "vjvector.rate-limit")
public interface RateLimitConfig {

    RoleLimit admin();

    RoleLimit writer();

    RoleLimit reader();

    default RoleLimit of(AccessRole role) {
        return switch (role) {
            case ADMIN -> admin();
            case WRITER -> writer();
            case READER -> reader();
        };
    }

    interface RoleLimit {

        /** Sustained requests per second of one caller; unset means no limit. */
        OptionalDouble requestsPerSecond();

        /** Requests one caller may send at once above the sustained rate; defaults to one second's worth. */
        OptionalInt burst();
    }
}
