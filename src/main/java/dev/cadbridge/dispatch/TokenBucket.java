package dev.cadbridge.dispatch;

import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket driven by the instants it is given (no clock of its own), so tests can step it.
 * Starts full with {@code burst} tokens and refills {@code perMinute} evenly. After a 429 it is
 * emptied and blocked until the instant the CAD named.
 */
final class TokenBucket {
    private static final double NANOS_PER_MINUTE = 60e9;

    private final double capacity;
    private final double tokensPerNano;
    private double tokens;
    private Instant updatedAt;
    private Instant blockedUntil;
    private int rateLimitedInARow;

    TokenBucket(RateLimit limit, Instant now) {
        this.capacity = limit.burst();
        this.tokensPerNano = limit.perMinute() / NANOS_PER_MINUTE;
        this.tokens = capacity;
        this.updatedAt = now;
        this.blockedUntil = now;
    }

    boolean tryTake(Instant now) {
        refill(now);
        if (now.isBefore(blockedUntil) || tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }

    /** The earliest instant {@link #tryTake} can succeed. */
    Instant nextTokenAt(Instant now) {
        refill(now);
        Instant tokenAt = tokens >= 1 ? now : now.plusNanos((long) Math.ceil((1 - tokens) / tokensPerNano));
        return tokenAt.isAfter(blockedUntil) ? tokenAt : blockedUntil;
    }

    /** The CAD said "too many": spend everything and send nothing on this endpoint before {@code until}. */
    void rateLimited(Instant until) {
        tokens = 0;
        rateLimitedInARow++;
        if (until.isAfter(blockedUntil)) {
            blockedUntil = until;
        }
    }

    int rateLimitedInARow() {
        return rateLimitedInARow;
    }

    void answered() {
        rateLimitedInARow = 0;
    }

    private void refill(Instant now) {
        if (now.isAfter(updatedAt)) {
            long elapsed = Duration.between(updatedAt, now).toNanos();
            tokens = Math.min(capacity, tokens + elapsed * tokensPerNano);
            updatedAt = now;
        }
    }
}
