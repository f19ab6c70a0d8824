package dev.cadbridge.outbound;

/**
 * A token bucket: {@code burst} requests at once, then {@code perMinute} refilled evenly.
 * Keep {@code burst + perMinute} within the API's published per-minute limit so that no 60-second
 * window can exceed it, however the server counts.
 */
public record RateLimit(int perMinute, int burst) {
    public RateLimit {
        if (perMinute < 1) {
            throw new IllegalArgumentException("requests per minute must be at least 1, got " + perMinute);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be at least 1, got " + burst);
        }
    }

    /** The bucket for an endpoint the API limits to {@code limit} requests per minute. */
    public static RateLimit within(int limit) {
        int burst = Math.max(1, limit / 10);
        return new RateLimit(Math.max(1, limit - burst), burst);
    }
}
