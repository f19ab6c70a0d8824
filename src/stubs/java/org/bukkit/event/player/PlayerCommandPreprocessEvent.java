package org.bukkit.event.player;

import org.bukkit.entity.Player;
import org.bukkit.event.Cancellable;
import org.bukkit.event.HandlerList;

public class PlayerCommandPreprocessEvent extends PlayerEvent implements Cancellable {
    public PlayerCommandPreprocessEvent(Player player, String message) {
        super(player);
    }

    @Override
    public boolean isCancelled() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void setCancelled(boolean cancel) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public HandlerList getHandlers() {
        throw new UnsupportedOperationException("stub");
    }

    public static HandlerList getHandlerList() {
        throw new UnsupportedOperationException("stub");
    }
}
