package org.bukkit.event.player;

import org.bukkit.Location;
import org.bukkit.entity.Player;
import org.bukkit.event.Cancellable;
import org.bukkit.event.HandlerList;

public class PlayerMoveEvent extends PlayerEvent implements Cancellable {
    public PlayerMoveEvent(Player player, Location from, Location to) {
        super(player);
    }

    public boolean hasChangedBlock() {
        throw new UnsupportedOperationException("stub");
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
