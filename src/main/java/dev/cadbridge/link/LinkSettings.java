package dev.cadbridge.link;

import java.time.Duration;

/** How often a pending link code is checked. The check endpoint allows 30 requests a minute per API key. */
public record LinkSettings(Duration pollInterval) {
    public static LinkSettings defaults() {
        return new LinkSettings(Duration.ofSeconds(10));
    }
}
