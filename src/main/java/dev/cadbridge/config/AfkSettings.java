package dev.cadbridge.config;

import java.time.Duration;

/**
 * After {@code timeout} without activity one kick is sent; a warning goes out {@code warnBefore}
 * earlier. {@code checkInterval} is how often online players are looked at.
 */
public record AfkSettings(boolean enabled, Duration timeout, Duration warnBefore, String kickReason, Duration checkInterval) {

    public static AfkSettings defaults() {
        return new AfkSettings(true, Duration.ofMinutes(10), Duration.ofSeconds(60), "Automated AFK Timer", Duration.ofSeconds(1));
    }

    /** The idle time at which the warning is due. */
    public Duration warnAt() {
        Duration at = timeout.minus(warnBefore);
        return at.isNegative() ? Duration.ZERO : at;
    }
}
