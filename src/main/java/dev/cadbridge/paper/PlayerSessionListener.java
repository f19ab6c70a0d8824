package dev.cadbridge.paper;

import dev.cadbridge.core.CadBridgeCore;
import org.bukkit.event.EventHandler;
import org.bukkit.event.EventPriority;
import org.bukkit.event.Listener;
import org.bukkit.event.player.PlayerJoinEvent;
import org.bukkit.event.player.PlayerQuitEvent;

/** Join and quit: identity loading, AFK tracking, and the quit action. */
final class PlayerSessionListener implements Listener {
    private final CadBridgeCore core;
    private final PaperPlatform platform;

    PlayerSessionListener(CadBridgeCore core, PaperPlatform platform) {
        this.core = core;
        this.platform = platform;
    }

    @EventHandler(priority = EventPriority.MONITOR)
    public void onJoin(PlayerJoinEvent event) {
        core.playerJoined(platform.wrap(event.getPlayer()));
    }

    @EventHandler(priority = EventPriority.MONITOR)
    public void onQuit(PlayerQuitEvent event) {
        core.playerLeft(platform.wrap(event.getPlayer()));
    }
}
