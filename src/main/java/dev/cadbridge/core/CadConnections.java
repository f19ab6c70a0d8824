package dev.cadbridge.core;

import dev.cadbridge.outbound.CadDispatcher;
import dev.cadbridge.outbound.SonoranDispatcher;
import dev.cadbridge.sonoran.CadLinks;
import dev.cadbridge.sonoran.CredentialCheck;
import dev.cadbridge.sonoran.SonoranSettings;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;

/** The production {@link CadConnectionFactory}: the Sonoran HTTP client. */
public final class CadConnections {
    private CadConnections() {}

    public static CadConnectionFactory sonoran(Logger logger) {
        return (sonoran, dispatcherSettings, outbox) -> of(SonoranDispatcher.builder(sonoran)
                .dispatcherSettings(dispatcherSettings)
                .listener(outbox)
                .logger(logger)
                .build());
    }

    /** Wraps an already built dispatcher, for tests that configure it themselves. */
    public static CadConnection of(SonoranDispatcher dispatcher) {
        return new CadConnection() {
            @Override
            public CadDispatcher dispatcher() {
                return dispatcher;
            }

            @Override
            public CadLinks links() {
                return dispatcher;
            }

            @Override
            public void reconfigure(SonoranSettings settings) {
                dispatcher.reconfigure(settings);
            }

            @Override
            public CompletableFuture<CredentialCheck> checkCredentials() {
                return dispatcher.checkCredentials();
            }
        };
    }
}
