package dev.cadbridge.outbound;

import dev.cadbridge.sonoran.ApiGeneration;
import dev.cadbridge.sonoran.AttachUnits;
import dev.cadbridge.sonoran.CadOperation;
import dev.cadbridge.sonoran.CadResult;
import dev.cadbridge.sonoran.VersionCheck;
import dev.cadbridge.sonoran.CreateLink;
import dev.cadbridge.sonoran.CheckLink;
import dev.cadbridge.sonoran.CallOrigin;
import dev.cadbridge.sonoran.CallStatus;
import dev.cadbridge.sonoran.CloseCall;
import dev.cadbridge.sonoran.DetachUnits;
import dev.cadbridge.sonoran.FailureKind;
import dev.cadbridge.sonoran.KickUnit;
import dev.cadbridge.sonoran.NewDispatch;
import dev.cadbridge.sonoran.OperationType;
import dev.cadbridge.sonoran.WireOutcome;
import dev.cadbridge.sonoran.WireSupport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The dispatcher's decisions stepped with a manual clock: pacing, 429s, backoff, expiry, batching, shutdown. */
class DispatchEngineTest {
    private static final Instant T0 = Instant.parse("2026-10-21T07:27:00Z");

    private final List<String> events = new ArrayList<>();
    private final OutboxListener recording = new OutboxListener() {
        @Override
        public void accepted(PendingOperation operation) {
            events.add("accepted " + operation.operation().type());
        }

        @Override
        public void sending(Collection<UUID> ids) {
            events.add("sending " + ids.size());
        }

        @Override
        public void finished(UUID id, CadResult result) {
            events.add("finished " + result.getClass().getSimpleName());
        }
    };
    private double jitter = 0.5;
    private Instant now = T0;

    private DispatchEngine engine(ApiGeneration generation, DispatcherSettings settings) {
        return new DispatchEngine(generation, settings, recording, Logger.getAnonymousLogger(), () -> jitter, at(T0));
    }

    /** Both clocks at {@code wall}, the monotonic one counted from T0: time that passes, with no clock step. */
    private static Moment at(Instant wall) {
        return new Moment(wall, Duration.between(T0, wall).toNanos());
    }

    /** The instant the engine next wants to look, on the wall clock of a run without clock steps. */
    private static Instant wakeAt(DispatchEngine engine, Instant now) {
        Duration wait = engine.nextWakeup(at(now));
        return wait == null ? null : now.plus(wait);
    }

    private DispatchEngine engine() {
        return engine(ApiGeneration.V2, DispatcherSettings.defaults());
    }

    private static DispatcherSettings withQueueCapacity(int capacity) {
        DispatcherSettings d = DispatcherSettings.defaults();
        return new DispatcherSettings(capacity, d.maxBatchSize(), d.deadlines(), d.rateLimits(), d.v1RateLimit(),
                d.retryBaseDelay(), d.retryMaxDelay());
    }

    private CompletableFuture<CadResult> submit(DispatchEngine engine, CadOperation operation) {
        Duration life = DispatcherSettings.defaults().deadlines().get(operation.type());
        CompletableFuture<CadResult> future = new CompletableFuture<>();
        engine.accept(new PendingOperation(UUID.randomUUID(), operation, now, now.plus(life)), future, true);
        return future;
    }

    private static NewDispatch dispatch(String title) {
        return new NewDispatch(CallOrigin.CALLER, CallStatus.PENDING, 2, title, "", "", "", "", "", "", Map.of(), List.of());
    }

    private static WireOutcome delivered(DispatchEngine.Batch batch) {
        List<CadResult> results = new ArrayList<>();
        batch.wireOperations().forEach(op -> results.add(new CadResult.Delivered(OptionalLong.empty())));
        return new WireOutcome.Answered(results);
    }

    @Test
    void newDispatchesArePacedSoNoSixtySecondWindowExceedsTheDocumentedTwenty() {
        DispatchEngine engine = engine();
        for (int i = 0; i < 100; i++) {
            submit(engine, dispatch("call " + i));
        }
        List<Instant> sent = new ArrayList<>();
        for (Instant end = T0.plusSeconds(180); !now.isAfter(end); now = now.plusMillis(100)) {
            DispatchEngine.Batch batch;
            while ((batch = engine.nextBatch(at(now))) != null) {
                sent.add(now);
                engine.onOutcome(batch, delivered(batch), at(now));
            }
        }
        for (Instant start : sent) {
            long inWindow = sent.stream().filter(t -> !t.isBefore(start) && t.isBefore(start.plusSeconds(60))).count();
            assertThat(inWindow).as("sends in the 60 s from %s", start).isLessThanOrEqualTo(20);
        }
        // burst of 2 at once, then 18 per minute: 2 + 3 * 18
        assertThat(sent).hasSize(56);
    }

