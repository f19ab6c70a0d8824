package dev.cadbridge.paper;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.mockbukkit.mockbukkit.ServerMock;

/** Time on the mock server: 50 ms per tick, so {@code performTicks} moves the plugin's clock as a real server would. */
final class TickClock extends Clock {
    static final long MILLIS_PER_TICK = 50;

    private final ServerMock server;
    private final Instant start;

    TickClock(ServerMock server, Instant start) {
        this.server = server;
        this.start = start;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the mock server runs on UTC");
    }

    @Override
    public Instant instant() {
        return start.plusMillis(server.getScheduler().getCurrentTick() * MILLIS_PER_TICK);
    }
}
