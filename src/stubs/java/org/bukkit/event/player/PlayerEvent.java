package org.bukkit.event.player;

import org.bukkit.entity.Player;
import org.bukkit.event.Event;

public abstract class PlayerEvent extends Event {
    protected PlayerEvent(Player who) {
        throw new UnsupportedOperationException("stub");
    }

    protected PlayerEvent(Player who, boolean async) {
        throw new UnsupportedOperationException("stub");
    }

    public final Player getPlayer() {
        throw new UnsupportedOperationException("stub");
    }
}
