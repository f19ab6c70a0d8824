package dev.cadbridge.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The v1 limit: v1 publishes no numbers, only "not more than one call per second for an extended
 * period", which is a token bucket: {@code burst} requests at once, then one per
 * {@code refillEvery}. Not thread-safe: the sandbox calls it under its lock.
 */
final class TokenBucketLimiter {
    private record Bucket(double tokens, Instant updated) {}

    private final Map<String, Bucket> buckets = new HashMap<>();
    private int burst;
    private Duration refillEvery;

    TokenBucketLimiter(int burst, Duration refillEvery) {
        configure(burst, refillEvery);
    }

    void configure(int burst, Duration refillEvery) {
        if (burst < 1 || refillEvery.isNegative() || refillEvery.isZero()) {
            throw new IllegalArgumentException("burst must be >= 1 and refillEvery positive");
        }
        this.burst = burst;
        this.refillEvery = refillEvery;
        buckets.clear();
    }

    /** Takes a token and returns empty, or returns how long until the next token. */
    Optional<Duration> tryAcquire(String key, Instant now) {
        Bucket bucket = buckets.getOrDefault(key, new Bucket(burst, now));
        double elapsedRefills = (double) Duration.between(bucket.updated(), now).toNanos() / refillEvery.toNanos();
        double tokens = Math.min(burst, bucket.tokens() + Math.max(0, elapsedRefills));
        if (tokens >= 1) {
            buckets.put(key, new Bucket(tokens - 1, now));
            return Optional.empty();
        }
        buckets.put(key, new Bucket(tokens, now));
        return Optional.of(Duration.ofNanos((long) Math.ceil((1 - tokens) * refillEvery.toNanos())));
    }

    void clear() {
        buckets.clear();
    }
}
