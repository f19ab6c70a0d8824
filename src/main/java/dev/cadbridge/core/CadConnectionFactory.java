package dev.cadbridge.core;

import dev.cadbridge.dispatch.DispatcherSettings;
import dev.cadbridge.sonoran.SonoranSettings;

/** Opens the connection; the plugin passes the real client, tests pass a fake or the sandbox-backed client. */
@FunctionalInterface
public interface CadConnectionFactory {
    CadConnection open(SonoranSettings sonoran, DispatcherSettings dispatcher);
}
