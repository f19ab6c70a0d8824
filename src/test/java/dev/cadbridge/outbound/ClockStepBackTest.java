package dev.cadbridge.outbound;

import dev.cadbridge.sonoran.ApiGeneration;
import dev.cadbridge.sonoran.CadResult;
import dev.cadbridge.sonoran.KickUnit;
import dev.cadbridge.sonoran.OperationType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The system clock stepping back (NTP correcting a fast clock, an admin fixing the time) must not
 * stall sending: pacing, backoff and Retry-After run on real elapsed time. Real time, real HTTP.
 */
class ClockStepBackTest extends HttpDispatcherTestBase {
    private static final Duration STEP_BACK = Duration.ofHours(1);
    private static final Duration PROMPTLY = Duration.ofSeconds(5);

    /** The system clock, which the test can set back by an hour at any moment. */
    private static final class SteppingClock extends Clock {
        private volatile Duration offset = Duration.ZERO;

        void stepBack(Duration by) {
            offset = offset.plus(by);
        }

        @Override
        public Instant instant() {
            return Instant.now().minus(offset);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    private final SteppingClock clock = new SteppingClock();

    private static DispatcherSettings settings(RateLimit kicks, Duration retryBase) {
        DispatcherSettings d = DispatcherSettings.defaults();
        Map<OperationType, RateLimit> limits = new EnumMap<>(d.rateLimits());
        limits.put(OperationType.KICK, kicks);
        return new DispatcherSettings(d.queueCapacity(), d.maxBatchSize(), d.deadlines(), limits, d.v1RateLimit(),
                retryBase, retryBase.multipliedBy(10));
    }

    private SonoranDispatcher start(DispatcherSettings dispatcherSettings) {
        dispatcher = SonoranDispatcher.builder(settings(ApiGeneration.V2)).dispatcherSettings(dispatcherSettings)
                .clock(clock).jitter(() -> 0.5).logger(logger).build();
        return dispatcher;
    }

    private static MockResponse kicked() {
        return json(200, "{\"identId\":1,\"reason\":\"AFK\"}");
    }

    @Test
    void tokensKeepRefillingAfterTheClockStepsBack() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(kicked());
        }
        start(settings(new RateLimit(600, 1), Duration.ofMillis(20))); // one kick every 100 ms
        assertThat(result(dispatcher.submit(new KickUnit("a", "AFK")))).isInstanceOf(CadResult.Delivered.class);

        clock.stepBack(STEP_BACK);
        CompletableFuture<CadResult> b = dispatcher.submit(new KickUnit("b", "AFK"));
        await().atMost(PROMPTLY).until(b::isDone);
        CompletableFuture<CadResult> c = dispatcher.submit(new KickUnit("c", "AFK"));
        await().atMost(PROMPTLY).until(c::isDone);

        assertThat(b.join()).isInstanceOf(CadResult.Delivered.class);
        assertThat(c.join()).isInstanceOf(CadResult.Delivered.class);
    }

    @Test
    void aBackoffEndsOnTimeAfterTheClockStepsBack() {
        server.enqueue(problem(500, "boom", "t-500"));
        server.enqueue(kicked());
        start(settings(SonoranDispatcher.unlimited(), Duration.ofSeconds(1))); // retry after 0.75 s
        CompletableFuture<CadResult> kick = dispatcher.submit(new KickUnit("a", "AFK"));
        await().atMost(PROMPTLY).pollInterval(Duration.ofMillis(2)).until(() -> dispatcher.status().lastFailure() != null);

        clock.stepBack(STEP_BACK);

        await().atMost(PROMPTLY).until(kick::isDone);
        assertThat(kick.join()).isInstanceOf(CadResult.Delivered.class);
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void aRetryAfterEndsOnTimeAfterTheClockStepsBack() {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "1")
                .body("{\"message\":\"API rate limit exceeded\"}").build());
        server.enqueue(kicked());
        start(settings(SonoranDispatcher.unlimited(), Duration.ofSeconds(1)));
        CompletableFuture<CadResult> kick = dispatcher.submit(new KickUnit("a", "AFK"));
        await().atMost(PROMPTLY).pollInterval(Duration.ofMillis(2)).until(() -> dispatcher.status().counters().rateLimited() > 0);

        clock.stepBack(STEP_BACK);

        await().atMost(PROMPTLY).until(kick::isDone);
        assertThat(kick.join()).isInstanceOf(CadResult.Delivered.class);
        assertThat(server.getRequestCount()).isEqualTo(2);
    }
}
