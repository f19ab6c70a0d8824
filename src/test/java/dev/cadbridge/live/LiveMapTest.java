package dev.cadbridge.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.cadbridge.outbound.SonoranDispatcher;
import dev.cadbridge.platform.BlockPosition;
import dev.cadbridge.platform.PositionSample;
import dev.cadbridge.sandbox.FakeHub;
import dev.cadbridge.sandbox.MutableClock;
import dev.cadbridge.sandbox.SandboxEndpoint;
import dev.cadbridge.sandbox.SonoranSandbox;
import dev.cadbridge.sonoran.ApiGeneration;
import dev.cadbridge.sonoran.ApiKey;
import dev.cadbridge.sonoran.SonoranSettings;
import dev.cadbridge.sonoran.UpdateUnitLocations;
import dev.cadbridge.testing.FakePlatform;
import dev.cadbridge.testing.FakePlayer;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The live map: sampling on the "server thread", batching and pacing to the fake hub, HTTP while the hub is down. */
class LiveMapTest {
    private final SonoranSandbox cad = new SonoranSandbox(Clock.systemUTC()).start();
    private final FakeHub hub = cad.withHub(List.of(1));
    private final FakePlatform platform = new FakePlatform(new MutableClock());
    private final List<FakePlayer> players = new ArrayList<>();
    private final Map<String, UUID> byCadId = new HashMap<>();
    private final UnitCache units = new UnitCache(unit -> java.util.Optional.ofNullable(byCadId.get(unit.communityUserId())));
    private final LiveMap map = new LiveMap(platform, units, player -> player.uniqueId().toString(),
            new LiveSettings.MapSettings(true, Duration.ofMillis(250), "{world} {x}, {z}"));
    private final ExecutorLiveScheduler scheduler = new ExecutorLiveScheduler();
    private LiveSession session;
    private SonoranDispatcher dispatcher;

    @AfterEach
    void stop() {
        if (session != null) {
            session.close();
        }
        scheduler.shutdown(Duration.ofSeconds(5));
        if (dispatcher != null) {
            dispatcher.close(Duration.ofSeconds(1));
        }
        cad.close();
    }

    private SonoranSettings settings() {
        return new SonoranSettings(ApiGeneration.V2, URI.create(cad.baseUrl()), cad.communityId(), ApiKey.of(cad.apiKey()), 1,
                Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    private void onDuty(int count) {
        List<CadUnit> listed = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            FakePlayer player = platform.join(new FakePlayer("p" + i).at(i * 10, 64, 0));
            players.add(player);
            byCadId.put(player.uniqueId().toString(), player.uniqueId());
            listed.add(new CadUnit(1000 + i, "acc-" + i, player.uniqueId().toString(), "U-" + i, "p" + i, 2));
        }
        units.seed(listed);
    }

    private void connect() {
        session = new LiveSession(settings(), LiveSession.hubUrl(settings().baseUrl()), Clock.systemUTC(), scheduler, () -> 0.5,
                payload -> LiveEvents.Outcome.HANDLED, new LiveSession.Observer() {
                    @Override
                    public void authenticated() {}

                    @Override
                    public void refused(String reason) {}
                }, Logger.getAnonymousLogger());
        session.start();
        await().atMost(Duration.ofSeconds(10)).until(session::connected);
    }

    private void moveEveryone(int step) {
        for (int i = 0; i < players.size(); i++) {
            players.get(i).at(i * 10, 64, step * 5);
        }
    }

    @Test
    void twoHundredMovingPlayersGoOutAtMostTwentyFivePerCallAndOneCallPer250msEachWithTheirNewestPosition() {
        onDuty(200);
        connect();
        map.startSending(scheduler, () -> session, updates -> CompletableFuture.failedFuture(new AssertionError("no HTTP while the hub is up")));

        long started = System.nanoTime();
        int step = 0;
        // the server samples every 250 ms; everyone moves between samples
        while (System.nanoTime() - started < Duration.ofMillis(2600).toNanos()) {
            moveEveryone(++step);
            map.samplePass();
            await().pollDelay(Duration.ofMillis(250)).until(() -> true);
        }
        int lastStep = step;
        await().atMost(Duration.ofSeconds(5)).until(() -> hub.locationCalls().size() >= 9);

        List<FakeHub.LocationCall> calls = hub.locationCalls();
        assertThat(calls).allSatisfy(call -> assertThat(call.updates().size()).isBetween(1, LiveMap.MAX_PER_CALL));
        for (int i = 1; i < calls.size(); i++) {
            assertThat(Duration.between(calls.get(i - 1).at(), calls.get(i).at())).as("gap before call " + i)
                    .isGreaterThanOrEqualTo(Duration.ofMillis(200));
        }
        assertThat(hub.violations()).isEmpty();
        // oldest-queued first: the first 8 full calls reach all 200 players once each
        Set<String> reached = new HashSet<>();
        calls.subList(0, 8).forEach(call -> call.updates().forEach(update -> reached.add(update.getAsJsonObject().get("communityUserId").getAsString())));
        assertThat(reached).hasSize(200);
        // one update per player per call batch, always the newest sampled position
        JsonObject update = calls.getLast().updates().get(0).getAsJsonObject();
        JsonObject coordinates = update.getAsJsonObject("coordinates");
        assertThat(coordinates.get("z").getAsDouble()).isEqualTo(64.0);
        assertThat(coordinates.get("y").getAsDouble()).isBetween((lastStep - 3) * 5.0, lastStep * 5.0);
        assertThat(update.get("location").getAsString()).matches("\\d+, -?\\d+|.* \\d+, -?\\d+");
        assertThat(map.pending()).as("at most the players who moved since").isLessThanOrEqualTo(200);
    }

    @Test
    void playersWhoDidNotMoveAreNotSentAgain() {
        onDuty(30);
        connect();
        map.samplePass();
        assertThat(map.pending()).isEqualTo(30);
        map.startSending(scheduler, () -> session, updates -> CompletableFuture.completedFuture(null));
        await().atMost(Duration.ofSeconds(5)).until(() -> map.pending() == 0 && hub.locationCalls().size() == 2);

        for (int i = 0; i < 10; i++) {
            map.samplePass();
        }
        assertThat(map.pending()).isZero();
        players.get(3).at(500, 70, 500);
        map.samplePass();
        assertThat(map.pending()).isEqualTo(1);
    }

    @Test
    void whileTheHubIsDownPositionsGoOverHttpNewestPerPlayerAtMostOnceInFiveSeconds() {
        onDuty(3);
        hub.setDown(true);
        dispatcher = SonoranDispatcher.builder(settings()).withoutRateLimits().build();
        session = new LiveSession(settings(), LiveSession.hubUrl(settings().baseUrl()), Clock.systemUTC(), scheduler, () -> 0.5,
                payload -> LiveEvents.Outcome.HANDLED, new LiveSession.Observer() {
                    @Override
                    public void authenticated() {}

                    @Override
                    public void refused(String reason) {}
                }, Logger.getAnonymousLogger());
        session.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> session.status(0).state() == LiveStatus.State.RECONNECTING);

        map.samplePass();
        players.get(0).at(7, 65, 9); // moves again before anything is sent: only this newest position goes
        map.samplePass();
        map.startSending(scheduler, () -> session, updates -> dispatcher.submit(new UpdateUnitLocations(updates)));
        cad.awaitRequestsTo(SandboxEndpoint.V2_UNIT_LOCATIONS, 1);

        players.get(1).at(1, 2, 3);
        map.samplePass();
        await().pollDelay(Duration.ofMillis(1500)).until(() -> true);
        assertThat(cad.requestsTo(SandboxEndpoint.V2_UNIT_LOCATIONS)).as("12 a minute: one per 5 s").hasSize(1);
        JsonElement body = com.google.gson.JsonParser.parseString(cad.requestsTo(SandboxEndpoint.V2_UNIT_LOCATIONS).getFirst().body());
        List<JsonElement> updates = body.getAsJsonObject().getAsJsonArray("updates").asList();
        assertThat(updates).hasSize(3);
        JsonObject first = updates.stream().map(JsonElement::getAsJsonObject)
                .filter(u -> u.get("communityUserId").getAsString().equals(players.get(0).uniqueId().toString())).findFirst().orElseThrow();
        assertThat(first.getAsJsonObject("coordinates").get("x").getAsDouble()).isEqualTo(7.0);
        assertThat(first.getAsJsonObject("coordinates").get("y").getAsDouble()).isEqualTo(9.0);
        assertThat(first.getAsJsonObject("coordinates").get("z").getAsDouble()).isEqualTo(65.0);
        assertThat(hub.locationCalls()).isEmpty();
        assertThat(cad.violations()).isEmpty();
    }

