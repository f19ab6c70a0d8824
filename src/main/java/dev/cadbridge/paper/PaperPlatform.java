package dev.cadbridge.paper;

import dev.cadbridge.config.ConfigFileException;
import dev.cadbridge.platform.CadNews;
import dev.cadbridge.platform.Platform;
import dev.cadbridge.platform.PlatformPlayer;
import dev.cadbridge.platform.TaskHandle;
import io.papermc.paper.threadedregions.scheduler.ScheduledTask;
import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import org.bukkit.OfflinePlayer;
import org.bukkit.Server;
import org.bukkit.configuration.InvalidConfigurationException;
import org.bukkit.configuration.file.YamlConfiguration;
import org.bukkit.entity.Player;
import org.bukkit.event.Event;
import org.bukkit.plugin.java.JavaPlugin;

/**
 * {@link Platform} on Paper and Folia, through Paper's region-aware schedulers only (one code path):
 * the global region scheduler for server-wide work and timers, each player's entity scheduler for
 * work on that player, the async scheduler for blocking work. On Paper the first two run on the
 * server thread; on Folia on the global region and on the player's region.
 */
final class PaperPlatform implements Platform {
    private static final long MILLIS_PER_TICK = 50;

    private final JavaPlugin plugin;
    private volatile boolean idleDurationSupported = true;

    PaperPlatform(JavaPlugin plugin) {
        this.plugin = plugin;
    }

    private Server server() {
        return plugin.getServer();
    }

    PlatformPlayer wrap(Player player) {
        return new PaperPlayer(player, this);
    }

    @Override
    public Collection<? extends PlatformPlayer> onlinePlayers() {
        return server().getOnlinePlayers().stream().map(this::wrap).toList();
    }

    @Override
    public Optional<PlatformPlayer> onlinePlayer(UUID id) {
        return Optional.ofNullable(server().getPlayer(id)).map(this::wrap);
    }

    @Override
    public Optional<PlatformPlayer> onlinePlayer(String name) {
        return Optional.ofNullable(server().getPlayerExact(name)).map(this::wrap);
    }

    @Override
    public Optional<UUID> knownPlayerId(String name) {
        return Optional.ofNullable(server().getOfflinePlayerIfCached(name)).map(OfflinePlayer::getUniqueId);
    }

    @Override
    public void runOnMain(Runnable task) {
        if (plugin.isEnabled()) {
            server().getGlobalRegionScheduler().execute(plugin, task);
        }
    }

    @Override
    public void runFor(PlatformPlayer player, Runnable task) {
        if (!plugin.isEnabled()) {
            return;
        }
        Player bukkitPlayer = player instanceof PaperPlayer paper ? paper.bukkitPlayer() : server().getPlayer(player.uniqueId());
        if (bukkitPlayer != null) {
            bukkitPlayer.getScheduler().run(plugin, scheduled -> task.run(), () -> runForRejoined(bukkitPlayer, task));
        }
    }

    /** The player object retired (they left); if they have joined again since, the task runs for the new one. */
    private void runForRejoined(Player retired, Runnable task) {
        Player now = plugin.isEnabled() ? server().getPlayer(retired.getUniqueId()) : null;
        if (now != null && now != retired) {
            now.getScheduler().run(plugin, scheduled -> task.run(), null);
        }
    }

    /** Folia has no single server thread: each player is read on their own region. */
    private static final boolean FOLIA = classExists("io.papermc.paper.threadedregions.RegionizedServer");

