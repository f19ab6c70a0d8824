package org.bukkit.event.player;

import org.bukkit.entity.Player;
import org.bukkit.event.Cancellable;
import org.bukkit.event.HandlerList;
import org.bukkit.inventory.EquipmentSlot;

public class PlayerInteractEvent extends PlayerEvent implements Cancellable {
    // The real constructors take org.bukkit.event.block.Action, which the reference surface does not list.
    PlayerInteractEvent(Player player) {
        super(player);
    }

    public EquipmentSlot getHand() {
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