    @Test
    void theLocationTextNamesTheNearestConfiguredPlace() {
        map.updateSettings(new LiveSettings.MapSettings(true, Duration.ofMillis(250), "{place} ({x}, {z})",
                List.of(new LiveSettings.Place("Mission Row", 100, -40), new LiveSettings.Place("Sandy Shores", 1800, 3600))));
        onDuty(1);
        players.get(0).at(130, 64, -10);
        connect();
        map.samplePass();
        map.startSending(scheduler, () -> session, updates -> CompletableFuture.completedFuture(null));
        await().atMost(Duration.ofSeconds(5)).until(() -> hub.locationCalls().size() == 1);
        JsonObject update = hub.locationCalls().getFirst().updates().get(0).getAsJsonObject();
        assertThat(update.get("location").getAsString()).isEqualTo("Mission Row (130, -10)");
    }

    /** A player that reads its position without allocating, as Paper's getLocation(Location) does. */
    private static final class StillPlayer extends FakePlayer {
        StillPlayer(String name) {
            super(name);
        }

        @Override
        public void samplePosition(PositionSample into) {
            into.world = "world";
            into.x = 10.5;
            into.y = 64;
            into.z = -3.25;
            into.yaw = 90f;
        }

        @Override
        public BlockPosition blockPosition() {
            throw new AssertionError("sampling must not use blockPosition()");
        }
    }

    @Test
    void aPassOverTwoHundredPlayersWhoDidNotMoveAllocatesNothing() {
        List<CadUnit> listed = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            FakePlayer player = platform.join(new StillPlayer("still" + i));
            byCadId.put(player.uniqueId().toString(), player.uniqueId());
            listed.add(new CadUnit(i, "", player.uniqueId().toString(), "", "", 2));
        }
        units.seed(listed);
        map.samplePass(); // the first pass queues everyone once
        for (int i = 0; i < 20_000; i++) {
            map.samplePass(); // warm up: let the JIT compile the pass
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().threadId();
        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < 10_000; i++) {
            map.samplePass();
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        assertThat(allocated).as("bytes allocated by 10,000 passes over 200 unmoved players").isLessThan(1024);
        assertThat(map.pending()).isEqualTo(200);
    }
}
