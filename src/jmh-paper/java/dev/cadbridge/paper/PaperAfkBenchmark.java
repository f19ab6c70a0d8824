package dev.cadbridge.paper;

import dev.cadbridge.afk.AfkService;
import dev.cadbridge.afk.AfkTracker;
import dev.cadbridge.config.AfkSettings;
import dev.cadbridge.config.Messages;
import dev.cadbridge.identity.IdentityService;
import dev.cadbridge.identity.IdentitySettings;
import dev.cadbridge.identity.InMemoryIdentityRepository;
import dev.cadbridge.platform.DebugLog;
import dev.cadbridge.sonoran.ApiGeneration;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.bukkit.Location;
import org.bukkit.event.player.PlayerMoveEvent;
import org.bukkit.plugin.RegisteredListener;
import org.mockbukkit.mockbukkit.MockBukkit;
import org.mockbukkit.mockbukkit.ServerMock;
import org.mockbukkit.mockbukkit.entity.PlayerMock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Figures 1 and 2 with the real event and player objects MockBukkit provides: CadBridge enabled on
 * a MockBukkit server from its plugin.yml, 1,000 {@code PlayerMock}s joined through real join events,
 * one real {@code PlayerMoveEvent} per player into the next block. Figure 1 is the plugin's move
 * listener as Bukkit calls it (its {@code RegisteredListener}: Paper's event executor, then
 * {@code ActivityListener.onMove}: {@code hasChangedBlock}, the vehicle and water checks on the real
 * player, the activity stamp), and the handler alone. Figure 2 is one AFK pass
 * ({@code AfkService.checkOnlinePlayers}) over those 1,000 players through {@code PaperPlatform}, every
 * player recently active (the usual state). MockBukkit's players answer from fields, so Paper's
 * own costs inside those calls are not in the figures.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
public class PaperAfkBenchmark {
    private static final int ONLINE = 1_000;

    private ServerMock server;
    private ActivityListener activity;
    private RegisteredListener moveListener;
    private PlayerMoveEvent[] moves;
    private AfkService afk;
    private int next;

    @Setup(Level.Trial)
    public void startServer() {
        Logger.getLogger("CadBridge").setLevel(java.util.logging.Level.WARNING);
        // The suite's server: MockBukkit's own global region scheduler cannot cancel the AFK timer at disable.
        server = MockBukkit.mock(new StoppableServer());
        // No key: the plugin stays loaded without a CAD connection; the AFK path does not need one.
        CadBridgePlugin plugin = MockBukkit.load(CadBridgePlugin.class);
        moves = new PlayerMoveEvent[ONLINE];
        for (int i = 0; i < ONLINE; i++) {
            PlayerMock player = server.addPlayer("Player" + i);
            Location from = player.getLocation();
            moves[i] = new PlayerMoveEvent(player, from, from.clone().add(1, 0, 0));
        }
        moveListener = List.of(PlayerMoveEvent.getHandlerList().getRegisteredListeners()).stream()
                .filter(listener -> listener.getPlugin() == plugin && listener.getListener() instanceof ActivityListener)
                .findFirst().orElseThrow();
        activity = (ActivityListener) moveListener.getListener();

        Clock clock = Clock.systemUTC();
        PaperPlatform platform = new PaperPlatform(plugin);
        IdentityService identities = new IdentityService(new InMemoryIdentityRepository(),
                IdentitySettings.defaults(ApiGeneration.V2), clock);
        afk = new AfkService(platform, new AfkTracker(AfkSettings.defaults(), clock), identities,
                () -> {
                    throw new IllegalStateException("no player is AFK in this benchmark; nothing may be sent");
                },
                () -> true, Messages::defaults, new DebugLog(Logger.getAnonymousLogger()));
        server.getOnlinePlayers().forEach(player -> {
            identities.playerJoined(player.getUniqueId(), player.getName()).join();
            afk.playerJoined(platform.wrap(player));
        });
    }

    @TearDown(Level.Trial)
    public void stopServer() {
        MockBukkit.unmock();
    }

    /** Figure 1: one move event into a new block, as Bukkit delivers it to CadBridge. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public void movementEventThroughBukkit() throws Exception {
        moveListener.callEvent(moves[next]);
        next = next + 1 == ONLINE ? 0 : next + 1;
    }

    /** Figure 1, the handler alone on the same real event. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public void movementHandler() {
        activity.onMove(moves[next]);
        next = next + 1 == ONLINE ? 0 : next + 1;
    }

    /** Figure 2: one AFK pass over 1,000 real players. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public void periodicCheck() {
        afk.checkOnlinePlayers();
    }
}
