package io.papermc.paper.threadedregions.scheduler;

import java.util.function.Consumer;
import org.bukkit.plugin.Plugin;

public interface GlobalRegionScheduler {
    void execute(Plugin plugin, Runnable run);

    ScheduledTask runDelayed(Plugin plugin, Consumer<ScheduledTask> task, long delayTicks);

    ScheduledTask runAtFixedRate(Plugin plugin, Consumer<ScheduledTask> task, long initialDelayTicks, long periodTicks);
}
