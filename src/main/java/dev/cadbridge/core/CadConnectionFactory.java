package dev.cadbridge.core;

import dev.cadbridge.outbound.DispatcherSettings;
import dev.cadbridge.outbound.OutboxListener;
import dev.cadbridge.sonoran.SonoranSettings;

/**
 * Opens the connection; the plugin passes the real client, tests pass a fake or the sandbox-backed
 * client. The dispatcher it builds must report to {@code outbox}, so no accepted operation is lost.
 */
@FunctionalInterface
public interface CadConnectionFactory {
    CadConnection open(SonoranSettings sonoran, DispatcherSettings dispatcher, OutboxListener outbox);
}
