package dev.cadbridge.paper;

import org.bukkit.event.Event;
import org.bukkit.event.HandlerList;

/**
 * A dispatch call was created in the CAD (CAD event {@code EVENT_DISPATCH_NEW}; calls this server created itself are not pushed back). Asynchronous: fired off the server thread; schedule on the server before touching the world or players.
 */
public class CadCallCreatedEvent extends Event {
    private static final HandlerList HANDLERS = new HandlerList();

    private final long callId;
    private final String title;
    private final String address;
    private final String code;
    private final int priority;

    public CadCallCreatedEvent(long callId, String title, String address, String code, int priority) {
        super(true);
        this.callId = callId;
        this.title = title;
        this.address = address;
        this.code = code;
        this.priority = priority;
    }

    /** The call number. */
    public long getCallId() {
        return callId;
    }

    /** The title. */
    public String getTitle() {
        return title;
    }

    /** The address. */
    public String getAddress() {
        return address;
    }

    /** The call code ("10-39 - Traffic Stop"); may be empty. */
    public String getCode() {
        return code;
    }

    /** 1 to 3; 0 when the CAD did not say. */
    public int getPriority() {
        return priority;
    }

    @Override
    public HandlerList getHandlers() {
        return HANDLERS;
    }

    public static HandlerList getHandlerList() {
        return HANDLERS;
    }
}
