package dev.cadbridge.bench;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Wall-clock instants with {@code System.nanoTime} resolution, so one clock given to both the
 * dispatcher and the sandbox timestamps submit and arrival on the same fine-grained scale.
 */
final class NanoClock extends Clock {
    private final Instant base = Instant.now();
    private final long baseNanos = System.nanoTime();

    @Override
    public Instant instant() {
        return base.plusNanos(System.nanoTime() - baseNanos);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("benchmark clock is UTC only");
    }
}
