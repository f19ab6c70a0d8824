package dev.cadbridge.core;

import java.util.logging.Logger;

/** The production {@link CadConnectionFactory}. */
public final class CadConnections {
    private CadConnections() {}

    /**
     * The Sonoran HTTP client. Until {@code dev.cadbridge.sonoran.SonoranDispatcher} is part of the
     * build this factory refuses, and the plugin runs without the CAD and says so in /cad status.
     */
    public static CadConnectionFactory sonoran(Logger logger) {
        return (sonoran, dispatcher) -> {
            throw new IllegalStateException("this build does not contain the Sonoran CAD client yet");
        };
    }
}
