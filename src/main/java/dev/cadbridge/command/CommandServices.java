package dev.cadbridge.command;

import dev.cadbridge.config.CadBridgeConfig;
import dev.cadbridge.config.Messages;
import dev.cadbridge.identity.IdentityService;
import dev.cadbridge.link.LinkService;
import dev.cadbridge.platform.Platform;
import java.time.Clock;
import java.util.function.Supplier;

/** What the subcommands work with. {@code config} is read each time because /cad reload replaces it. */
public record CommandServices(
        Platform platform,
        CadAccess cad,
        IdentityService identities,
        LinkService links,
        Cooldowns cooldowns,
        Supplier<CadBridgeConfig> config,
        AdminActions admin,
        Clock clock) {

    public Messages messages() {
        return config.get().messages();
    }
}
