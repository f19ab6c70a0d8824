package dev.cadbridge.platform;

import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Detail for owners chasing a problem, switched on by {@code debug: true}. Written at INFO with a
 * marker because server consoles hide lower levels. Callers must never pass a secret.
 */
public final class DebugLog {
    private final Logger logger;
    private volatile boolean enabled;

    public DebugLog(Logger logger) {
        this.logger = logger;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public boolean enabled() {
        return enabled;
    }

    public void log(Supplier<String> message) {
        if (enabled) {
            logger.info("[debug] " + message.get());
        }
    }
}