    @Test
    void afterTheBurstTheEngineSaysWhenTheNextTokenArrivesAndOtherEndpointsAreNotHeldUp() {
        DispatchEngine engine = engine();
        for (int i = 0; i < 3; i++) {
            submit(engine, dispatch("call " + i));
        }
        for (int i = 0; i < 2; i++) {
            DispatchEngine.Batch batch = engine.nextBatch(at(now));
            assertThat(batch.type()).isEqualTo(OperationType.NEW_DISPATCH);
            engine.onOutcome(batch, delivered(batch), at(now));
        }
        assertThat(engine.nextBatch(at(now))).isNull();
        // 18 tokens a minute: one every 3.333... s
        assertThat(wakeAt(engine, now)).isEqualTo(T0.plusNanos(3_333_333_334L));

        submit(engine, new KickUnit("player-1", "AFK"));
        assertThat(engine.nextBatch(at(now)).type()).isEqualTo(OperationType.KICK);
    }

    @Test
    void pacingBackoffAndRetryAfterFollowTheMonotonicClockWhenTheWallClockStepsBack() {
        DispatchEngine engine = engine();
        for (int i = 0; i < 3; i++) {
            submit(engine, dispatch("call " + i));
        }
        for (int i = 0; i < 2; i++) {
            DispatchEngine.Batch batch = engine.nextBatch(at(now));
            engine.onOutcome(batch, delivered(batch), at(now));
        }
        // The system clock is set back an hour while 4 s really pass: the third token (every 3.33 s) is due.
        Moment stepped = new Moment(T0.minus(Duration.ofHours(1)).plusSeconds(4), Duration.ofSeconds(4).toNanos());
        assertThat(engine.nextWakeup(at(T0))).isEqualTo(Duration.ofNanos(3_333_333_334L));
        DispatchEngine.Batch third = engine.nextBatch(stepped);
        assertThat(third).as("refill did not freeze").isNotNull();

    }

    @Test
    void backoffAndRetryAfterCountRealTimeWhenTheWallClockStepsBack() {
        jitter = 0.5; // 0.75 s of a 1 s base
        DispatchEngine engine = engine(ApiGeneration.V2, SonoranDispatcher.withoutRateLimits(DispatcherSettings.defaults()));
        CompletableFuture<CadResult> close = submit(engine, new CloseCall(9));
        DispatchEngine.Batch batch = engine.nextBatch(at(now));
        engine.onOutcome(batch, new WireOutcome.Transient("SERVER_ERROR", "HTTP 500", null, false), at(now));

        Moment stepped = new Moment(T0.minus(Duration.ofHours(1)), 0);
        assertThat(engine.nextWakeup(stepped)).as("the backoff does not stretch by the step").isEqualTo(Duration.ofMillis(750));
        assertThat(engine.nextBatch(stepped.plus(Duration.ofMillis(749)))).isNull();
        Moment retryAt = stepped.plus(Duration.ofMillis(750));
        DispatchEngine.Batch retry = engine.nextBatch(retryAt);
        assertThat(retry).isNotNull();

        engine.onOutcome(retry, new WireOutcome.RateLimited(Duration.ofSeconds(30), null), retryAt);
        Moment steppedAgain = new Moment(retryAt.wall().minus(Duration.ofHours(2)), retryAt.nanos());
        assertThat(engine.nextWakeup(steppedAgain)).as("Retry-After counts real time").isEqualTo(Duration.ofSeconds(30));
        assertThat(engine.nextBatch(steppedAgain.plus(Duration.ofMillis(29_999)))).isNull();
        DispatchEngine.Batch last = engine.nextBatch(steppedAgain.plus(Duration.ofSeconds(30)));
        engine.onOutcome(last, delivered(last), steppedAgain.plus(Duration.ofSeconds(30)));
        assertThat(close).isCompletedWithValue(new CadResult.Delivered(OptionalLong.empty()));
    }

    @Test
    void v1SharesOneBucketAcrossAllOperations() {
        DispatchEngine engine = engine(ApiGeneration.V1, DispatcherSettings.defaults()); // v1: 60/min, burst 3
        submit(engine, new KickUnit("a", "AFK"));
        submit(engine, new CloseCall(1));
        submit(engine, new DetachUnits(List.of("b")));
        submit(engine, dispatch("d"));
        for (int i = 0; i < 3; i++) {
            DispatchEngine.Batch batch = engine.nextBatch(at(now));
            assertThat(batch).isNotNull();
            engine.onOutcome(batch, delivered(batch), at(now));
        }
        assertThat(engine.nextBatch(at(now))).isNull();
        assertThat(wakeAt(engine, now)).isEqualTo(T0.plusSeconds(1));
        assertThat(engine.nextBatch(at(T0.plusSeconds(1)))).isNotNull();
    }

