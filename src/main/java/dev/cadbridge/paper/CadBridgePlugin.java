package dev.cadbridge.paper;

import dev.cadbridge.core.CadBridgeCore;
import dev.cadbridge.core.CadConnectionFactory;
import dev.cadbridge.core.CadConnections;
import dev.cadbridge.core.StorageFactory;
import dev.cadbridge.config.ConfigFileException;
import dev.cadbridge.metrics.MetricsValues;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.bstats.bukkit.Metrics;
import org.bukkit.command.PluginCommand;
import org.bukkit.plugin.PluginManager;
import org.bukkit.plugin.java.JavaPlugin;

/**
 * The Paper entry point. It only wires Bukkit to {@link CadBridgeCore}; the plugin's behaviour
 * lives in the feature packages. Not final, and nothing happens before {@link #onEnable()}, so
 * test servers such as MockBukkit can load it.
 */
public class CadBridgePlugin extends JavaPlugin {
    private final Clock clock;
    private CadBridgeCore core;
    private Metrics metrics;

    public CadBridgePlugin() {
        this(Clock.systemUTC());
    }

    /** For test servers, whose time moves with their ticks: what the AFK timer, cooldowns and link codes measure time by. */
    protected CadBridgePlugin(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void onEnable() {
        saveDefaultConfig();
        PaperPlatform platform = new PaperPlatform(this);
        core = new CadBridgeCore(platform, connectionFactory(), storageFactory(), clock, System::getenv);
        core.enable();

        CadCommandExecutor executor = new CadCommandExecutor(core, platform);
        for (String name : List.of("cad", "911", "311", "panic")) {
            PluginCommand command = getCommand(name);
            if (command != null) {
                command.setExecutor(executor);
                command.setTabCompleter(executor);
            }
        }
        PluginManager plugins = getServer().getPluginManager();
        plugins.registerEvents(new PlayerSessionListener(core, platform), this);
        plugins.registerEvents(new ActivityListener(core), this);
        metrics = startMetrics(platform, core);
    }

    /** The live session and network mode settings are read from the file as it was at start. */
    private Metrics startMetrics(PaperPlatform platform, CadBridgeCore started) {
        Map<String, Object> fileAtStart;
        try {
            fileAtStart = platform.readConfigFile();
        } catch (ConfigFileException unreadable) {
            fileAtStart = Map.of();
        }
        Map<String, Object> file = fileAtStart;
        return BStats.start(this, () -> MetricsValues.of(started.config(), file)).orElse(null);
    }

    @Override
    public void onDisable() {
        if (metrics != null) {
            metrics.shutdown();
            metrics = null;
        }
        if (core != null) {
            // False on a plugin reload, where players stay: only a stopping server takes them off duty.
            if (getServer().isStopping()) {
                core.serverStopping();
            }
            core.disable();
            core = null;
        }
    }

    /** How the plugin reaches the CAD. */
    protected CadConnectionFactory connectionFactory() {
        return CadConnections.sonoran(getLogger());
    }

    /** Where identities and the outbox are kept: the database from the storage: section (H2 files in the plugin folder). */
    protected StorageFactory storageFactory() {
        return StorageFactory.sql(getDataFolder().toPath(), getLogger());
    }
}
