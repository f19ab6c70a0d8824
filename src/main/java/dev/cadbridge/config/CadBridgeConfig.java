package dev.cadbridge.config;

import dev.cadbridge.outbound.DispatcherSettings;
import dev.cadbridge.identity.IdentitySettings;
import dev.cadbridge.link.LinkSettings;
import dev.cadbridge.live.LiveSettings;
import dev.cadbridge.network.NetworkMode;
import dev.cadbridge.sonoran.ApiGeneration;
import dev.cadbridge.storage.StorageConfig;
import java.net.URI;
import java.time.Duration;

/**
 * config.yml after validation: every value here is usable. The API key is not part of it; it
 * travels only inside {@link dev.cadbridge.sonoran.SonoranSettings}.
 * {@code storage} takes effect only at start: the core opens the database once.
 * {@code heartbeatInterval} is zero when the heartbeat is off.
 */
public record CadBridgeConfig(
        ApiGeneration generation,
        URI baseUrl,
        IdentitySettings identity,
        LinkSettings link,
        AfkSettings afk,
        QuitAction quitAction,
        String quitKickReason,
        CommandSettings commands,
        DispatcherSettings dispatcher,
        Duration shutdownTimeout,
        Messages messages,
        boolean debug,
        StorageConfig storage,
        Duration heartbeatInterval,
        LiveSettings live,
        NetworkMode network) {}