    @Test
    void headroomShowsTheRoomEachRouteHasNowAndNoneWhileTheCadHoldsIt() {
        DispatchEngine engine = engine();
        assertThat(engine.status(ApiGeneration.V2, "x", at(now)).headroom()).containsEntry(OperationType.KICK, 2)
                .containsEntry(OperationType.VERSION, 1);
        submit(engine, new KickUnit("a", "AFK"));
        DispatchEngine.Batch batch = engine.nextBatch(at(now));
        assertThat(engine.status(ApiGeneration.V2, "x", at(now)).headroom()).containsEntry(OperationType.KICK, 1);

        engine.onOutcome(batch, new WireOutcome.RateLimited(Duration.ofSeconds(30), "req-1"), at(now));

        assertThat(engine.status(ApiGeneration.V2, "x", at(T0.plusSeconds(29))).headroom())
                .containsEntry(OperationType.KICK, 0).containsEntry(OperationType.CLOSE, 2);
        assertThat(engine.status(ApiGeneration.V2, "x", at(T0.plusSeconds(30))).headroom().get(OperationType.KICK)).isPositive();
    }

    @Test
    void retryAfterInSecondsHoldsThatEndpointUntilThenWhileOthersGoOn() {
        DispatchEngine engine = engine();
        CompletableFuture<CadResult> kick = submit(engine, new KickUnit("a", "AFK"));
        DispatchEngine.Batch batch = engine.nextBatch(at(now));
        Duration retryAfter = WireSupport.retryAfter(Headers.of("Retry-After", "30"), now);
        engine.onOutcome(batch, new WireOutcome.RateLimited(retryAfter, "req-1"), at(now));

        assertThat(retryAfter).isEqualTo(Duration.ofSeconds(30));
        assertThat(engine.nextBatch(at(T0.plusSeconds(29)))).isNull();
        assertThat(wakeAt(engine, T0.plusSeconds(29))).isEqualTo(T0.plusSeconds(30));
        submit(engine, new CloseCall(5));
        DispatchEngine.Batch close = engine.nextBatch(at(T0.plusSeconds(29)));
        assertThat(close.type()).as("another endpoint is not held").isEqualTo(OperationType.CLOSE);
        engine.onOutcome(close, delivered(close), at(T0.plusSeconds(29)));

        DispatchEngine.Batch retry = engine.nextBatch(at(T0.plusSeconds(30)));
        assertThat(retry.wireOperations()).containsExactly(new KickUnit("a", "AFK"));
        engine.onOutcome(retry, delivered(retry), at(T0.plusSeconds(30)));
        assertThat(kick).isCompletedWithValue(new CadResult.Delivered(OptionalLong.empty()));
        assertThat(engine.status(ApiGeneration.V2, "x", at(T0)).counters().rateLimited()).isEqualTo(1);
    }

    @Test
    void retryAfterAsAnHttpDateIsReadAgainstTheClock() {
        Duration retryAfter = WireSupport.retryAfter(Headers.of("Retry-After", "Wed, 21 Oct 2026 07:28:30 GMT"), now);
        assertThat(retryAfter).isEqualTo(Duration.ofSeconds(90));
        assertThat(WireSupport.retryAfter(Headers.of("Retry-After", "Wed, 21 Oct 2026 07:00:00 GMT"), now))
                .as("a date in the past means now").isEqualTo(Duration.ZERO);
        assertThat(WireSupport.retryAfter(Headers.of(), now)).isNull();

        DispatchEngine engine = engine();
        submit(engine, new CloseCall(9));
        DispatchEngine.Batch batch = engine.nextBatch(at(now));
        engine.onOutcome(batch, new WireOutcome.RateLimited(retryAfter, null), at(now));
        assertThat(engine.nextBatch(at(T0.plusSeconds(89)))).isNull();
        assertThat(engine.nextBatch(at(T0.plusSeconds(90)))).isNotNull();
    }

    @Test
    void retryAfterWithAFractionOfASecondIsHonoured() {
        assertThat(WireSupport.retryAfter(Headers.of("Retry-After", "1.5"), now)).isEqualTo(Duration.ofMillis(1500));
        assertThat(WireSupport.retryAfter(Headers.of("Retry-After", "0.25"), now)).isEqualTo(Duration.ofMillis(250));
        assertThat(WireSupport.retryAfter(Headers.of("Retry-After", "2"), now)).isEqualTo(Duration.ofSeconds(2));
        assertThat(WireSupport.retryAfter(Headers.of("Retry-After", "soon"), now)).isNull();

        DispatchEngine engine = engine(ApiGeneration.V2, SonoranDispatcher.withoutRateLimits(DispatcherSettings.defaults()));
        submit(engine, new CloseCall(9));
        DispatchEngine.Batch batch = engine.nextBatch(at(now));
        engine.onOutcome(batch, new WireOutcome.RateLimited(WireSupport.retryAfter(Headers.of("Retry-After", "1.5"), now), null), at(now));
        assertThat(engine.nextBatch(at(T0.plusMillis(1499)))).as("held for the whole 1.5 s").isNull();
        assertThat(engine.nextBatch(at(T0.plusMillis(1500)))).as("and not longer").isNotNull();
    }