    private static boolean classExists(String name) {
        try {
            Class.forName(name, false, PaperPlatform.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    @Override
    public boolean playersOnGlobalThread() {
        return !FOLIA;
    }

    @Override
    public void runAsync(Runnable task) {
        if (plugin.isEnabled()) {
            server().getAsyncScheduler().runNow(plugin, scheduled -> task.run());
        }
    }

    @Override
    public TaskHandle runLater(Runnable task, Duration delay) {
        if (!plugin.isEnabled()) {
            return TaskHandle.NONE;
        }
        ScheduledTask scheduled = server().getGlobalRegionScheduler().runDelayed(plugin, self -> task.run(), ticks(delay));
        return scheduled::cancel;
    }

    @Override
    public TaskHandle runRepeating(Runnable task, Duration period) {
        long ticks = ticks(period);
        ScheduledTask scheduled = server().getGlobalRegionScheduler().runAtFixedRate(plugin, self -> task.run(), ticks, ticks);
        return scheduled::cancel;
    }

    private static long ticks(Duration duration) {
        return Math.max(1, duration.toMillis() / MILLIS_PER_TICK);
    }

    @Override
    public Logger logger() {
        return plugin.getLogger();
    }

    @Override
    public Optional<String> announceAfkKick(PlatformPlayer player, Duration idle, String reason) {
        CadAfkKickEvent event = new CadAfkKickEvent(((PaperPlayer) player).bukkitPlayer(), idle, reason);
        server().getPluginManager().callEvent(event);
        return event.isCancelled() ? Optional.empty() : Optional.ofNullable(event.getReason());
    }

    /**
     * A unit's assignment reaches listeners on that player's thread, with the player; everything
     * else as an asynchronous event on the live session's thread, so a storm of CAD events never
     * queues work on the server thread.
     */
    @Override
    public void announce(CadNews news) {
        if (!plugin.isEnabled()) {
            return;
        }
        switch (news) {
            case CadNews.CallAssignment assignment -> onlinePlayer(assignment.player()).ifPresent(player -> runFor(player, () -> {
                Player bukkitPlayer = ((PaperPlayer) player).bukkitPlayer();
                server().getPluginManager().callEvent(assignment.attached()
                        ? new CadCallAssignedEvent(bukkitPlayer, assignment.unit(), assignment.callId(), assignment.title(), assignment.address())
                        : new CadCallUnassignedEvent(bukkitPlayer, assignment.unit(), assignment.callId(), assignment.title(), assignment.address()));
            }));
            case CadNews.CallCreated created -> fireAsync(new CadCallCreatedEvent(created.callId(), created.title(), created.address(),
                    created.code(), created.priority()));
            case CadNews.CallClosed closed -> fireAsync(new CadCallClosedEvent(closed.callId(), closed.title(), closed.attachedPlayers()));
            case CadNews.Emergency911 call -> fireAsync(new Cad911CallEvent(call.callId(), call.emergency(), call.caller(),
                    call.location(), call.description()));
            case CadNews.Emergency911Removed removed -> fireAsync(new Cad911RemovedEvent(removed.callIds()));
            case CadNews.UnitPanic panic -> fireAsync(new CadUnitPanicEvent(panic.ident(), panic.unit(), panic.player(), panic.on()));
            case CadNews.LinkVerified verified -> fireAsync(new CadLinkVerifiedEvent(verified.communityUserId(), verified.accountUuid()));
        }
    }

    private void fireAsync(Event event) {
        server().getPluginManager().callEvent(event);
    }

    @Override
    public Map<String, Object> readConfigFile() {
        File file = configFile();
        YamlConfiguration yaml = new YamlConfiguration();
        try {
            yaml.load(file);
        } catch (IOException | InvalidConfigurationException e) {
            throw new ConfigFileException(file.getPath() + " could not be read: " + e.getMessage(), e);
        }
        return ConfigMaps.toPlain(yaml);
    }

    @Override
    public String configFileLocation() {
        return configFile().getPath();
    }

    private File configFile() {
        return new File(plugin.getDataFolder(), "config.yml");
    }

    /**
     * Paper's idle timer, when this server has it. Test servers and forks that lack it throw;
     * after the first such answer the AFK timer relies on CadBridge's own activity record alone.
     */
    Optional<Duration> idleDurationOf(Player player) {
        if (!idleDurationSupported) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(player.getIdleDuration());
        } catch (UnsupportedOperationException | NoSuchMethodError | AbstractMethodError e) {
            idleDurationSupported = false;
            return Optional.empty();
        }
    }
}
