package io.papermc.paper.event.player;

import org.bukkit.entity.Player;
import org.bukkit.event.HandlerList;

public class AsyncChatEvent extends AbstractChatEvent {
    AsyncChatEvent(boolean async, Player player) {
        super(async, player);
    }

    @Override
    public HandlerList getHandlers() {
        throw new UnsupportedOperationException("stub");
    }

    public static HandlerList getHandlerList() {
        throw new UnsupportedOperationException("stub");
    }
}