    @Test
    void a429WithoutRetryAfterBacksOffExponentiallyAndNeverDropsTheWork() {
        jitter = 1.0; // full delay: base 1 s, then 2 s, 4 s ...
        DispatchEngine engine = engine(ApiGeneration.V2, SonoranDispatcher.withoutRateLimits(DispatcherSettings.defaults()));
        CompletableFuture<CadResult> close = submit(engine, new CloseCall(9));
        Instant attemptAt = now;
        for (int attempt = 1; attempt <= 4; attempt++) {
            DispatchEngine.Batch batch = engine.nextBatch(at(attemptAt));
            assertThat(batch).as("attempt %d", attempt).isNotNull();
            engine.onOutcome(batch, new WireOutcome.RateLimited(null, null), at(attemptAt));
            Instant expected = attemptAt.plusSeconds(1L << (attempt - 1));
            assertThat(wakeAt(engine, attemptAt)).isEqualTo(expected);
            attemptAt = expected;
        }
        assertThat(close).isNotDone();
    }

    @Test
    void serverErrorsBackOffExponentiallyWithJitter() {
        jitter = 0.0; // half the delay: base 1 s -> 0.5 s, then 1 s
        DispatchEngine engine = engine(ApiGeneration.V2, SonoranDispatcher.withoutRateLimits(DispatcherSettings.defaults()));
        CompletableFuture<CadResult> kick = submit(engine, new KickUnit("a", "AFK"));
        DispatchEngine.Batch batch = engine.nextBatch(at(now));
        engine.onOutcome(batch, new WireOutcome.Transient("SERVER_ERROR", "HTTP 500", "t", true), at(now));
        assertThat(engine.nextBatch(at(now.plusMillis(499)))).isNull();
        batch = engine.nextBatch(at(now.plusMillis(500)));
        assertThat(batch).isNotNull();
        engine.onOutcome(batch, new WireOutcome.Transient("SERVER_ERROR", "HTTP 500", "t", true), at(now.plusMillis(500)));
        assertThat(wakeAt(engine, now.plusMillis(500))).isEqualTo(now.plusMillis(1500));
        batch = engine.nextBatch(at(now.plusMillis(1500)));
        engine.onOutcome(batch, delivered(batch), at(now.plusMillis(1500)));
        assertThat(kick).isCompletedWithValue(new CadResult.Delivered(OptionalLong.empty()));
    }

    @Test
    void aDispatchThatMayHaveReachedTheServerIsNotRetried() {
        DispatchEngine engine = engine();
        CompletableFuture<CadResult> call = submit(engine, dispatch("robbery"));
        DispatchEngine.Batch batch = engine.nextBatch(at(now));
        engine.onOutcome(batch, new WireOutcome.Transient("TIMEOUT", "no answer within 10 s", null, true), at(now));
        assertThat(call.join()).isInstanceOf(CadResult.OutcomeUnknown.class);
        assertThat(engine.nextBatch(at(now.plusSeconds(60)))).isNull();

        CompletableFuture<CadResult> notSent = submit(engine, dispatch("fire"));
        batch = engine.nextBatch(at(now.plusSeconds(60)));
        engine.onOutcome(batch, new WireOutcome.Transient("CONNECTION", "refused", null, false), at(now.plusSeconds(60)));
        assertThat(notSent).isNotDone();
        assertThat(engine.nextBatch(at(now.plusSeconds(120))).wireOperations()).containsExactly(dispatch("fire"));
    }

    @Test
    void operationsExpireAtTheirDeadlineWithoutBeingSent() {
        DispatchEngine engine = engine();
        CompletableFuture<CadResult> first = submit(engine, new KickUnit("a", "AFK"));
        DispatchEngine.Batch batch = engine.nextBatch(at(now));
        engine.onOutcome(batch, new WireOutcome.Rejected(FailureKind.CREDENTIALS, "bad key", "t"), at(now));
        CompletableFuture<CadResult> second = submit(engine, new KickUnit("b", "AFK"));

        assertThat(engine.nextBatch(at(T0.plusSeconds(119)))).as("circuit open: nothing sent").isNull();
        assertThat(wakeAt(engine, T0.plusSeconds(119))).as("wakes for the kick deadline").isEqualTo(T0.plusSeconds(120));
        assertThat(first).isNotDone();
        assertThat(engine.nextBatch(at(T0.plusSeconds(120)))).isNull();
        assertThat(first.join()).isInstanceOf(CadResult.Expired.class);
        assertThat(((CadResult.Expired) first.join()).message()).contains("bad key");
        assertThat(second.join()).isInstanceOf(CadResult.Expired.class);
        assertThat(engine.status(ApiGeneration.V2, "x", at(T0)).counters().expired()).isEqualTo(2);
        assertThat(events).containsExactly("accepted KICK", "accepted KICK", "finished Expired", "finished Expired");
    }

