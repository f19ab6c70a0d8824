package dev.cadbridge.paper;

import java.util.Set;
import java.util.UUID;
import org.bukkit.event.Event;
import org.bukkit.event.HandlerList;

/**
 * A dispatch call was closed in the CAD (CAD event {@code EVENT_DISPATCH_CLOSED}). Asynchronous: fired off the server thread.
 */
public class CadCallClosedEvent extends Event {
    private static final HandlerList HANDLERS = new HandlerList();

    private final long callId;
    private final String title;
    private final Set<UUID> attachedPlayers;

    public CadCallClosedEvent(long callId, String title, Set<UUID> attachedPlayers) {
        super(true);
        this.callId = callId;
        this.title = title;
        this.attachedPlayers = attachedPlayers;
    }

    /** The call number. */
    public long getCallId() {
        return callId;
    }

    /** The title; empty when not known. */
    public String getTitle() {
        return title;
    }

    /** Online players whose units were on the call (they were told in chat). */
    public Set<UUID> getAttachedPlayers() {
        return attachedPlayers;
    }

    @Override
    public HandlerList getHandlers() {
        return HANDLERS;
    }

    public static HandlerList getHandlerList() {
        return HANDLERS;
    }
}
