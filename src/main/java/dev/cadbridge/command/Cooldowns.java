package dev.cadbridge.command;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** Per-player pause between commands that reach the CAD. Players in different Folia regions use it at once. */
public final class Cooldowns {
    private final Clock clock;
    private final Supplier<Duration> cooldown;
    private final Map<UUID, Instant> lastStarted = new ConcurrentHashMap<>();

    public Cooldowns(Clock clock, Supplier<Duration> cooldown) {
        this.clock = clock;
        this.cooldown = cooldown;
    }

    /** Starts the cooldown and returns empty, or returns how long is left without restarting it. */
    public Optional<Duration> tryStart(UUID playerId) {
        Instant now = clock.instant();
        Instant last = lastStarted.get(playerId);
        if (last != null) {
            Duration left = Duration.between(now, last.plus(cooldown.get()));
            if (left.isPositive()) {
                return Optional.of(left);
            }
        }
        lastStarted.put(playerId, now);
        return Optional.empty();
    }

    public void forget(UUID playerId) {
        lastStarted.remove(playerId);
    }
}
