package dev.cadbridge.platform;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/** An online player, as the feature packages see one. Call only on the thread that owns the player ({@link Platform#runFor}). */
public interface PlatformPlayer extends CommandSource {

    UUID uniqueId();

    BlockPosition blockPosition();

    /** Writes where the player is and where they face into {@code into}, allocating nothing where the platform allows. */
    default void samplePosition(PositionSample into) {
        BlockPosition block = blockPosition();
        into.x = block.x();
        into.y = block.y();
        into.z = block.z();
    }

    /** The server's own idle timer (Paper's {@code Player#getIdleDuration()}); empty where the server has none. */
    Optional<Duration> idleDuration();

    @Override
    default Optional<PlatformPlayer> asPlayer() {
        return Optional.of(this);
    }
}
