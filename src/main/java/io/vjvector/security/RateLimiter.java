package io.vjvector.security;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * One token bucket per caller subject, sized by the caller's role ({@code vjvector.rate-limit}).
 * Subjects are authenticated identities, never what an anonymous client sends, so the table grows
 * only with real callers.
 */
final class RateLimiter {

    private record Limit(double perSecond, double burst) {
    }

    private final Map<AccessRole, Limit> limits = new EnumMap<>(AccessRole.class);
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;

    RateLimiter(RateLimitConfig config, LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        for (AccessRole role : AccessRole.values()) {
            RateLimitConfig.RoleLimit limit = config.of(role);
            if (limit.requestsPerSecond().isPresent()) {
                double perSecond = limit.requestsPerSecond().getAsDouble();
                if (!(perSecond > 0)) {
                    throw new IllegalArgumentException("vjvector.rate-limit." + role.configName()
                            + ".requests-per-second must be greater than 0, got " + perSecond);
                }
                int burst = limit.burst().orElse((int) Math.max(1, Math.ceil(perSecond)));
                if (burst < 1) {
                    throw new IllegalArgumentException("vjvector.rate-limit." + role.configName()
                            + ".burst must be at least 1, got " + burst);
                }
                limits.put(role, new Limit(perSecond, burst));
            }
        }
    }

    boolean enabled() {
        return !limits.isEmpty();
    }

    /** 0 when the caller may go on, else the whole seconds it should wait (Retry-After). */
    long retryAfterSeconds(Caller caller) {
        AccessRole role = caller.rateRole();
        Limit limit = limits.get(role);
        if (limit == null) {
            return 0;
        }
        long now = nanoTime.getAsLong();
        TokenBucket bucket = buckets.computeIfAbsent(role.configName() + "|" + caller.subject(),
                k -> new TokenBucket(limit.perSecond(), limit.burst(), now));
        long waitNanos = bucket.tryTake(now);
        return waitNanos == 0 ? 0 : Math.max(1, (waitNanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1));
    }
}
