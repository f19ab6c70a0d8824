package org.bukkit.event.player;

import net.kyori.adventure.text.Component;
import org.bukkit.entity.Player;
import org.bukkit.event.HandlerList;

public class PlayerQuitEvent extends PlayerEvent {
    public PlayerQuitEvent(Player player, Component message) {
        super(player);
    }

    @Override
    public HandlerList getHandlers() {
        throw new UnsupportedOperationException("stub");
    }

    public static HandlerList getHandlerList() {
        throw new UnsupportedOperationException("stub");
    }
}
