package dev.cadbridge.paper;

import org.bukkit.entity.Player;
import org.bukkit.event.HandlerList;

/**
 * A dispatcher attached this player's CAD unit to a call (CAD event {@code EVENT_DISPATCH_UNIT_ATTACH}). Fired on the player's own thread, after the player was told in chat; for sounds, titles or a scoreboard.
 */
public class CadCallAssignedEvent extends CadCallUnitEvent {
    private static final HandlerList HANDLERS = new HandlerList();

    public CadCallAssignedEvent(Player player, String unit, long callId, String title, String address) {
        super(player, unit, callId, title, address);
    }

    @Override
    public HandlerList getHandlers() {
        return HANDLERS;
    }

    public static HandlerList getHandlerList() {
        return HANDLERS;
    }
}
