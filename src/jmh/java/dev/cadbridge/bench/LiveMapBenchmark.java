package dev.cadbridge.bench;

import dev.cadbridge.live.CadUnit;
import dev.cadbridge.live.LiveMap;
import dev.cadbridge.live.LiveSettings;
import dev.cadbridge.live.UnitCache;
import dev.cadbridge.platform.PositionSample;
import dev.cadbridge.sandbox.MutableClock;
import dev.cadbridge.testing.FakePlatform;
import dev.cadbridge.testing.FakePlayer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Figure 8: one live-map sampling pass ({@code LiveMap.samplePass}, what the server thread runs every
 * {@code live.map.interval}) over 200 online players whose CAD units are logged in. The players read
 * their position into the sampler's reused {@code PositionSample} as {@code PaperPlayer} does with
 * {@code getLocation(Location)}; Paper's own cost of that call is not in the figure.
 * {@code unmoved}: nobody moved since the last pass (the usual state between two 250 ms samples of
 * players standing at a scene). {@code allMoved}: every player moved, so each gets a new update queued.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LiveMapBenchmark {
    private static final int ON_DUTY = 200;

    /** Writes its position into the sample in place, like Paper's {@code getLocation(Location)}. */
    static final class StandingPlayer extends FakePlayer {
        double x;

        StandingPlayer(String name, double x) {
            super(UUID.randomUUID(), name);
            this.x = x;
        }

        @Override
        public void samplePosition(PositionSample into) {
            into.world = "overworld";
            into.x = x;
            into.y = 64;
            into.z = -120.5;
            into.yaw = 90f;
        }
    }

    private LiveMap map;
    private final List<StandingPlayer> players = new ArrayList<>();
    private int step;

    @Setup(Level.Trial)
    public void putUnitsOnDuty() {
        FakePlatform platform = new FakePlatform(new MutableClock());
        Map<String, UUID> byCadId = new HashMap<>();
        UnitCache units = new UnitCache(unit -> Optional.ofNullable(byCadId.get(unit.communityUserId())));
        List<CadUnit> listed = new ArrayList<>();
        for (int i = 0; i < ON_DUTY; i++) {
            StandingPlayer player = new StandingPlayer("Officer" + i, i * 10);
            platform.join(player);
            players.add(player);
            byCadId.put(player.uniqueId().toString(), player.uniqueId());
            listed.add(new CadUnit(i, "", player.uniqueId().toString(), "U-" + i, "", 2));
        }
        units.seed(listed);
        map = new LiveMap(platform, units, player -> player.uniqueId().toString(),
                new LiveSettings.MapSettings(true, Duration.ofMillis(250), "{world} {x}, {z}"));
        map.samplePass();
    }

    @Benchmark
    public void unmoved() {
        map.samplePass();
    }

    @Benchmark
    public void allMoved() {
        step++;
        for (StandingPlayer player : players) {
            player.x = step;
        }
        map.samplePass();
    }
}
