package dev.cadbridge.paper;

import org.bukkit.entity.Player;
import org.bukkit.event.HandlerList;

/**
 * A dispatcher detached this player's CAD unit from a call (CAD event {@code EVENT_DISPATCH_UNIT_DETACH}). Fired on the player's own thread, after the player was told in chat.
 */
public class CadCallUnassignedEvent extends CadCallUnitEvent {
    private static final HandlerList HANDLERS = new HandlerList();

    public CadCallUnassignedEvent(Player player, String unit, long callId, String title, String address) {
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
