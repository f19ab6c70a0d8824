package dev.cadbridge.outbound;

import java.time.Duration;
import java.time.Instant;

/**
 * One reading of the dispatcher's two clocks. {@code wall} is the system clock, used only for the
 * deadlines stored with each operation (they outlive a restart). {@code nanos} is a monotonic count
 * ({@link System#nanoTime()} in production) for pacing, backoff and Retry-After, which must keep
 * running at the real rate when an administrator or NTP sets the system clock back. Monotonic
 * values are compared by subtraction, as {@code nanoTime} values must be.
 */
record Moment(Instant wall, long nanos) {

    Moment plus(Duration duration) {
        return new Moment(wall.plus(duration), nanos + duration.toNanos());
    }

    /** The monotonic wait from this moment until {@code laterNanos}, zero if that has passed. */
    Duration until(long laterNanos) {
        long wait = laterNanos - nanos;
        return wait > 0 ? Duration.ofNanos(wait) : Duration.ZERO;
    }

    /** True while the monotonic instant {@code otherNanos} is still ahead. */
    boolean isBefore(long otherNanos) {
        return nanos - otherNanos < 0;
    }
}
