package io.papermc.paper.event.player;

import org.bukkit.entity.Player;
import org.bukkit.event.Cancellable;
import org.bukkit.event.player.PlayerEvent;

public abstract class AbstractChatEvent extends PlayerEvent implements Cancellable {
    // The real constructor takes io.papermc.paper.chat types the reference surface does not list.
    AbstractChatEvent(boolean async, Player player) {
        super(player, async);
    }

    @Override
    public final boolean isCancelled() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public final void setCancelled(boolean cancel) {
        throw new UnsupportedOperationException("stub");
    }
}
