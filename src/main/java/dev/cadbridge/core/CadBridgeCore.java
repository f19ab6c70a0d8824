package dev.cadbridge.core;

import dev.cadbridge.afk.AfkService;
import dev.cadbridge.afk.AfkTracker;
import dev.cadbridge.command.AdminActions;
import dev.cadbridge.command.CadAccess;
import dev.cadbridge.command.CadCommand;
import dev.cadbridge.command.CommandServices;
import dev.cadbridge.command.Cooldowns;
import dev.cadbridge.config.CadBridgeConfig;
import dev.cadbridge.config.ConfigFileException;
import dev.cadbridge.config.ConfigLoader;
import dev.cadbridge.config.ConfigProblem;
import dev.cadbridge.config.CredentialBanner;
import dev.cadbridge.config.LoadedConfig;
import dev.cadbridge.doctor.Setup;
import dev.cadbridge.outbound.CadDispatcher;
import dev.cadbridge.outbound.CadQueries;
import dev.cadbridge.live.ActiveCallsSource;
import dev.cadbridge.live.CadCall;
import dev.cadbridge.live.CadUnit;
import dev.cadbridge.live.ExecutorLiveScheduler;
import dev.cadbridge.live.LiveMap;
import dev.cadbridge.live.LiveScheduler;
import dev.cadbridge.live.LiveStatus;
import dev.cadbridge.live.UnitCache;
import dev.cadbridge.outbound.PendingOperation;
import dev.cadbridge.identity.IdentityService;
import dev.cadbridge.link.LinkService;
import dev.cadbridge.network.NetworkMode;
import dev.cadbridge.network.NetworkStatus;
import dev.cadbridge.platform.DebugLog;
import dev.cadbridge.platform.Platform;
import dev.cadbridge.platform.PlatformPlayer;
import dev.cadbridge.sonoran.ActiveCall;
import dev.cadbridge.sonoran.ApiGeneration;
import dev.cadbridge.sonoran.CadLinks;
import dev.cadbridge.sonoran.CadResult;
import dev.cadbridge.sonoran.ServerHeartbeat;
import dev.cadbridge.sonoran.UpdateUnitLocations;
import dev.cadbridge.storage.StorageConfig;
import dev.cadbridge.storage.StorageStatus;
import dev.cadbridge.storage.StorageType;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The plugin without the server: configuration, identities, the CAD connection, commands, the
 * AFK timer, the heartbeat and quit handling. The paper package creates one, calls {@link #enable()},
 * and forwards events and commands to it. Everything here runs on the server thread unless noted.
 */
public final class CadBridgeCore implements CadAccess, AdminActions {
    /** How long disable may wait for the last outbox write. */
    static final Duration STORAGE_CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final Platform platform;
    private final CadConnectionFactory connectionFactory;
    private final StorageFactory storageFactory;
    private final Clock clock;
    private final ConfigLoader configLoader;
    private final Logger logger;
    private final DebugLog debug;

    private volatile LoadedConfig loaded;
    private PluginStorage storage;
    private StorageConfig storageStartedWith;
    private CurrentConnection connection;
    /** Network mode's part of this server; null when it is off or nothing is shared. */
    private NetworkNode network;
    private IdentityService identities;
    private LinkService links;
    private Cooldowns cooldowns;
    private AfkService afk;
    private QuitHandler quits;
    private CadCommand command;
    private RepeatingTask afkTimer;
    private RepeatingTask heartbeatTimer;
    private RepeatingTask liveMapTimer;
    private LiveService live;
    private volatile AttachAnswersToUnits attachAnswers;
    /** Where each live session runs its own work. */
    private final Supplier<LiveScheduler> liveSchedulers = ExecutorLiveScheduler::new;
    /** What a reload updates, in this order, each from the newly loaded configuration. */
    private List<Consumer<LoadedConfig>> reloadable = List.of();

    public CadBridgeCore(Platform platform, CadConnectionFactory connectionFactory, StorageFactory storageFactory,
                         Clock clock, Function<String, String> environment) {
        this.platform = platform;
        this.connectionFactory = connectionFactory;
        this.storageFactory = storageFactory;
        this.clock = clock;
        this.configLoader = new ConfigLoader(environment);
        this.logger = platform.logger();
        this.debug = new DebugLog(logger);
    }

    /**
     * Startup, in order. Reads config.yml on the calling thread: call it from the plugin's enable.
     * Nothing here waits for the database: storage connects on its own threads, identity loads
     * and the outbox replay run once it answers.
     */
    public void enable() {
        // 1. The configuration: problems are logged and fall back to defaults, never stop the start.
        applyConfig(readConfigAtStartup());
        // 2. Storage starts connecting on its own threads.
        storageStartedWith = config().storage();
        storage = storageFactory.start(storageStartedWith);
        warnIfSharedDatabaseKeepsTheDefaultName(storageStartedWith);
        // 3. Identities: who each player is in the CAD.
        identities = new IdentityService(storage.identities(), config().identity(), clock);
        // 4. The CAD connection (through the network's sender in network mode); the first working one replays
        //    what the last run left in the outbox.
        network = startNetwork();
        connection = new CurrentConnection(platform, network == null ? connectionFactory : network.wrap(connectionFactory), storage, logger);
        connection.match(loaded);
        // 5. The services players meet: linking, command cooldowns, the AFK timer, quit handling.
        links = new LinkService(() -> connection.get().links(), identities, config().link(), clock, platform::runLater, logger);
        cooldowns = new Cooldowns(clock, () -> config().commands().cooldown());
        afk = new AfkService(platform, new AfkTracker(config().afk(), clock), identities, this::dispatcher,
                () -> connection.unavailableReason() == null, () -> config().messages(), debug);
        quits = new QuitHandler(this::config, this::dispatcher, logger, debug);
        // 6. The live session with the CAD's hub: events into the game, positions to the live map.
        UnitCache units = new UnitCache(unit -> identities.onlinePlayerOf(unit.communityUserId(), unit.accountUuid()));
        LiveMap map = new LiveMap(platform, units, player -> identities.cadIdOf(player.uniqueId(), player.name()), config().live().map());
        live = new LiveService(units, map, updates -> dispatcher().submit(new UpdateUnitLocations(updates)),
                new LiveAnnouncer(platform, this::config, () -> links), this::activeUnits, this::activeCalls,
                liveSchedulers, clock, logger, debug, platform.configFileLocation());
        live.match(loaded);
        // 7. The commands.
        command = new CadCommand(new CommandServices(platform, this, identities, links, cooldowns, this::config, this, clock));
        // 8. The timers: the AFK check, the heartbeat and the live map's position sampling.
        afkTimer = new RepeatingTask(platform, afk::checkOnlinePlayers);
        heartbeatTimer = new RepeatingTask(platform, this::sendHeartbeat);
        liveMapTimer = new RepeatingTask(platform, live::samplePositions);
        afkTimer.every(config().afk().checkInterval());
        heartbeatTimer.every(config().heartbeatInterval());
        liveMapTimer.every(config().live().map().interval());
        // 9. What a reload updates, all the same way: from the new configuration, in this order.
        reloadable = List.of(
                next -> identities.updateSettings(next.config().identity()),
                next -> links.updateSettings(next.config().link()),
                next -> afk.tracker().updateSettings(next.config().afk()),
                connection::match,
                next -> live.match(next),
                next -> afkTimer.every(next.config().afk().checkInterval()),
                next -> heartbeatTimer.every(next.config().heartbeatInterval()),
                next -> liveMapTimer.every(next.config().live().map().interval()));
        // 10. Players already online when the plugin is enabled late (plugin managers, /reload).
        platform.onlinePlayers().forEach(this::playerJoined);
    }

    /**
     * Shutdown: stop the timers, stop link polling, give queued CAD work a last chance to go out,
     * then store what is left for the next start. Blocks for a bounded time: twice the shutdown
     * timeout plus {@link CurrentConnection#CLOSE_BEYOND_SHUTDOWN_TIMEOUT} each (this close, then a
     * reload's close still finishing) plus {@link #STORAGE_CLOSE_TIMEOUT}.
     */
    public void disable() {
        if (afkTimer != null) {
            afkTimer.cancel();
            heartbeatTimer.cancel();
            liveMapTimer.cancel();
        }
        if (live != null) {
            live.close();
        }
        if (links != null) {
            links.cancelAll();
        }
        if (loaded == null) {
            return; // enable never got as far as reading the config
        }
        List<PendingOperation> unsent = connection == null ? List.of() : connection.close(config().shutdownTimeout());
        if (storage == null) {
            return;
        }
        storage.close(unsent, STORAGE_CLOSE_TIMEOUT);
        if (unsent.isEmpty()) {
            return;
        }
        boolean saved = storage.keepsOperations() && storage.status().map(status -> status.backlog() == 0).orElse(false);
        // When the last write failed, Storage has already said which operations are lost.
        if (saved) {
            logger.warning(unsent.size() + " CAD operation(s) could not be sent before shutdown; saved, will be sent after the next start.");
        } else if (!storage.keepsOperations()) {
            logger.warning(unsent.size() + " CAD operation(s) could not be sent before shutdown and were dropped (nothing is stored).");
        }
    }

    public CadCommand command() {
        return command;
    }

    public CadBridgeConfig config() {
        return loaded.config();
    }

    // ---- events, forwarded by the paper package ----

    public void playerJoined(PlatformPlayer player) {
        UUID id = player.uniqueId();
        String name = player.name();
        identities.playerJoined(id, name).whenComplete((identity, error) -> {
            if (error != null) {
                logger.log(Level.WARNING, "Could not load the CAD identity of " + name + "; using the default id", error);
            }
            // who is on duty is a walk over units and players: never on the server thread
            platform.runAsync(live.units()::refreshPlayers);
        });
        afk.playerJoined(player);
    }

    /** Stops tracking the player and tells the CAD they left, as quit.action says. */
    public void playerLeft(PlatformPlayer player) {
        UUID id = player.uniqueId();
        String cadId = identities.cadIdOf(id, player.name());
        afk.playerLeft(player);
        links.cancel(id);
        cooldowns.forget(id);
        identities.playerLeft(id);
        platform.runAsync(live.units()::refreshPlayers);
        if (connection.unavailableReason() == null) {
            quits.playerLeft(cadId, player.name());
        }
    }

    /**
     * The server is stopping: Paper disables plugins before it disconnects players, so no quit event
     * will come. Tells the CAD now, as quit.action says, that every online player left. Call it just
     * before {@link #disable()}, whose close gives these their chance to go out and stores what
     * cannot for the next start. Server thread.
     */
    public void serverStopping() {
        if (loaded == null || quits == null || connection.unavailableReason() != null) {
            return;
        }
        quits.serverStopping(platform.onlinePlayers().stream()
                .map(player -> identities.cadIdOf(player.uniqueId(), player.name()))
                .distinct()
                .toList());
    }

    /** Walking into a new block, chatting, a command, an interaction. Any thread; O(1). */
    public void playerActive(UUID playerId) {
        afk.tracker().recordActivity(playerId);
    }

    // ---- CadAccess ----

    @Override
    public CadDispatcher dispatcher() {
        CadDispatcher dispatcher = connection.get().dispatcher();
        if (live == null) {
            return dispatcher;
        }
        // One wrapper per connection's dispatcher: callers tell a reload's new dispatcher by identity.
        AttachAnswersToUnits wrapped = attachAnswers;
        if (wrapped == null || !wrapped.wraps(dispatcher)) {
            wrapped = new AttachAnswersToUnits(dispatcher, live.units());
            attachAnswers = wrapped;
        }
        return wrapped;
    }

    @Override
    public CadLinks links() {
        return connection.get().links();
    }

    @Override
    public ApiGeneration generation() {
        return config().generation();
    }

    @Override
    public Optional<String> unavailableReason() {
        return Optional.ofNullable(connection.unavailableReason());
    }

    // ---- AdminActions ----

    @Override
    public CompletableFuture<List<ConfigProblem>> reload() {
        CompletableFuture<List<ConfigProblem>> done = new CompletableFuture<>();
        platform.runAsync(() -> {
            Map<String, Object> tree;
            try {
                tree = platform.readConfigFile();
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
                return;
            }
            platform.runOnMain(() -> {
                try {
                    applyConfig(configLoader.load(tree));
                    reloadable.forEach(part -> part.accept(loaded));
                    List<String> restartNeeded = sectionsNeedingRestart();
                    if (!restartNeeded.isEmpty()) {
                        logger.info("Changes under " + String.join(" and ", restartNeeded) + " take effect after a server restart.");
                    }
                    done.complete(loaded.problems());
                } catch (RuntimeException e) {
                    done.completeExceptionally(e);
                }
            });
        });
        return done;
    }

    @Override
    public List<ConfigProblem> configProblems() {
        return loaded.problems();
    }

    @Override
    public List<String> sectionsNeedingRestart() {
        List<String> sections = new ArrayList<>();
        if (connection.openedWith() != null && !config().dispatcher().equals(connection.openedWith())) {
            sections.add("dispatcher");
        }
        if (storageStartedWith != null && !config().storage().equals(storageStartedWith)) {
            sections.add("storage");
        }
        return sections;
    }

    @Override
    public Optional<StorageStatus> storageStatus() {
        return storage == null ? Optional.empty() : storage.status();
    }

    @Override
    public LiveStatus liveStatus() {
        return live.status();
    }

    @Override
    public String liveOffReason() {
        return live.offReason();
    }

    @Override
    public Setup setup() {
        LoadedConfig current = loaded;
        return new Setup(current.config(), platform.configFileLocation(), !current.credentialProblem(), current.communityIdSet(),
                current.sonoran().map(sonoran -> OptionalInt.of(sonoran.serverId())).orElse(OptionalInt.empty()), unavailableReason());
    }

    @Override
    public Optional<NetworkStatus> networkStatus() {
        return network == null ? Optional.empty() : Optional.of(network.status());
    }

    // ---- internals ----

    private LoadedConfig readConfigAtStartup() {
        try {
            return configLoader.load(platform.readConfigFile());
        } catch (ConfigFileException e) {
            logger.severe(e.getMessage() + " CadBridge starts with default settings and without the CAD; fix the file and run /cad reload.");
            return configLoader.load(Map.of());
        }
    }

    private void applyConfig(LoadedConfig newConfig) {
        loaded = newConfig;
        debug.setEnabled(newConfig.config().debug());
        for (ConfigProblem problem : newConfig.problems()) {
            logger.warning("config.yml: " + problem);
        }
        if (newConfig.credentialProblem()) {
            logger.severe(CredentialBanner.render(platform.configFileLocation()));
        } else if (!newConfig.canConnect()) {
            logger.severe("CadBridge cannot reach the CAD: " + newConfig.connectionProblem() + ". Fix "
                    + platform.configFileLocation() + " and run /cad reload.");
        }
    }

    /**
     * Servers that share a database tell their outbox rows apart by server-name; two running servers
     * with the same name would take each other's unsent work at start. The default name is the
     * likely way that happens, so say it once at startup.
     */
    private void warnIfSharedDatabaseKeepsTheDefaultName(StorageConfig storageConfig) {
        if (storageConfig.type() != StorageType.H2 && storageConfig.serverName().equals(StorageConfig.DEFAULT_SERVER_NAME)) {
            logger.warning("storage.server-name is still '" + StorageConfig.DEFAULT_SERVER_NAME + "' on a shared "
                    + storageConfig.type().name().toLowerCase(Locale.ROOT) + " database. If another server uses this"
                    + " database, give each server its own storage.server-name in " + platform.configFileLocation()
                    + ", or they will take each other's unsent CAD work when they start.");
        }
    }

    /** The units the CAD lists as logged in, field units only, for the live session's unit cache. */
    private CompletableFuture<List<CadUnit>> activeUnits() {
        return CadQueries.activeUnits(dispatcher()).thenApply(listed -> listed.stream()
                .filter(unit -> !unit.dispatcher())
                .map(unit -> new CadUnit(unit.id(), unit.accountUuid(), unit.communityUserId(), unit.unitNumber(), unit.name(), unit.status()))
                .toList());
    }

    /** The dispatch calls the CAD lists as open, for the live session to name calls opened before it connected. */
    private CompletableFuture<List<ActiveCallsSource.OpenCall>> activeCalls() {
        return CadQueries.activeCalls(dispatcher()).thenApply(listed -> listed.stream()
                .filter(call -> call.kind() == ActiveCall.Kind.DISPATCH_CALL)
                .map(call -> new ActiveCallsSource.OpenCall(new CadCall(call.callId(), call.title(), call.address(), call.postal(),
                        call.code(), call.description(), call.priority()), call.unitIds()))
                .toList());
    }

    /** Network mode needs a database the servers share; on H2 it stays off (and says so when asked for). */
    private NetworkNode startNetwork() {
        NetworkMode mode = config().network();
        if (mode == NetworkMode.OFF) {
            return null;
        }
        if (storage.network().isEmpty()) {
            if (mode == NetworkMode.ON) {
                logger.warning("network.enabled is true, but network mode needs storage.type mariadb or postgresql (a database"
                        + " the servers share); this server sends its own CAD operations.");
            }
            return null;
        }
        return NetworkNode.start(mode, storage.network().get(), clock, logger, NetworkNode.Timing.defaults());
    }

    /** Tells the CAD this server is up and how many players are on it; the v1 API has no such route. */
    private void sendHeartbeat() {
        if (connection.unavailableReason() != null || config().generation() != ApiGeneration.V2) {
            return;
        }
        int players = platform.onlinePlayers().size();
        if (network != null && network.on()) {
            OptionalInt networkCount = network.heartbeatCount(players);
            if (networkCount.isEmpty()) {
                return; // the network's sender counts this server's players in its heartbeat
            }
            players = networkCount.getAsInt();
        }
        dispatcher().submit(new ServerHeartbeat(players)).whenComplete((result, error) -> {
            if (error != null || !(result instanceof CadResult.Delivered)) {
                debug.log(() -> "Heartbeat was not delivered: " + (error != null ? error : result));
            }
        });
    }
}
