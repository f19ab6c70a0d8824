package dev.cadbridge.paper;

import org.bukkit.entity.Player;
import org.bukkit.event.Event;
import org.bukkit.event.HandlerList;

/**
 * A dispatcher detached this player's CAD unit from a call (CAD event {@code EVENT_DISPATCH_UNIT_DETACH}). Fired on the player's own thread, after the player was told in chat.
 */
public class CadCallUnassignedEvent extends Event {
    private static final HandlerList HANDLERS = new HandlerList();

    private final Player player;
    private final String unit;
    private final long callId;
    private final String title;
    private final String address;

    public CadCallUnassignedEvent(Player player, String unit, long callId, String title, String address) {
        super(false);
        this.player = player;
        this.unit = unit;
        this.callId = callId;
        this.title = title;
        this.address = address;
    }

    /** The player whose unit was detached. */
    public Player getPlayer() {
        return player;
    }

    /** The unit's callsign. */
    public String getUnit() {
        return unit;
    }

    /** The call number. */
    public long getCallId() {
        return callId;
    }

    /** The call's title; empty when not known. */
    public String getTitle() {
        return title;
    }

    /** The call's address; empty when not known. */
    public String getAddress() {
        return address;
    }

    @Override
    public HandlerList getHandlers() {
        return HANDLERS;
    }

    public static HandlerList getHandlerList() {
        return HANDLERS;
    }
}
