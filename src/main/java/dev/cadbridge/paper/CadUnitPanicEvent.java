package dev.cadbridge.paper;

import java.util.UUID;
import org.bukkit.event.Event;
import org.bukkit.event.HandlerList;

/**
 * A unit pressed or cleared its panic button in the CAD (CAD event {@code EVENT_UNIT_PANIC}). Asynchronous: fired off the server thread.
 */
public class CadUnitPanicEvent extends Event {
    private static final HandlerList HANDLERS = new HandlerList();

    private final long ident;
    private final String unit;
    private final UUID playerId;
    private final boolean panic;

    public CadUnitPanicEvent(long ident, String unit, UUID playerId, boolean panic) {
        super(true);
        this.ident = ident;
        this.unit = unit;
        this.playerId = playerId;
        this.panic = panic;
    }

    /** The CAD identifier id of the unit. */
    public long getIdent() {
        return ident;
    }

    /** Its callsign. */
    public String getUnit() {
        return unit;
    }

    /** The unit's player when they are online here, else null. */
    public UUID getPlayerId() {
        return playerId;
    }

    /** True when pressed, false when cleared. */
    public boolean isPanic() {
        return panic;
    }

    @Override
    public HandlerList getHandlers() {
        return HANDLERS;
    }

    public static HandlerList getHandlerList() {
        return HANDLERS;
    }
}
