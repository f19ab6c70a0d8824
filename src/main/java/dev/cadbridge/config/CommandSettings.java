package dev.cadbridge.config;

import dev.cadbridge.config.DispatchDefaults;
import java.time.Duration;

/**
 * {@code cooldown} applies per player to commands that reach the CAD; the console is exempt.
 * {@code emergencyCooldown} is the pause between one player's 911 calls.
 */
public record CommandSettings(Duration cooldown, String defaultKickReason, DispatchDefaults dispatch, Duration emergencyCooldown) {
    public static CommandSettings defaults() {
        return new CommandSettings(Duration.ofSeconds(3), "Removed by staff", DispatchDefaults.defaults(), Duration.ofSeconds(60));
    }
}