    @Test
    void aResubmittedOperationKeepsItsDeadline() {
        DispatchEngine engine = engine();
        CompletableFuture<CadResult> future = new CompletableFuture<>();
        engine.accept(new PendingOperation(UUID.randomUUID(), new CloseCall(3), T0.minusSeconds(3600), T0.minusSeconds(1)), future, false);
        assertThat(engine.nextBatch(at(now))).isNull();
        assertThat(future.join()).isInstanceOf(CadResult.Expired.class);
        assertThat(events).as("a resubmit is already in the outbox").containsExactly("finished Expired");
    }

    @Test
    void aFullQueueRefusesAtOnceWithAClearReason() {
        DispatchEngine engine = engine(ApiGeneration.V2, withQueueCapacity(2));
        submit(engine, new CloseCall(1));
        submit(engine, new CloseCall(2));
        CompletableFuture<CadResult> third = submit(engine, new CloseCall(3));
        assertThat(third.join()).isInstanceOfSatisfying(CadResult.Failed.class, failed -> {
            assertThat(failed.kind()).isEqualTo(FailureKind.QUEUE_FULL);
            assertThat(failed.message()).contains("queue is full").contains("close call");
        });
    }

    @Test
    void planTooLowDisablesOnlyThatOperationType() {
        DispatchEngine engine = engine();
        CompletableFuture<CadResult> attach = submit(engine, new AttachUnits(5, List.of("a")));
        DispatchEngine.Batch batch = engine.nextBatch(at(now));
        engine.onOutcome(batch, new WireOutcome.Rejected(FailureKind.PLAN, "needs Plus", "t"), at(now));
        assertThat(attach.join()).isEqualTo(new CadResult.Failed(FailureKind.PLAN, "needs Plus", "t"));

        assertThat(submit(engine, new AttachUnits(6, List.of("b"))).join())
                .isEqualTo(new CadResult.Failed(FailureKind.PLAN, "needs Plus", null));
        submit(engine, new KickUnit("c", "AFK"));
        assertThat(engine.nextBatch(at(now)).type()).isEqualTo(OperationType.KICK);
        assertThat(engine.status(ApiGeneration.V2, "x", at(T0)).disabledTypes()).containsEntry(OperationType.ATTACH, "needs Plus");
    }

    @Test
    void queuedKicksClosesAttachesAndDetachesLeaveTogetherWithDuplicatesCollapsed() {
        DispatchEngine engine = engine();
        submit(engine, new KickUnit("a", "AFK"));
        submit(engine, new KickUnit("b", "AFK"));
        submit(engine, new KickUnit("a", "AFK again"));
        DispatchEngine.Batch kicks = engine.nextBatch(at(now));
        assertThat(kicks.wireOperations()).containsExactly(new KickUnit("a", "AFK"), new KickUnit("b", "AFK"));
        assertThat(kicks.members().get(0)).hasSize(2);
        engine.onOutcome(kicks, delivered(kicks), at(now));

        submit(engine, new AttachUnits(7, List.of("a")));
        submit(engine, new AttachUnits(8, List.of("c")));
        submit(engine, new AttachUnits(7, List.of("b", "a")));
        DispatchEngine.Batch attach7 = engine.nextBatch(at(now));
        assertThat(attach7.wireOperations()).containsExactly(new AttachUnits(7, List.of("a", "b")));
        assertThat(attach7.operationCount()).isEqualTo(2);
        engine.onOutcome(attach7, delivered(attach7), at(now));
        now = now.plusSeconds(60); // attach is 10/min with a burst of 1
        assertThat(engine.nextBatch(at(now)).wireOperations()).containsExactly(new AttachUnits(8, List.of("c")));
    }

    @Test
    void batchesRespectTheMaximumSize() {
        DispatcherSettings d = DispatcherSettings.defaults();
        DispatchEngine engine = engine(ApiGeneration.V2, new DispatcherSettings(d.queueCapacity(), 2, d.deadlines(),
                d.rateLimits(), d.v1RateLimit(), d.retryBaseDelay(), d.retryMaxDelay()));
        for (int i = 1; i <= 3; i++) {
            submit(engine, new CloseCall(i));
        }
        now = now.plusSeconds(1);
        submit(engine, new DetachUnits(List.of("a", "b")));
        submit(engine, new DetachUnits(List.of("c")));
        DispatchEngine.Batch closes = engine.nextBatch(at(now));
        assertThat(closes.wireOperations()).containsExactly(new CloseCall(1), new CloseCall(2));
        assertThat(engine.nextBatch(at(now))).as("one request in flight at a time").isNull();
        engine.onOutcome(closes, delivered(closes), at(now));
        DispatchEngine.Batch lastClose = engine.nextBatch(at(now));
        assertThat(lastClose.wireOperations()).containsExactly(new CloseCall(3));
        engine.onOutcome(lastClose, delivered(lastClose), at(now));
        assertThat(engine.nextBatch(at(now)).wireOperations()).as("the union a,b,c would exceed 2 units")
                .containsExactly(new DetachUnits(List.of("a", "b")));
    }

