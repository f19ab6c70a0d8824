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
import dev.cadbridge.config.QuitAction;
import dev.cadbridge.dispatch.CadDispatcher;
import dev.cadbridge.dispatch.DispatcherSettings;
import dev.cadbridge.dispatch.PendingOperation;
import dev.cadbridge.identity.IdentityService;
import dev.cadbridge.link.LinkService;
import dev.cadbridge.platform.DebugLog;
import dev.cadbridge.platform.Platform;
import dev.cadbridge.platform.PlatformPlayer;
import dev.cadbridge.platform.TaskHandle;
import dev.cadbridge.sonoran.ApiGeneration;
import dev.cadbridge.sonoran.CadLinks;
import dev.cadbridge.sonoran.CadOperation;
import dev.cadbridge.sonoran.CadResult;
import dev.cadbridge.sonoran.DetachUnits;
import dev.cadbridge.sonoran.InvalidOperationException;
import dev.cadbridge.sonoran.KickUnit;
import dev.cadbridge.sonoran.OperationLimits;
import dev.cadbridge.sonoran.ServerHeartbeat;
import dev.cadbridge.storage.ReplayReport;
import dev.cadbridge.storage.StorageConfig;
import dev.cadbridge.storage.StorageStatus;
import dev.cadbridge.storage.StorageType;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The plugin without the server: configuration, identities, the CAD connection, commands, the
 * AFK timer and quit handling. The paper package creates one, calls {@link #enable()}, and
 * forwards events and commands to it. Everything here runs on the server thread unless noted.
 */
public final class CadBridgeCore implements CadAccess, AdminActions {
    /** How long disable may wait for the last outbox write. */
    static final Duration STORAGE_CLOSE_TIMEOUT = Duration.ofSeconds(5);
    /**
     * How much longer than its shutdown timeout closing a dispatcher can take: after draining for
     * the timeout, SonoranDispatcher waits up to 2 s for its worker to stop; one more second covers
     * handing the leftovers to storage.
     */
    static final Duration CLOSE_BEYOND_SHUTDOWN_TIMEOUT = Duration.ofSeconds(3);

    private final Platform platform;
    private final CadConnectionFactory connectionFactory;
    private final StorageFactory storageFactory;
    private final Clock clock;
    private final ConfigLoader configLoader;
    private final Logger logger;
    private final DebugLog debug;

    private volatile LoadedConfig loaded;
    private volatile CadConnection connection;
    private volatile String unavailableReason;
    private DispatcherSettings openedWith;
    private PluginStorage storage;
    private StorageConfig storageStartedWith;
    private boolean replayStarted;
    /** A connection switched off by /cad reload, draining off the server thread. */
    private volatile CompletableFuture<Void> standingDown = CompletableFuture.completedFuture(null);
    /** How long that drain can take in all. */
    private volatile Duration standingDownFor = Duration.ZERO;
    /**
     * What a connection switched off by /cad reload handed back, waiting for the next working
     * connection of this run. Storage holds them too, for the next start should none come.
     */
    private final Queue<PendingOperation> setAside = new ConcurrentLinkedQueue<>();
    private IdentityService identities;
    private LinkService links;
    private Cooldowns cooldowns;
    private AfkService afk;
    private TaskHandle afkTimer = TaskHandle.NONE;
    private Duration afkTimerInterval;
    private TaskHandle heartbeatTimer = TaskHandle.NONE;
    private Duration heartbeatTimerInterval;
    private CadCommand command;

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
        applyConfig(readConfigAtStartup());
        storageStartedWith = config().storage();
        storage = storageFactory.start(storageStartedWith);
        warnIfSharedDatabaseKeepsTheDefaultName(storageStartedWith);
        identities = new IdentityService(storage.identities(), config().identity(), clock);
        connect();
        links = new LinkService(() -> connection.links(), identities, config().link(), clock, platform::runLater, logger);
        cooldowns = new Cooldowns(clock, () -> config().commands().cooldown());
        command = new CadCommand(new CommandServices(platform, this, identities, links, cooldowns, this::config, this, clock));
        afk = new AfkService(platform, new AfkTracker(config().afk(), clock), identities, this::dispatcher,
                () -> unavailableReason == null, () -> config().messages(), debug);
        startAfkTimer();
        startHeartbeatTimer();
        // Players already online when the plugin is enabled late (plugin managers, /reload).
        platform.onlinePlayers().forEach(this::playerJoined);
    }

    /**
     * Shutdown: stop the timer, stop link polling, give queued CAD work a last chance to go out,
     * then store what is left for the next start. Blocks for a bounded time: twice the shutdown
     * timeout plus {@link #CLOSE_BEYOND_SHUTDOWN_TIMEOUT} each (this close, then a reload's close
     * still finishing) plus {@link #STORAGE_CLOSE_TIMEOUT}.
     */
    public void disable() {
        afkTimer.cancel();
        heartbeatTimer.cancel();
        if (links != null) {
            links.cancelAll();
        }
        if (loaded == null) {
            return; // enable never got as far as reading the config
        }
        Duration shutdownTimeout = config().shutdownTimeout();
        List<PendingOperation> unsent = connection == null ? List.of() : connection.close(shutdownTimeout);
        awaitStandingDown();
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
        if (unavailableReason != null) {
            return;
        }
        submitQuitAction(List.of(cadId), player.name());
    }

    /**
     * The server is stopping: Paper disables plugins before it disconnects players, so no quit event
     * will come. Tells the CAD now, as quit.action says, that every online player left: all their
     * units in one detach, or kicks queued together, which the dispatcher sends as one request.
     * Call it just before {@link #disable()}, whose close gives these their chance to go out and
     * stores what cannot for the next start. Server thread.
     */
    public void serverStopping() {
        if (loaded == null || identities == null || unavailableReason != null || config().quitAction() == QuitAction.NONE) {
            return;
        }
        List<String> cadIds = platform.onlinePlayers().stream()
                .map(player -> identities.cadIdOf(player.uniqueId(), player.name()))
                .distinct()
                .toList();
        if (cadIds.isEmpty()) {
            return;
        }
        logger.info("The server is stopping: telling the CAD that " + cadIds.size() + " online player(s) left (quit.action: "
                + config().quitAction().name().toLowerCase(java.util.Locale.ROOT) + ").");
        submitQuitAction(cadIds, cadIds.size() + " player(s) at server stop");
    }

    /**
     * Sends quit.action for these units: detaches of up to the per-operation unit limit, or one kick
     * each, queued at once so that the dispatcher merges them into as few requests as it may.
     */
    private void submitQuitAction(List<String> cadIds, String who) {
        CadBridgeConfig current = config();
        try {
            List<CadOperation> operations = switch (current.quitAction()) {
                case NONE -> List.of();
                case DETACH -> {
                    List<CadOperation> detaches = new ArrayList<>();
                    for (int from = 0; from < cadIds.size(); from += OperationLimits.MAX_UNITS_PER_OPERATION) {
                        detaches.add(new DetachUnits(cadIds.subList(from, Math.min(cadIds.size(), from + OperationLimits.MAX_UNITS_PER_OPERATION))));
                    }
                    yield detaches;
                }
                case KICK -> {
                    List<CadOperation> kicks = new ArrayList<>();
                    for (String cadId : cadIds) {
                        kicks.add(new KickUnit(cadId, current.quitKickReason()));
                    }
                    yield kicks;
                }
            };
            List<CompletableFuture<CadResult>> results = dispatcher().submitAll(operations);
            for (int i = 0; i < operations.size(); i++) {
                CadOperation operation = operations.get(i);
                results.get(i).whenComplete((result, error) -> {
                    if (error != null || !(result instanceof CadResult.Delivered)) {
                        debug.log(() -> "Quit " + operation.type() + " for " + who + " was not delivered: "
                                + (error != null ? error : result));
                    }
                });
            }
        } catch (InvalidOperationException e) {
            logger.warning("Not telling the CAD that " + who + " left: " + e.getMessage());
        }
    }

    /** Walking into a new block, chatting, a command, an interaction. Any thread; O(1). */
    public void playerActive(UUID playerId) {
        afk.tracker().recordActivity(playerId);
    }

    // ---- CadAccess ----

    @Override
    public CadDispatcher dispatcher() {
        return connection.dispatcher();
    }

    @Override
    public CadLinks links() {
        return connection.links();
    }

    @Override
    public ApiGeneration generation() {
        return config().generation();
    }

    @Override
    public Optional<String> unavailableReason() {
        return Optional.ofNullable(unavailableReason);
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
                    identities.updateSettings(config().identity());
                    links.updateSettings(config().link());
                    afk.tracker().updateSettings(config().afk());
                    connect();
                    if (!config().afk().checkInterval().equals(afkTimerInterval)) {
                        startAfkTimer();
                    }
                    if (!config().heartbeatInterval().equals(heartbeatTimerInterval)) {
                        startHeartbeatTimer();
                    }
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
        if (openedWith != null && !config().dispatcher().equals(openedWith)) {
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

    /** Opens, reconfigures or stands down the connection to match the loaded configuration. */
    private void connect() {
        CadBridgeConfig current = config();
        boolean haveRealConnection = connection != null && !(connection instanceof UnavailableConnection);
        if (loaded.sonoran().isEmpty()) {
            standDown(loaded.connectionProblem());
            return;
        }
        try {
            if (haveRealConnection) {
                connection.reconfigure(loaded.sonoran().get());
            } else {
                connection = connectionFactory.open(loaded.sonoran().get(), current.dispatcher(), storage.outbox());
                openedWith = current.dispatcher();
            }
            unavailableReason = null;
            reportCredentials(connection);
            replayOutboxOnce();
            resubmitSetAside();
        } catch (RuntimeException e) {
            logger.log(Level.SEVERE, "The CAD client could not start", e);
            standDown("the CAD client could not start: " + e.getMessage());
        }
    }

    /** Sends what earlier runs left in the outbox, through the first real connection of this run. */
    private void replayOutboxOnce() {
        if (replayStarted) {
            return;
        }
        replayStarted = true;
        storage.replay(connection.dispatcher()).whenComplete((report, error) -> {
            if (error != null) {
                logger.log(Level.WARNING, "Could not send the operations saved by the last run; they stay stored for the next start", error);
            } else if (!report.resubmitted().isEmpty() || !report.expired().isEmpty() || !report.outcomeUnknown().isEmpty()) {
                logger.info(replaySummary(report));
            }
        });
    }

    /** Hands work a switched-off connection gave back to the working one. Server thread. */
    private void resubmitSetAside() {
        if (unavailableReason != null) {
            return;
        }
        int count = 0;
        PendingOperation next;
        while ((next = setAside.poll()) != null) {
            connection.dispatcher().resubmit(next);
            count++;
        }
        if (count > 0) {
            logger.info(count + " CAD operation(s) set aside when the connection was switched off were resubmitted.");
        }
    }

    static String replaySummary(ReplayReport report) {
        List<String> parts = new ArrayList<>();
        if (!report.resubmitted().isEmpty()) {
            parts.add(report.resubmitted().size() + " resubmitted");
        }
        if (!report.expired().isEmpty()) {
            parts.add(report.expired().size() + " expired");
        }
        if (!report.outcomeUnknown().isEmpty()) {
            parts.add(report.outcomeUnknown().size() + " outcome unknown");
        }
        return "Saved CAD operations from the last run: " + String.join(", ", parts) + ".";
    }

    /** Asks the CAD once whether it accepts the key, and tells the owner plainly when it does not. */
    private void reportCredentials(CadConnection checked) {
        checked.checkCredentials().whenComplete((check, error) -> {
            if (error != null || check == null) {
                return;
            }
            switch (check.result()) {
                case OK -> logger.info("Connected to Sonoran CAD" + (check.message() == null || check.message().isBlank()
                        ? "." : " (" + check.message() + ")."));
                case REJECTED -> logger.severe(CredentialBanner.rejected(platform.configFileLocation(), check.message(), check.traceId()));
                case UNREACHABLE -> logger.warning("Sonoran CAD could not be reached to check the API key: " + check.message()
                        + ". CadBridge keeps queued work and retries.");
                case NOT_CHECKABLE -> { }
            }
        });
    }

    private void standDown(String reason) {
        CadConnection previous = connection;
        CadBridgeConfig current = config();
        connection = new UnavailableConnection(reason, current.generation(), current.baseUrl().toString());
        unavailableReason = reason;
        if (previous != null && !(previous instanceof UnavailableConnection)) {
            CompletableFuture<Void> drained = new CompletableFuture<>();
            standingDown = drained;
            standingDownFor = current.shutdownTimeout().plus(CLOSE_BEYOND_SHUTDOWN_TIMEOUT);
            // Draining may wait on the network: never on the server thread.
            platform.runAsync(() -> {
                try {
                    List<PendingOperation> unsent = previous.close(current.shutdownTimeout());
                    if (unsent.isEmpty()) {
                        return;
                    }
                    // Handed back without a finished callback: their outbox rows stay, owned by this run,
                    // until the next working connection finishes them or the next start replays them.
                    storage.keepForNextStart(unsent);
                    setAside.addAll(unsent);
                    logger.warning(unsent.size() + " queued CAD operation(s) were not sent because the CAD connection was switched off; "
                            + (storage.keepsOperations() ? "saved, will be sent when a working connection is back or after the next start."
                                    : "kept in memory, will be sent if a working connection is back before the server stops."));
                    // A reload may have opened a working connection while this one drained.
                    platform.runOnMain(this::resubmitSetAside);
                } finally {
                    drained.complete(null);
                }
            });
        }
    }

    /** Lets a connection switched off just before disable hand its leftovers to storage before it closes. */
    private void awaitStandingDown() {
        try {
            standingDown.get(standingDownFor.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            logger.warning("The CAD connection switched off by the last reload was still draining at shutdown; its unsent operations may be lost.");
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
                    + storageConfig.type().name().toLowerCase(java.util.Locale.ROOT) + " database. If another server uses this"
                    + " database, give each server its own storage.server-name in " + platform.configFileLocation()
                    + ", or they will take each other's unsent CAD work when they start.");
        }
    }

    private void startHeartbeatTimer() {
        heartbeatTimer.cancel();
        heartbeatTimerInterval = config().heartbeatInterval();
        heartbeatTimer = heartbeatTimerInterval.isZero() ? TaskHandle.NONE : platform.runRepeating(this::sendHeartbeat, heartbeatTimerInterval);
    }

    /** Tells the CAD this server is up and how many players are on it; the v1 API has no such route. */
    private void sendHeartbeat() {
        if (unavailableReason != null || config().generation() != ApiGeneration.V2) {
            return;
        }
        dispatcher().submit(new ServerHeartbeat(platform.onlinePlayers().size())).whenComplete((result, error) -> {
            if (error != null || !(result instanceof CadResult.Delivered)) {
                debug.log(() -> "Heartbeat was not delivered: " + (error != null ? error : result));
            }
        });
    }

    private void startAfkTimer() {
        afkTimer.cancel();
        afkTimerInterval = config().afk().checkInterval();
        afkTimer = platform.runRepeating(afk::checkOnlinePlayers, afkTimerInterval);
    }
}
