package dev.cadbridge.paper;

import org.bukkit.event.Event;
import org.bukkit.event.HandlerList;

/**
 * A 911 call reached the CAD (CAD event {@code EVENT_911}). Asynchronous: fired off the server thread.
 */
public class Cad911CallEvent extends Event {
    private static final HandlerList HANDLERS = new HandlerList();

    private final long callId;
    private final boolean emergency;
    private final String caller;
    private final String location;
    private final String description;

    public Cad911CallEvent(long callId, boolean emergency, String caller, String location, String description) {
        super(true);
        this.callId = callId;
        this.emergency = emergency;
        this.caller = caller;
        this.location = location;
        this.description = description;
    }

    /** The 911 call's number. */
    public long getCallId() {
        return callId;
    }

    /** True for an emergency, false for a civil call. */
    public boolean isEmergency() {
        return emergency;
    }

    /** Who called. */
    public String getCaller() {
        return caller;
    }

    /** Where. */
    public String getLocation() {
        return location;
    }

    /** What is happening. */
    public String getDescription() {
        return description;
    }

    @Override
    public HandlerList getHandlers() {
        return HANDLERS;
    }

    public static HandlerList getHandlerList() {
        return HANDLERS;
    }
}