    @Test
    void shutdownHandsBackQueuedAndInFlightWorkWithTheirIdsAndDeadlines() {
        DispatchEngine engine = engine();
        CompletableFuture<CadResult> kick = submit(engine, new KickUnit("a", "AFK"));
        DispatchEngine.Batch inFlight = engine.nextBatch(at(now));
        now = now.plusSeconds(1);
        CompletableFuture<CadResult> close = submit(engine, new CloseCall(4));

        List<PendingOperation> handedBack = engine.shutdown(true);

        assertThat(handedBack).extracting(PendingOperation::operation).containsExactly(new KickUnit("a", "AFK"), new CloseCall(4));
        assertThat(handedBack.get(0).deadline()).isEqualTo(T0.plusSeconds(120));
        assertThat(handedBack.get(1).deadline()).isEqualTo(T0.plusSeconds(1 + 1800));
        assertThat(kick.join()).isInstanceOfSatisfying(CadResult.Failed.class,
                f -> assertThat(f.kind()).isEqualTo(FailureKind.SHUT_DOWN));
        assertThat(close.join()).isInstanceOf(CadResult.Failed.class);
        assertThat(events).as("no finished callback: the outbox keeps them").noneMatch(e -> e.startsWith("finished"));
        engine.onOutcome(inFlight, delivered(inFlight), at(now)); // the answer that arrives late is ignored
        assertThat(engine.status(ApiGeneration.V2, "x", at(T0)).counters().delivered()).isZero();
    }

    @Test
    void shutdownHandsBackInIntakeOrderEvenWhenTheClockWasSetBackBetweenTwoAccepts() {
        DispatchEngine engine = engine();
        submit(engine, new AttachUnits(7, List.of("x")));
        now = T0.minus(Duration.ofHours(1)); // the system clock is set back
        submit(engine, new DetachUnits(List.of("x")));

        assertThat(engine.shutdown(false)).extracting(PendingOperation::operation)
                .as("replayed in this order at the next start").containsExactly(new AttachUnits(7, List.of("x")), new DetachUnits(List.of("x")));
    }

    @Test
    void anOperationIsAnnouncedToTheOutboxAtIntakeEvenWhileARequestIsInFlight() {
        DispatchEngine engine = engine();
        submit(engine, new KickUnit("first", "AFK"));
        assertThat(engine.nextBatch(at(now))).isNotNull();
        events.clear();

        submit(engine, new CloseCall(9));

        assertThat(events).as("recorded before the worker is free again").containsExactly("accepted CLOSE");
    }

    @Test
    void anOperationRefusedAtIntakeIsNeverAnnounced() {
        DispatchEngine engine = engine(ApiGeneration.V2, withQueueCapacity(1));
        submit(engine, new KickUnit("first", "AFK"));
        events.clear();

        submit(engine, new KickUnit("second", "AFK"));

        assertThat(events).isEmpty();
    }

    @Test
    void aMergeNeverOvertakesAnEarlierOperationOnTheSameUnit() {
        DispatchEngine engine = engine();
        submit(engine, new KickUnit("x", "Left the game"));
        submit(engine, new AttachUnits(5, List.of("x")));
        submit(engine, new KickUnit("x", "Left the game"));
        submit(engine, new KickUnit("y", "AFK"));

        DispatchEngine.Batch first = engine.nextBatch(at(now));
        assertThat(first.wireOperations()).as("y has nothing older elsewhere; the second kick of x must wait")
                .containsExactly(new KickUnit("x", "Left the game"), new KickUnit("y", "AFK"));
        engine.onOutcome(first, delivered(first), at(now));
        DispatchEngine.Batch second = engine.nextBatch(at(now));
        assertThat(second.wireOperations()).containsExactly(new AttachUnits(5, List.of("x")));
        engine.onOutcome(second, delivered(second), at(now));
        DispatchEngine.Batch third = engine.nextBatch(at(now));
        assertThat(third.wireOperations()).containsExactly(new KickUnit("x", "Left the game"));
    }

