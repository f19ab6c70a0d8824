package dev.cadbridge.paper;

import java.time.Duration;
import java.util.UUID;
import org.mockbukkit.mockbukkit.ServerMock;
import org.mockbukkit.mockbukkit.entity.PlayerMock;

/**
 * A MockBukkit player with Paper's idle timer ({@code Player#getIdleDuration}, which MockBukkit
 * leaves unimplemented). By default it counts from the join and nothing resets it, so only
 * CadBridge's own activity record (fed by the events under test) can keep the player active; a
 * test can set it to stand for the server seeing activity CadBridge does not.
 */
final class PaperLikePlayer extends PlayerMock {
    private final long joinedAtTick;
    private volatile Duration serverIdle;

    PaperLikePlayer(ServerMock server, String name) {
        super(server, name, UUID.nameUUIDFromBytes(("player:" + name).getBytes()));
        this.joinedAtTick = server.getScheduler().getCurrentTick();
    }

    void serverIdle(Duration idle) {
        this.serverIdle = idle;
    }

    @Override
    public Duration getIdleDuration() {
        Duration set = serverIdle;
        if (set != null) {
            return set;
        }
        return Duration.ofMillis((getServer().getScheduler().getCurrentTick() - joinedAtTick) * TickClock.MILLIS_PER_TICK);
    }
}
