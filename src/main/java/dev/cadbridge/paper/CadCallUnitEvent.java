package dev.cadbridge.paper;

import org.bukkit.entity.Player;
import org.bukkit.event.Event;

/**
 * A dispatcher moved this player's CAD unit onto or off a call: what {@link CadCallAssignedEvent} and
 * {@link CadCallUnassignedEvent} share. Fired on the player's own thread, after the player was told in chat.
 */
public abstract class CadCallUnitEvent extends Event {
    private final Player player;
    private final String unit;
    private final long callId;
    private final String title;
    private final String address;

    protected CadCallUnitEvent(Player player, String unit, long callId, String title, String address) {
        super(false);
        this.player = player;
        this.unit = unit;
        this.callId = callId;
        this.title = title;
        this.address = address;
    }

    /** The player whose unit was attached or detached. */
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

    /** The call's title; empty when not known (a call missing from the open calls the CAD listed at connect). */
    public String getTitle() {
        return title;
    }

    /** The call's address; empty when not known. */
    public String getAddress() {
        return address;
    }
}
