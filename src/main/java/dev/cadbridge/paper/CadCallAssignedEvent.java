package dev.cadbridge.paper;

import org.bukkit.entity.Player;
import org.bukkit.event.Event;
import org.bukkit.event.HandlerList;

/**
 * A dispatcher attached this player's CAD unit to a call (CAD event {@code EVENT_DISPATCH_UNIT_ATTACH}). Fired on the player's own thread, after the player was told in chat; for sounds, titles or a scoreboard.
 */
public class CadCallAssignedEvent extends Event {
    private static final HandlerList HANDLERS = new HandlerList();

    private final Player player;
    private final String unit;
    private final long callId;
    private final String title;
    private final String address;

    public CadCallAssignedEvent(Player player, String unit, long callId, String title, String address) {
        super(false);
        this.player = player;
        this.unit = unit;
        this.callId = callId;
        this.title = title;
        this.address = address;
    }

    /** The player whose unit was attached. */
    public Player getPlayer() {
        return player;
    }

    /** The unit's callsign in the CAD ("A-10"), or its name. */
    public String getUnit() {
        return unit;
    }

    /** The call number. */
    public long getCallId() {
        return callId;
    }

    /** The call's title; empty when the CAD did not say (a call older than the live session). */
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
