package dev.cadbridge.paper;

import java.util.List;
import org.bukkit.event.Event;
import org.bukkit.event.HandlerList;

/**
 * 911 calls were removed in the CAD (CAD event {@code EVENT_REMOVE_911}). Asynchronous: fired off the server thread.
 */
public class Cad911RemovedEvent extends Event {
    private static final HandlerList HANDLERS = new HandlerList();

    private final List<Long> callIds;

    public Cad911RemovedEvent(List<Long> callIds) {
        super(true);
        this.callIds = callIds;
    }

    /** The removed 911 calls. */
    public List<Long> getCallIds() {
        return callIds;
    }

    @Override
    public HandlerList getHandlers() {
        return HANDLERS;
    }

    public static HandlerList getHandlerList() {
        return HANDLERS;
    }
}
