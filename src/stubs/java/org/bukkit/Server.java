package org.bukkit;

import io.papermc.paper.threadedregions.scheduler.AsyncScheduler;
import io.papermc.paper.threadedregions.scheduler.GlobalRegionScheduler;
import java.util.Collection;
import java.util.UUID;
import org.bukkit.entity.Player;
import org.bukkit.plugin.PluginManager;

public interface Server {
    Collection<? extends Player> getOnlinePlayers();

    Player getPlayer(UUID id);

    Player getPlayerExact(String name);

    OfflinePlayer getOfflinePlayerIfCached(String name);

    boolean isStopping();

    PluginManager getPluginManager();

    GlobalRegionScheduler getGlobalRegionScheduler();

    AsyncScheduler getAsyncScheduler();
}