    @Test
    void aDetachNeverOvertakesAnAttachOfTheSameUnitThatWaitsForItsToken() {
        DispatchEngine engine = engine(); // attach: 1 at once, then 9 a minute
        submit(engine, new AttachUnits(5, List.of("other")));
        DispatchEngine.Batch spent = engine.nextBatch(at(now));
        engine.onOutcome(spent, delivered(spent), at(now));

        submit(engine, new AttachUnits(7, List.of("x")));   // /cad attach 7
        submit(engine, new DetachUnits(List.of("x")));      // /cad detach
        submit(engine, new KickUnit("y", "AFK"));           // someone else

        DispatchEngine.Batch first = engine.nextBatch(at(now));
        assertThat(first.wireOperations()).as("unrelated work goes on").containsExactly(new KickUnit("y", "AFK"));
        engine.onOutcome(first, delivered(first), at(now));
        assertThat(engine.nextBatch(at(now))).as("the detach waits for the attach of x").isNull();
        Instant attachToken = T0.plusNanos(6_666_666_667L);
        assertThat(wakeAt(engine, now)).isEqualTo(attachToken);

        DispatchEngine.Batch attach = engine.nextBatch(at(attachToken));
        assertThat(attach.wireOperations()).containsExactly(new AttachUnits(7, List.of("x")));
        engine.onOutcome(attach, delivered(attach), at(attachToken));
        assertThat(engine.nextBatch(at(attachToken)).wireOperations()).containsExactly(new DetachUnits(List.of("x")));
    }

    @Test
    void aDetachNeverOvertakesAnAttachOfTheSameUnitHeldByA429() {
        DispatchEngine engine = engine();
        submit(engine, new AttachUnits(7, List.of("x")));
        DispatchEngine.Batch attach = engine.nextBatch(at(now));
        engine.onOutcome(attach, new WireOutcome.RateLimited(Duration.ofSeconds(30), null), at(now));
        submit(engine, new DetachUnits(List.of("x")));

        assertThat(engine.nextBatch(at(T0.plusSeconds(29)))).as("the detach has a token but must wait").isNull();
        assertThat(wakeAt(engine, T0.plusSeconds(29))).isEqualTo(T0.plusSeconds(30));
        DispatchEngine.Batch retry = engine.nextBatch(at(T0.plusSeconds(30)));
        assertThat(retry.wireOperations()).containsExactly(new AttachUnits(7, List.of("x")));
        engine.onOutcome(retry, delivered(retry), at(T0.plusSeconds(30)));
        assertThat(engine.nextBatch(at(T0.plusSeconds(30))).wireOperations()).containsExactly(new DetachUnits(List.of("x")));
    }

    @Test
    void aCloseNeverOvertakesAnAttachToThatCall() {
        DispatchEngine engine = engine();
        submit(engine, new AttachUnits(5, List.of("other")));
        DispatchEngine.Batch spent = engine.nextBatch(at(now));
        engine.onOutcome(spent, delivered(spent), at(now));
        submit(engine, new AttachUnits(7, List.of("x")));
        submit(engine, new CloseCall(7));

        assertThat(engine.nextBatch(at(now))).isNull();
    }

    @Test
    void detachesAndAttachesOfOneUnitKeepTheirOrder() {
        DispatchEngine engine = engine();
        submit(engine, new DetachUnits(List.of("x")));
        submit(engine, new AttachUnits(5, List.of("x")));
        submit(engine, new DetachUnits(List.of("x", "z")));

        DispatchEngine.Batch first = engine.nextBatch(at(now));
        assertThat(first.wireOperations()).containsExactly(new DetachUnits(List.of("x")));
        engine.onOutcome(first, delivered(first), at(now));
        DispatchEngine.Batch second = engine.nextBatch(at(now));
        assertThat(second.wireOperations()).containsExactly(new AttachUnits(5, List.of("x")));
    }

    private static WireOutcome leftOut(DispatchEngine.Batch batch, int done) {
        return new WireOutcome.Answered(List.of(WireSupport.leftOut(batch.wireOperations().get(0), done)));
    }

    @Test
    void aMergedAttachTheCadOnlyPartlyDidIsSentAgainOnePerOperationToFindOutWhich() {
        DispatchEngine engine = engine(ApiGeneration.V2, SonoranDispatcher.withoutRateLimits(DispatcherSettings.defaults()));
        CompletableFuture<CadResult> a = submit(engine, new AttachUnits(7, List.of("a")));
        CompletableFuture<CadResult> b = submit(engine, new AttachUnits(7, List.of("b")));
        DispatchEngine.Batch merged = engine.nextBatch(at(now));
        assertThat(merged.wireOperations()).containsExactly(new AttachUnits(7, List.of("a", "b")));

        engine.onOutcome(merged, leftOut(merged, 1), at(now)); // one identId for two units: which one?
        assertThat(a).isNotDone();
        assertThat(b).isNotDone();

        DispatchEngine.Batch first = engine.nextBatch(at(now));
        assertThat(first.wireOperations()).containsExactly(new AttachUnits(7, List.of("a")));
        engine.onOutcome(first, delivered(first), at(now));
        DispatchEngine.Batch second = engine.nextBatch(at(now));
        assertThat(second.wireOperations()).containsExactly(new AttachUnits(7, List.of("b")));
        engine.onOutcome(second, leftOut(second, 0), at(now));

        assertThat(a.join()).isInstanceOf(CadResult.Delivered.class);
        assertThat(b.join()).isEqualTo(new CadResult.LeftOut(0, 1, "the CAD did not attach b to call #7: not logged in to the CAD"));
    }

