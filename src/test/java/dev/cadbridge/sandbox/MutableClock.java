package dev.cadbridge.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock tests move by hand, so rate-limit windows and link-code expiry need no sleeps. Thread-safe.
 * It also keeps a monotonic twin, {@link #nanoTime()}, for the dispatcher's pacing: {@link #advance}
 * moves both, as real time passing would; {@link #set} moves only the wall clock, as an administrator
 * or NTP setting the system clock would.
 */
public final class MutableClock extends Clock {
    private volatile Instant now;
    private volatile long nanos;

    public MutableClock(Instant start) {
        this.now = start;
    }

    /** Starts at a fixed, readable instant. */
    public MutableClock() {
        this(Instant.parse("2026-08-13T12:00:00Z"));
    }

    public synchronized void advance(Duration step) {
        now = now.plus(step);
        nanos += step.toNanos();
    }

    /** Monotonic nanoseconds: moved by {@link #advance} only, never back. */
    public long nanoTime() {
        return nanos;
    }

    public void set(Instant instant) {
        now = instant;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("MutableClock is always UTC");
    }
}
