package io.vjvector.security;

/**
 * A token bucket: {@code burst} requests at once, refilled at {@code perSecond}. Times are
 * nanoseconds from the caller's clock, so tests drive it without sleeping.
 */
final class TokenBucket {

    private final double perSecond;
    private final double capacity;
    private double tokens;
    private long lastNanos;

    TokenBucket(double perSecond, double capacity, long nowNanos) {
        this.perSecond = perSecond;
        this.capacity = capacity;
        this.tokens = capacity;
        this.lastNanos = nowNanos;
    }

    /** Takes one token; returns 0 when one was there, else the nanoseconds until one will be. */
    synchronized long tryTake(long nowNanos) {
        double refill = (nowNanos - lastNanos) / 1e9 * perSecond;
        tokens = Math.min(capacity, tokens + Math.max(0, refill));
        lastNanos = Math.max(lastNanos, nowNanos);
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - tokens) / perSecond * 1e9);
    }
}
