package dev.cadbridge.outbound;

import dev.cadbridge.sonoran.ApiGeneration;
import dev.cadbridge.sonoran.OperationType;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * Queue, batching, rate-limit, retry and expiry settings.
 * {@code rateLimits} are per operation type (v2 limits are per endpoint); under v1 one shared
 * bucket, {@code v1RateLimit}, paces every request because v1 publishes no per-endpoint numbers.
 */
public record DispatcherSettings(
        int queueCapacity,
        int maxBatchSize,
        Map<OperationType, Duration> deadlines,
        Map<OperationType, RateLimit> rateLimits,
        RateLimit v1RateLimit,
        Duration retryBaseDelay,
        Duration retryMaxDelay) {

    public DispatcherSettings {
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("dispatcher.queue-capacity: must be at least 1, got " + queueCapacity);
        }
        if (maxBatchSize < 1 || maxBatchSize > 500) {
            throw new IllegalArgumentException("dispatcher.max-batch-size: must be between 1 and 500, got " + maxBatchSize);
        }
        deadlines = complete("dispatcher.deadlines", deadlines);
        rateLimits = complete("dispatcher.rate-limits", rateLimits);
        if (v1RateLimit == null) {
            throw new IllegalArgumentException("dispatcher.rate-limits.v1: is missing");
        }
        if (retryBaseDelay == null || retryBaseDelay.isNegative() || retryBaseDelay.isZero()) {
            throw new IllegalArgumentException("dispatcher.retry-base-delay: must be positive, got " + retryBaseDelay);
        }
        if (retryMaxDelay == null || retryMaxDelay.compareTo(retryBaseDelay) < 0) {
            throw new IllegalArgumentException("dispatcher.retry-max-delay: must be at least the base delay, got " + retryMaxDelay);
        }
    }

    /** Each route's documented v2 limit and default deadline, from the route table. */
    public static DispatcherSettings defaults() {
        Map<OperationType, Duration> deadlines = new EnumMap<>(OperationType.class);
        Map<OperationType, RateLimit> limits = new EnumMap<>(OperationType.class);
        for (OperationType type : OperationType.values()) {
            deadlines.put(type, type.route().deadline());
            limits.put(type, RateLimit.within(type.route().limitPerMinute()));
        }
        return new DispatcherSettings(10_000, 50, deadlines, limits, new RateLimit(60, 3),
                Duration.ofSeconds(1), Duration.ofSeconds(60));
    }

    private static <V> Map<OperationType, V> complete(String key, Map<OperationType, V> values) {
        if (values == null) {
            throw new IllegalArgumentException(key + ": is missing");
        }
        for (OperationType type : OperationType.values()) {
            if (!values.containsKey(type) || values.get(type) == null) {
                throw new IllegalArgumentException(key + ": no value for " + type);
            }
        }
        return Map.copyOf(new EnumMap<>(values));
    }

    /** Used by v1; kept here so callers need not know the generation rule. */
    public RateLimit rateLimitFor(ApiGeneration generation, OperationType type) {
        return generation == ApiGeneration.V1 ? v1RateLimit : rateLimits.get(type);
    }
}
