package dev.cadbridge.outbound;

/**
 * A token bucket driven by the monotonic nanosecond readings it is given (no clock of its own), so
 * tests can step it. Starts full with {@code burst} tokens and refills {@code perMinute} evenly.
 * After a 429 it is emptied and blocked until the reading the CAD's answer named.
 */
final class TokenBucket {
    private static final double NANOS_PER_MINUTE = 60e9;

    private final double capacity;
    private final double tokensPerNano;
    private double tokens;
    private long updatedAt;
    private long blockedUntil;
    private int rateLimitedInARow;

    TokenBucket(RateLimit limit, long now) {
        this.capacity = limit.burst();
        this.tokensPerNano = limit.perMinute() / NANOS_PER_MINUTE;
        this.tokens = capacity;
        this.updatedAt = now;
        this.blockedUntil = now;
    }

    boolean tryTake(long now) {
        refill(now);
        if (now - blockedUntil < 0 || tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }

    /** Whole requests that could go now without waiting: none while a 429 holds the endpoint. */
    int available(long now) {
        refill(now);
        return now - blockedUntil < 0 ? 0 : (int) Math.floor(tokens);
    }

    /** The earliest reading at which {@link #tryTake} can succeed. */
    long nextTokenAt(long now) {
        refill(now);
        long tokenAt = tokens >= 1 ? now : now + (long) Math.ceil((1 - tokens) / tokensPerNano);
        return tokenAt - blockedUntil > 0 ? tokenAt : blockedUntil;
    }

    /** The CAD said "too many": spend everything and send nothing on this endpoint before {@code until}. */
    void rateLimited(long until) {
        tokens = 0;
        rateLimitedInARow++;
        if (until - blockedUntil > 0) {
            blockedUntil = until;
        }
    }

    int rateLimitedInARow() {
        return rateLimitedInARow;
    }

    void answered() {
        rateLimitedInARow = 0;
    }

    private void refill(long now) {
        long elapsed = now - updatedAt;
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + elapsed * tokensPerNano);
            updatedAt = now;
        }
    }
}
