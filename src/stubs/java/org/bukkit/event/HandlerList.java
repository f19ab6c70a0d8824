package org.bukkit.event;

public class HandlerList {
    public HandlerList() {
        throw new UnsupportedOperationException("stub");
    }
}
