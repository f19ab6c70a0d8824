package dev.cadbridge.bench;

import dev.cadbridge.afk.AfkService;
import dev.cadbridge.afk.AfkTracker;
import dev.cadbridge.config.AfkSettings;
import dev.cadbridge.config.Messages;
import dev.cadbridge.identity.IdentityService;
import dev.cadbridge.identity.IdentitySettings;
import dev.cadbridge.identity.InMemoryIdentityRepository;
import dev.cadbridge.platform.DebugLog;
import dev.cadbridge.sonoran.ApiGeneration;
import dev.cadbridge.testing.FakePlatform;
import dev.cadbridge.testing.FakePlayer;
import dev.cadbridge.sandbox.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Figures 1 and 2, with 1,000 players online: the plugin's part of the movement handler
 * ({@code AfkTracker.recordActivity}, what {@code ActivityListener.onMove} calls once a player has
 * walked into another block) and one periodic AFK pass ({@code AfkService.checkOnlinePlayers}).
 * The tracker runs on the system clock, as on a server. The players are fakes: their permission
 * check is a set lookup and their server idle time a stored value, so the Bukkit side of both (event
 * dispatch, {@code hasChangedBlock}, Paper's permission lookup) is not in these figures.
 * Every player was active recently, the usual state: the pass decides "nothing" for each.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
public class AfkBenchmark {
    private static final int ONLINE = 1_000;

    private final Clock clock = Clock.systemUTC();
    private AfkTracker tracker;
    private AfkService afk;
    private UUID[] players;
    private int next;

    @Setup
    public void joinPlayers() {
        FakePlatform platform = new FakePlatform(new MutableClock());
        tracker = new AfkTracker(AfkSettings.defaults(), clock);
        IdentityService identities = new IdentityService(new InMemoryIdentityRepository(),
                IdentitySettings.defaults(ApiGeneration.V2), clock);
        afk = new AfkService(platform, tracker, identities,
                () -> {
                    throw new IllegalStateException("no player is AFK in this benchmark; nothing may be sent");
                },
                () -> true, Messages::defaults, new DebugLog(BenchSupport.quietLogger("CadBridge-bench-afk")));
        players = new UUID[ONLINE];
        for (int i = 0; i < ONLINE; i++) {
            FakePlayer player = new FakePlayer(UUID.randomUUID(), "Player" + i);
            player.serverIdle(Duration.ofSeconds(i % 30));
            platform.join(player);
            identities.playerJoined(player.uniqueId(), player.name()).join();
            afk.playerJoined(player);
            players[i] = player.uniqueId();
        }
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public void movementHandler() {
        tracker.recordActivity(players[next]);
        next = next + 1 == ONLINE ? 0 : next + 1;
    }

    /** Part of the movement handler, alone: reading the clock it stamps activity with. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public long partClockMillis() {
        return clock.millis();
    }

    /** Part of the movement handler, alone: finding the player's state (without the clock and the write). */
    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public boolean partLookup() {
        boolean found = tracker.isTracked(players[next]);
        next = next + 1 == ONLINE ? 0 : next + 1;
        return found;
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public void periodicCheck() {
        afk.checkOnlinePlayers();
    }
}
