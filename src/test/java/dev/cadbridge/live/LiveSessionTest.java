package dev.cadbridge.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.cadbridge.sandbox.FakeHub;
import dev.cadbridge.sandbox.SonoranSandbox;
import dev.cadbridge.sonoran.ApiGeneration;
import dev.cadbridge.sonoran.ApiKey;
import dev.cadbridge.sonoran.SonoranSettings;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The session against the sandbox's fake SignalR hub on loopback, with Microsoft's client on the wire. */
class LiveSessionTest {
    private final SonoranSandbox cad = new SonoranSandbox(Clock.systemUTC()).start();
    private final FakeHub hub = cad.withHub(List.of(1));
    private final ManualLiveScheduler scheduler = new ManualLiveScheduler();
    private final List<JsonElement> payloads = new CopyOnWriteArrayList<>();
    private final List<String> refusals = new CopyOnWriteArrayList<>();
    private final AtomicInteger authenticated = new AtomicInteger();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final Logger logger = Logger.getAnonymousLogger();
    private LiveSession session;

    LiveSessionTest() {
        logger.setUseParentHandlers(false);
        logger.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                log.add(record.getLevel() + " " + record.getMessage());
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        });
    }

    @AfterEach
    void stop() {
        if (session != null) {
            session.close();
        }
        scheduler.shutdown(Duration.ofSeconds(5));
        cad.close();
    }

    private LiveSession start(String communityId, String key, int serverId) {
        SonoranSettings target = new SonoranSettings(ApiGeneration.V2, URI.create(cad.baseUrl()), communityId, ApiKey.of(key),
                serverId, Duration.ofSeconds(2), Duration.ofSeconds(5));
        session = new LiveSession(target, LiveSession.hubUrl(target.baseUrl()), Clock.systemUTC(), scheduler, () -> 0.5, payload -> {
            payloads.add(payload);
            return LiveEvents.Outcome.HANDLED;
        }, new LiveSession.Observer() {
            @Override
            public void authenticated() {
                authenticated.incrementAndGet();
            }

            @Override
            public void refused(String reason) {
                refusals.add(reason);
            }
        }, logger);
        session.start();
        return session;
    }

    private LiveSession startGood() {
        return start(cad.communityId(), cad.apiKey(), 1);
    }

    private LiveStatus.State state() {
        return session.status(0).state();
    }

    @Test
    void authenticatesWithCommunityKeyAndServerThenReceivesPushEvents() {
        startGood();
        await().atMost(Duration.ofSeconds(10)).until(() -> state() == LiveStatus.State.CONNECTED);

        assertThat(hub.authentications()).hasSize(1);
        assertThat(hub.authentications().getFirst().toString())
                .isEqualTo("[\"" + cad.communityId() + "\",\"" + cad.apiKey() + "\",1]");
        assertThat(authenticated).hasValue(1);
        assertThat(log).anyMatch(line -> line.contains("Live session with the CAD connected"));

        JsonObject data = new JsonObject();
        data.addProperty("communityUserId", "abc");
        hub.push("EVENT_COMMUNITY_LINK_VERIFIED", data);
        hub.push(new JsonPrimitive(FakeHub.event(cad.apiKey(), "EVENT_UNIT_LOGOUT", data).toString()));
        await().atMost(Duration.ofSeconds(5)).until(() -> payloads.size() == 2);
        assertThat(session.status(0).eventsReceived()).isEqualTo(2);
        assertThat(session.status(0).lastEventAt()).isNotNull();
        assertThat(hub.violations()).isEmpty();
    }

    @Test
    void aSessionConnectsAfterAnEarlierPluginDisableStoppedRxJavasSchedulers() {
        io.reactivex.rxjava3.schedulers.Schedulers.shutdown(); // what LiveService.close() does at plugin disable
        startGood();
        await().atMost(Duration.ofSeconds(10)).until(() -> state() == LiveStatus.State.CONNECTED);
    }

    @Test
    void aWrongApiKeyIsRefusedOnceAndNeverRetried() {
        start(cad.communityId(), "not-the-key", 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> state() == LiveStatus.State.REFUSED);

        assertThat(refusals).containsExactly("Invalid API key.");
        assertThat(session.status(0).lastError()).isEqualTo("the CAD refused the live session: Invalid API key.");
        assertThat(scheduler.heldReconnects()).isZero();
        assertThat(hub.connections()).isEqualTo(1);
        assertThat(log).noneMatch(line -> line.contains("not-the-key"));
    }

    @Test
    void anUnknownServerIsRefused() {
        start(cad.communityId(), cad.apiKey(), 7);
        await().atMost(Duration.ofSeconds(10)).until(() -> state() == LiveStatus.State.REFUSED);
        assertThat(refusals).containsExactly("Invalid server ID.");
        assertThat(scheduler.heldReconnects()).isZero();
    }

    @Test
    void aWrongCommunityIsRefused() {
        start("someone-else", cad.apiKey(), 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> state() == LiveStatus.State.REFUSED);
        assertThat(refusals).containsExactly("Invalid community ID.");
    }

    @Test
    void aDropIsFollowedByAReconnectAfterBackoffAndEventsFlowAgain() {
        startGood();
        await().atMost(Duration.ofSeconds(10)).until(() -> state() == LiveStatus.State.CONNECTED);

        hub.drop();
        await().atMost(Duration.ofSeconds(10)).until(() -> state() == LiveStatus.State.RECONNECTING);
        assertThat(session.status(0).reconnects()).isEqualTo(1);
        assertThat(scheduler.reconnectDelays()).containsExactly(Duration.ofMillis(750)); // 1 s, half of it jittered at 0.5
        assertThat(log).anyMatch(line -> line.startsWith("WARNING Live session with the CAD lost"));

        scheduler.runReconnects();
        await().atMost(Duration.ofSeconds(10)).until(() -> state() == LiveStatus.State.CONNECTED);
        assertThat(hub.authentications()).hasSize(2);
        assertThat(authenticated).hasValue(2);

        hub.push("EVENT_UNIT_LOGOUT", new JsonObject());
        await().atMost(Duration.ofSeconds(5)).until(() -> payloads.size() == 1);
    }

    @Test
    void whileTheHubIsDownEachAttemptWaitsLongerUpToAMinute() {
        startGood();
        await().atMost(Duration.ofSeconds(10)).until(() -> state() == LiveStatus.State.CONNECTED);
        hub.setDown(true);
        for (int attempt = 1; attempt <= 8; attempt++) {
            int expected = attempt;
            await().atMost(Duration.ofSeconds(10)).until(() -> scheduler.reconnectDelays().size() == expected);
            scheduler.runReconnects();
        }
        assertThat(scheduler.reconnectDelays()).containsExactly(Duration.ofMillis(750), Duration.ofMillis(1500),
                Duration.ofMillis(3000), Duration.ofMillis(6000), Duration.ofMillis(12000), Duration.ofMillis(24000),
                Duration.ofMillis(45000), Duration.ofMillis(45000));
        assertThat(session.status(0).lastError()).contains("503");
        assertThat(log.stream().filter(line -> line.startsWith("WARNING")).count()).as("one warning for the whole outage").isEqualTo(1);

        hub.setDown(false);
        scheduler.runReconnects();
        await().atMost(Duration.ofSeconds(10)).until(() -> state() == LiveStatus.State.CONNECTED);
    }

    @Test
    void aHubThatNeverAnswersTimesOutAndIsTriedAgain() {
        hub.setAuthMode(FakeHub.AuthMode.NEVER_ANSWER);
        startGood();
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.authentications().size() == 1);
        assertThat(state()).isEqualTo(LiveStatus.State.CONNECTING);

        scheduler.fireTimeouts();
        await().atMost(Duration.ofSeconds(10)).until(() -> state() == LiveStatus.State.RECONNECTING);
        assertThat(session.status(0).lastError()).isEqualTo("the CAD's hub did not answer within 15 s");

        hub.setAuthMode(FakeHub.AuthMode.CHECK_CREDENTIALS);
        scheduler.runReconnects();
        await().atMost(Duration.ofSeconds(10)).until(() -> state() == LiveStatus.State.CONNECTED);
    }

    @Test
    void closeStopsForGoodEvenWithAReconnectPending() {
        startGood();
        await().atMost(Duration.ofSeconds(10)).until(() -> state() == LiveStatus.State.CONNECTED);
        hub.drop();
        await().atMost(Duration.ofSeconds(10)).until(() -> state() == LiveStatus.State.RECONNECTING);

        session.close();
        scheduler.runReconnects();
        assertThat(state()).isEqualTo(LiveStatus.State.STOPPED);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> hub.connections() == 1);
    }
}
