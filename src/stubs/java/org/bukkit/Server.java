package org.bukkit;

import java.util.Collection;
import java.util.UUID;
import org.bukkit.entity.Player;
import org.bukkit.plugin.PluginManager;
import org.bukkit.scheduler.BukkitScheduler;

public interface Server {
    Collection<? extends Player> getOnlinePlayers();

    Player getPlayer(UUID id);

    Player getPlayerExact(String name);

    OfflinePlayer getOfflinePlayerIfCached(String name);

    boolean isStopping();

    PluginManager getPluginManager();

    BukkitScheduler getScheduler();

    boolean isPrimaryThread();
}
