package dev.cadbridge.config;

import dev.cadbridge.config.DispatchDefaults;
import java.time.Duration;

/**
 * {@code cooldown} applies per player to commands that reach the CAD; the console is exempt.
 * {@code emergencyCooldown} is the pause between one player's 911 (and 311) calls.
 * {@code activeListCache} is how long /cad calls and /cad units answer from the last list the CAD
 * sent before asking again (never shorter than each route's limit allows).
 */
public record CommandSettings(Duration cooldown, String defaultKickReason, DispatchDefaults dispatch, Duration emergencyCooldown,
                              Duration activeListCache) {
    public static CommandSettings defaults() {
        return new CommandSettings(Duration.ofSeconds(3), "Removed by staff", DispatchDefaults.defaults(), Duration.ofSeconds(60),
                Duration.ofSeconds(20));
    }
}
