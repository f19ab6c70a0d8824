package dev.cadbridge.paper;

import dev.cadbridge.core.CadBridgeCore;
import io.papermc.paper.event.player.AsyncChatEvent;
import org.bukkit.entity.Player;
import org.bukkit.event.EventHandler;
import org.bukkit.event.EventPriority;
import org.bukkit.event.Listener;
import org.bukkit.event.player.PlayerCommandPreprocessEvent;
import org.bukkit.event.player.PlayerInteractEvent;
import org.bukkit.event.player.PlayerMoveEvent;

/**
 * Signs that a player is at the keyboard, for the AFK timer. Each handler is a few field reads
 * and one map lookup: the move handler runs for every movement packet on the server.
 */
final class ActivityListener implements Listener {
    private final CadBridgeCore core;

    ActivityListener(CadBridgeCore core) {
        this.core = core;
    }

    /**
     * Walking into another block by their own movement; looking around and vehicles do not count.
     * Neither does movement in water, because currents carry players; a swimmer stays active
     * through Paper's idle timer and their other actions.
     */
    @EventHandler(priority = EventPriority.MONITOR, ignoreCancelled = true)
    public void onMove(PlayerMoveEvent event) {
        if (!event.hasChangedBlock()) {
            return;
        }
        Player player = event.getPlayer();
        if (player.isInsideVehicle() || player.isInWater()) {
            return;
        }
        core.playerActive(player.getUniqueId());
    }

    /** Arrives off the server thread; recording activity is thread-safe. */
    @EventHandler(priority = EventPriority.MONITOR)
    public void onChat(AsyncChatEvent event) {
        core.playerActive(event.getPlayer().getUniqueId());
    }

    @EventHandler(priority = EventPriority.MONITOR)
    public void onCommand(PlayerCommandPreprocessEvent event) {
        core.playerActive(event.getPlayer().getUniqueId());
    }

    /** Clicks count; stepping on a pressure plate (a physical interaction, which has no hand) does not. */
    @EventHandler(priority = EventPriority.MONITOR)
    public void onInteract(PlayerInteractEvent event) {
        if (event.getHand() != null) {
            core.playerActive(event.getPlayer().getUniqueId());
        }
    }
}