    @Test
    void aMergedDetachTheCadDidNothingOfTellsEachOperationAboutItsOwnUnits() {
        DispatchEngine engine = engine(ApiGeneration.V2, SonoranDispatcher.withoutRateLimits(DispatcherSettings.defaults()));
        CompletableFuture<CadResult> a = submit(engine, new DetachUnits(List.of("a")));
        CompletableFuture<CadResult> bc = submit(engine, new DetachUnits(List.of("b", "c")));
        DispatchEngine.Batch merged = engine.nextBatch(at(now));

        engine.onOutcome(merged, leftOut(merged, 0), at(now));

        assertThat(a.join()).isEqualTo(new CadResult.LeftOut(0, 1, "the CAD did not detach a: not logged in to the CAD"));
        assertThat(bc.join()).isEqualTo(new CadResult.LeftOut(0, 2, "the CAD did not detach b, c: not logged in to the CAD"));
        assertThat(engine.nextBatch(at(now))).as("nothing sent again").isNull();
    }

    @Test
    void aMergedRequestRefusedForAnUnknownTargetIsRetriedOnePerRequest() {
        DispatchEngine engine = engine(ApiGeneration.V1, DispatcherSettings.defaults());
        CompletableFuture<CadResult> known = submit(engine, new KickUnit("known", "Left the game"));
        CompletableFuture<CadResult> unknown = submit(engine, new KickUnit("unknown", "Left the game"));
        DispatchEngine.Batch both = engine.nextBatch(at(now));
        assertThat(both.wireOperations()).hasSize(2);

        engine.onOutcome(both, new WireOutcome.Rejected(FailureKind.TARGET_NOT_FOUND, "API ID NOT LINKED", null), at(now));
        assertThat(known).isNotDone();
        assertThat(unknown).isNotDone();

        now = now.plusSeconds(5);
        DispatchEngine.Batch first = engine.nextBatch(at(now));
        assertThat(first.wireOperations()).containsExactly(new KickUnit("known", "Left the game"));
        engine.onOutcome(first, delivered(first), at(now));
        now = now.plusSeconds(5);
        DispatchEngine.Batch second = engine.nextBatch(at(now));
        assertThat(second.wireOperations()).containsExactly(new KickUnit("unknown", "Left the game"));
        engine.onOutcome(second, new WireOutcome.Rejected(FailureKind.TARGET_NOT_FOUND, "API ID NOT LINKED", null), at(now));

        assertThat(known.join()).isInstanceOf(CadResult.Delivered.class);
        assertThat(unknown.join()).isInstanceOfSatisfying(CadResult.Failed.class,
                f -> assertThat(f.kind()).isEqualTo(FailureKind.TARGET_NOT_FOUND));
    }

    @Test
    void aLinkCheckSomeoneWaitsOnGoesBeforeQueuedWorkAndIsNeverRetried() {
        DispatchEngine engine = engine();
        submit(engine, new KickUnit("unit-a", "AFK"));
        CompletableFuture<CadResult> check = submit(engine, new CheckLink("unit-b"));

        DispatchEngine.Batch first = engine.nextBatch(at(now));
        assertThat(first.type()).isEqualTo(OperationType.LINK_CHECK);
        engine.onOutcome(first, new WireOutcome.Transient("TIMEOUT", "the CAD did not answer within 10 s", null, true), at(now));

        assertThat(check).isCompletedWithValueMatching(result -> result instanceof CadResult.Failed failed
                && failed.kind() == FailureKind.UNREACHABLE && failed.message().contains("did not answer"));
        // the failure was the check's alone: the kick goes at once, with no backoff
        assertThat(engine.nextBatch(at(now)).type()).isEqualTo(OperationType.KICK);
        assertThat(events).noneMatch(event -> event.contains("LINK_CHECK"));
    }

    @Test
    void whileSendingIsPausedALinkRequestFailsAtOnceButTheVersionCheckStillGoes() {
        DispatchEngine engine = engine();
        engine.openCircuit("the CAD rejected the API key");
        CompletableFuture<CadResult> code = submit(engine, new CreateLink("unit-a"));
        submit(engine, new VersionCheck());

        DispatchEngine.Batch batch = engine.nextBatch(at(now));

        assertThat(code).isCompletedWithValueMatching(result -> result instanceof CadResult.Failed failed
                && failed.kind() == FailureKind.CREDENTIALS && failed.message().contains("sending is paused"));
        assertThat(batch.type()).isEqualTo(OperationType.VERSION);
    }
}
