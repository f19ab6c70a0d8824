package dev.cadbridge.core;

import dev.cadbridge.config.CadBridgeConfig;
import dev.cadbridge.config.CredentialBanner;
import dev.cadbridge.config.LoadedConfig;
import dev.cadbridge.live.ActiveCallsSource;
import dev.cadbridge.live.ActiveUnitsSource;
import dev.cadbridge.live.LiveEvents;
import dev.cadbridge.live.LiveGame;
import dev.cadbridge.live.LiveMap;
import dev.cadbridge.live.LiveScheduler;
import dev.cadbridge.live.LiveSession;
import dev.cadbridge.live.LiveStatus;
import dev.cadbridge.live.UnitCache;
import dev.cadbridge.platform.DebugLog;
import dev.cadbridge.sonoran.ApiGeneration;
import dev.cadbridge.sonoran.SonoranSettings;
import dev.cadbridge.sonoran.UpdateUnitLocations.UnitLocation;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The live session that matches the loaded configuration: none (with the reason, for
 * {@code /cad status}), or one session with its own scheduler thread. A reload keeps a working
 * session whose settings did not change, and always starts a refused one again: a refusal is
 * retried only after {@code /cad reload}. Server thread, except {@link #status()}.
 */
final class LiveService {
    static final Duration SCHEDULER_STOP_WAIT = Duration.ofSeconds(5);

    private final UnitCache units;
    private final LiveMap map;
    private final Function<List<UnitLocation>, CompletableFuture<?>> restLocations;
    private final LiveGame game;
    private final ActiveUnitsSource activeUnits;
    private final ActiveCallsSource activeCalls;
    private final Supplier<LiveScheduler> schedulers;
    private final Clock clock;
    private final Logger logger;
    private final DebugLog debug;
    private final String configFile;

    private volatile LiveSession session;
    private volatile String offReason = "not started";
    private LiveScheduler scheduler;
    private SonoranSettings runningWith;

    LiveService(UnitCache units, LiveMap map, Function<List<UnitLocation>, CompletableFuture<?>> restLocations, LiveGame game,
                ActiveUnitsSource activeUnits, ActiveCallsSource activeCalls, Supplier<LiveScheduler> schedulers, Clock clock, Logger logger, DebugLog debug,
                String configFile) {
        this.units = units;
        this.map = map;
        this.restLocations = restLocations;
        this.game = game;
        this.activeUnits = activeUnits;
        this.activeCalls = activeCalls;
        this.schedulers = schedulers;
        this.clock = clock;
        this.logger = logger;
        this.debug = debug;
        this.configFile = configFile;
    }

    void match(LoadedConfig loaded) {
        map.updateSettings(loaded.config().live().map());
        String reason = whyOff(loaded);
        if (reason != null) {
            stopInBackground();
            offReason = reason;
            return;
        }
        SonoranSettings settings = loaded.sonoran().orElseThrow();
        LiveSession running = session;
        boolean refused = running != null && running.status(0).state() == LiveStatus.State.REFUSED;
        if (running != null && Objects.equals(settings, runningWith) && !refused) {
            return;
        }
        stopInBackground();
        start(settings);
    }

    private static String whyOff(LoadedConfig loaded) {
        CadBridgeConfig config = loaded.config();
        if (!config.live().enabled()) {
            return "off (live.enabled is false)";
        }
        if (config.generation() != ApiGeneration.V2) {
            return "off: only the v2 API has a live session";
        }
        if (loaded.sonoran().isEmpty()) {
            return "off: the CAD cannot be reached with this configuration";
        }
        if (loaded.sonoran().get().communityId().isEmpty()) {
            return "off: sonoran.community-id is not set";
        }
        return null;
    }

    private void start(SonoranSettings settings) {
        scheduler = schedulers.get();
        LiveEvents events = new LiveEvents(settings.apiKey().reveal(), units, game);
        LiveSession fresh = new LiveSession(settings, LiveSession.hubUrl(settings.baseUrl()), clock, scheduler,
                () -> ThreadLocalRandom.current().nextDouble(), events::handle, new LiveSession.Observer() {
                    @Override
                    public void authenticated() {
                        seedUnits();
                        seedCalls(events);
                    }

                    @Override
                    public void refused(String reason) {
                        logger.severe(CredentialBanner.rejected(configFile, "the live session was refused: " + reason
                                + " (check sonoran.community-id too)", null));
                    }
                }, logger);
        runningWith = settings;
        session = fresh;
        offReason = null;
        fresh.start();
        map.startSending(scheduler, () -> fresh, restLocations);
    }

    /** Once per connected session: the route allows 3 a minute, events keep the cache current afterwards. */
    private void seedUnits() {
        units.seedAsked();
        activeUnits.activeUnits().whenComplete((listed, error) -> {
            if (error != null) {
                debug.log(() -> "Could not list the CAD's active units; the cache fills from events: " + error);
            } else {
                units.seed(listed);
            }
        });
    }

    /** Once per connected session (5 a minute, shared with /cad calls): events keep the calls current afterwards. */
    private void seedCalls(LiveEvents events) {
        activeCalls.activeCalls().whenComplete((listed, error) -> {
            if (error != null) {
                debug.log(() -> "Could not list the CAD's open calls; calls opened before the session are named by number: " + error);
            } else {
                events.seedCalls(listed);
            }
        });
    }

    /**
     * Plugin disable: stops the session and waits for its threads, at most {@link LiveSession#STOP_WAIT}
     * plus {@link #SCHEDULER_STOP_WAIT}, so none is left behind.
     */
    void close() {
        LiveScheduler stopping = detach();
        if (stopping != null) {
            stopping.shutdown(SCHEDULER_STOP_WAIT);
        }
        Schedulers.shutdown();
    }

    /** Reload: the old session closes on its own thread while the server goes on. */
    private void stopInBackground() {
        LiveScheduler stopping = detach();
        if (stopping != null) {
            Thread stopper = new Thread(() -> stopping.shutdown(SCHEDULER_STOP_WAIT), "CadBridge-Live-stop");
            stopper.setDaemon(true);
            stopper.start();
        }
    }

    private LiveScheduler detach() {
        LiveSession running = session;
        LiveScheduler stopping = scheduler;
        session = null;
        scheduler = null;
        runningWith = null;
        offReason = "stopped";
        if (running != null) {
            running.close();
        }
        return stopping;
    }

    /** The running session's state, or {@code OFF} with {@link #offReason()}. Any thread. */
    LiveStatus status() {
        LiveSession running = session;
        if (running == null) {
            return new LiveStatus(LiveStatus.State.OFF, null, null, 0, 0, 0, null, null, units.size());
        }
        return running.status(units.size());
    }

    String offReason() {
        return offReason;
    }

    LiveSession session() {
        return session;
    }

    UnitCache units() {
        return units;
    }

    /** Server thread, every live.map.interval: nothing while there is no session. */
    void samplePositions() {
        if (session != null) {
            map.samplePass();
        }
    }
}
