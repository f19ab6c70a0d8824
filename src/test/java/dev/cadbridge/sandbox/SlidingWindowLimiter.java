package dev.cadbridge.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * "N requests per minute" read as strictly as possible: at most N accepted requests in ANY 60-second
 * window, per key. A fixed-window gateway would allow up to 2N across a window boundary; a client
 * that passes this limiter passes that one too. Rejected requests are not counted, so the
 * Retry-After it computes is exact. Not thread-safe: the sandbox calls it under its lock.
 */
final class SlidingWindowLimiter {
    static final Duration WINDOW = Duration.ofSeconds(60);

    private final Map<String, Deque<Instant>> accepted = new HashMap<>();

    /** Records the request and returns empty if it is within the limit, else how long to wait. */
    Optional<Duration> tryAcquire(String key, int limitPerWindow, Instant now) {
        Deque<Instant> times = accepted.computeIfAbsent(key, k -> new ArrayDeque<>());
        Instant windowStart = now.minus(WINDOW);
        while (!times.isEmpty() && !times.peekFirst().isAfter(windowStart)) {
            times.pollFirst();
        }
        if (times.size() < limitPerWindow) {
            times.addLast(now);
            return Optional.empty();
        }
        return Optional.of(Duration.between(windowStart, times.peekFirst()));
    }

    void clear() {
        accepted.clear();
    }
}
