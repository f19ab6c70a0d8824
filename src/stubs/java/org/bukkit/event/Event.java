package org.bukkit.event;

public abstract class Event {
    public Event() {
        throw new UnsupportedOperationException("stub");
    }

    public Event(boolean isAsync) {
        throw new UnsupportedOperationException("stub");
    }

    public abstract HandlerList getHandlers();

    public boolean callEvent() {
        throw new UnsupportedOperationException("stub");
    }
}
