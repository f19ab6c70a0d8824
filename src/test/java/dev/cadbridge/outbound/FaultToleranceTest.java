package dev.cadbridge.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadbridge.sandbox.SandboxFault;
import dev.cadbridge.sandbox.SandboxRequest;
import dev.cadbridge.sandbox.SonoranSandbox.RetryAfterStyle;
import dev.cadbridge.sonoran.ApiGeneration;
import dev.cadbridge.sonoran.CadResult;
import dev.cadbridge.sonoran.CloseCall;
import dev.cadbridge.sonoran.FailureKind;
import dev.cadbridge.sonoran.KickUnit;
import dev.cadbridge.sonoran.OperationType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Sustained faults against the sandbox, each on a hand-moved clock. For every case: nothing lost
 * before its deadline, nothing carried out twice unless the client lost the CAD's answer (a new
 * dispatch never), submit never blocking, and the dispatcher's log holding state changes only.
 * The API key is searched for in everything captured ({@link FaultHarness#watch}).
 */
class FaultToleranceTest extends FaultHarness {
    private void assertLoggedOneOutage(String cause) {
        assertThat(logText()).as("one line when the CAD goes away, one when it is back").hasSize(2);
        assertThat(dispatcherLog.get(0).getLevel()).isEqualTo(Level.WARNING);
        assertThat(dispatcherLog.get(0).getMessage()).startsWith("CAD unreachable").contains(cause);
        assertThat(dispatcherLog.get(1).getLevel()).isEqualTo(Level.INFO);
        assertThat(dispatcherLog.get(1).getMessage()).isEqualTo("CAD reachable again");
    }

    private List<Tracked> ofType(List<Tracked> tracked, OperationType type) {
        return tracked.stream().filter(t -> t.type() == type).toList();
    }

    private List<Tracked> notOfType(List<Tracked> tracked, OperationType type) {
        return tracked.stream().filter(t -> t.type() != type).toList();
    }

    // ----- the test hook: waits follow the clock -----

    @Test
    void aTwoMinuteRetryAfterEndsWhenTheClockSaysSoNotEarlier() {
        start(ApiGeneration.V2);
        warmUp();
        cad.inject(SandboxFault.rateLimitStorm(Duration.ofSeconds(120)), 1);
        Tracked close = submit(new CloseCall(cad.addCall("Retry-After target")));
        settle();
        long afterThe429 = cad.requestCount();
        assertThat(cad.requests().getLast().status()).isEqualTo(429);

        step(Duration.ofSeconds(119));
        assertThat(cad.requestCount()).as("nothing sent a second early").isEqualTo(afterThe429);
        assertThat(close.future()).isNotDone();

        step(SECOND);
        assertThat(close.result()).isInstanceOf(CadResult.Delivered.class);
        assertThat(cad.requestCount()).isEqualTo(afterThe429 + 1);
    }

    // ----- CAD down for five minutes -----

    @ParameterizedTest
    @EnumSource(ApiGeneration.class)
    void cadDownForFiveMinutes(ApiGeneration apiGeneration) {
        start(apiGeneration);
        warmUp();
        long requestsBefore = dispatcher.status().counters().requests();
        cad.stop();
        Instant downAt = clock.instant();

        List<Tracked> early = submitMix("down-t0", 2);
        stepFor(Duration.ofSeconds(5), Duration.ofSeconds(5));
        assertThat(dispatcher.status().lastFailure().kind()).isEqualTo("CONNECTION");
        stepFor(Duration.ofSeconds(55), Duration.ofSeconds(5));
        List<Tracked> middle = submitMix("down-t60", 2);
        stepFor(Duration.ofSeconds(190), Duration.ofSeconds(5));
        List<Tracked> late = submitMix("down-t250", 2);
        stepFor(Duration.ofSeconds(50), Duration.ofSeconds(5));
        long attemptsWhileDown = dispatcher.status().counters().requests() - requestsBefore;

        assertThat(Duration.between(downAt, clock.instant())).isEqualTo(Duration.ofMinutes(5));
        assertThat(ofType(early, OperationType.KICK)).as("kicks from the first minute outlived their 2-minute deadline")
                .allSatisfy(t -> assertThat(t.result()).isInstanceOf(CadResult.Expired.class));
        assertThat(ofType(middle, OperationType.KICK))
                .allSatisfy(t -> assertThat(t.result()).isInstanceOf(CadResult.Expired.class));
        assertThat(notOfType(early, OperationType.KICK)).as("the rest is still queued")
                .allSatisfy(t -> assertThat(t.future()).isNotDone());
        assertThat(late).allSatisfy(t -> assertThat(t.future()).isNotDone());
        assertThat(attemptsWhileDown).as("retrying with backoff, not hammering").isBetween(3L, 20L);

        cad.start();
        Instant upAt = clock.instant();
        stepUntilAllFinished(Duration.ofSeconds(5), Duration.ofMinutes(3));
        Instant firstAfterRestart = cad.requests().stream().map(SandboxRequest::time)
                .filter(time -> !time.isBefore(upAt)).findFirst().orElseThrow();
        Duration noticedAfter = Duration.between(upAt, firstAfterRestart);

        assertNothingLostNothingDoubled();
        assertThat(noticedAfter).as("the next retry comes within the backoff cap")
                .isLessThanOrEqualTo(dispatcherSettings.retryMaxDelay());
        assertThat(notOfType(early, OperationType.KICK)).allSatisfy(t -> assertThat(t.result()).isInstanceOf(CadResult.Delivered.class));
        assertThat(notOfType(middle, OperationType.KICK)).allSatisfy(t -> assertThat(t.result()).isInstanceOf(CadResult.Delivered.class));
        assertThat(late).as("submitted 50 s before the CAD came back: all delivered, kicks included")
                .allSatisfy(t -> assertThat(t.result()).isInstanceOf(CadResult.Delivered.class));
        assertThat(duplicates()).isZero();
        assertLoggedOneOutage("connection refused");
        assertSubmitNeverBlocked();
        report("attemptsWhileDown=" + attemptsWhileDown + " backNoticedAfter=" + noticedAfter.toSeconds() + "s");
    }

    // ----- answers slower than the request timeout -----

    @ParameterizedTest
    @EnumSource(ApiGeneration.class)
    void responsesSlowerThanTheTimeout(ApiGeneration apiGeneration) {
        requestTimeout = Duration.ofSeconds(1);
        start(apiGeneration);
        warmUp();
        long answered = cad.requestCount();
        cad.inject(SandboxFault.slow(Duration.ofSeconds(2)), 3);

        Tracked stuck = submit(new KickUnit("kick-first-slow", "AFK"));
        cad.awaitRequests((int) answered + 1);
        List<Tracked> duringIo = submitMix("slow", 4);
        long submitsWhileStuck = duringIo.stream().mapToLong(Tracked::submitNanos).max().orElseThrow();
        assertThat(stuck.future()).as("the worker was still waiting for the slow answer").isNotDone();
        assertThat(dispatcher.idleSince(clock.instant())).isFalse();
        DispatcherStatus whileStuck = dispatcher.status();
        assertThat(whileStuck.queueDepth().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(20);

        stepUntilAllFinished(SECOND, Duration.ofMinutes(2));

        assertNothingLostNothingDoubled();
        assertThat(ofType(ledger, OperationType.NEW_DISPATCH)).allSatisfy(t -> assertThat(t.result())
                .isInstanceOfAny(CadResult.Delivered.class, CadResult.OutcomeUnknown.class));
        assertThat(notOfType(ledger, OperationType.NEW_DISPATCH)).allSatisfy(t -> assertThat(t.result())
                .isInstanceOf(CadResult.Delivered.class));
        assertThat(dispatcher.status().lastFailure().kind()).isEqualTo("TIMEOUT");
        assertLoggedOneOutage("did not answer within");
        assertSubmitNeverBlocked();
        report(String.format(Locale.ROOT, "slowAnswers=3 maxSubmitWhileWorkerInIo=%.2fms", submitsWhileStuck / 1e6));
    }

    // ----- 30 % of answers are 5xx -----

    @ParameterizedTest
    @CsvSource({"V2, 500", "V2, 503", "V1, 500"})
    void thirtyPercentServerErrors(ApiGeneration apiGeneration, int status) {
        start(apiGeneration);
        warmUp();
        cad.inject(SandboxFault.serverErrors(30, status));

        for (int round = 0; round < 6; round++) {
            submitMix("5xx-" + round, 2);
            stepFor(Duration.ofSeconds(20), SECOND);
        }
        stepUntilAllFinished(SECOND, Duration.ofMinutes(10));
        long errors = cad.requests().stream().filter(r -> r.status() == status).count();

        assertNothingLostNothingDoubled();
        assertThat(duplicates()).isZero();
        assertThat(notOfType(ledger, OperationType.NEW_DISPATCH)).as("retried until delivered, each exactly once")
                .allSatisfy(t -> {
                    assertThat(t.result()).isInstanceOf(CadResult.Delivered.class);
                    assertThat(applied(t.operation())).isEqualTo(1);
                });
        if (status == 503) {
            assertThat(ofType(ledger, OperationType.NEW_DISPATCH)).as("503 means not processed, so dispatches are retried")
                    .allSatisfy(t -> assertThat(t.result()).isInstanceOf(CadResult.Delivered.class));
        } else {
            assertThat(ofType(ledger, OperationType.NEW_DISPATCH)).allSatisfy(t -> assertThat(t.result())
                    .isInstanceOfAny(CadResult.Delivered.class, CadResult.OutcomeUnknown.class));
        }
        int outages = streaksOfServerErrors(DispatchEngine.FAILURES_BEFORE_UNREACHABLE);
        assertThat(errors).as("the fault really fired").isGreaterThan(5);
        assertThat(logLines(Level.WARNING, "CAD unreachable")).as("one line per run of %d+ errors in a row, not one per error",
                DispatchEngine.FAILURES_BEFORE_UNREACHABLE).isEqualTo(outages);
        assertThat(logLines(Level.INFO, "CAD reachable again")).isEqualTo(outages);
        assertThat(logText()).hasSize(2 * outages);
        assertSubmitNeverBlocked();
        report("errorAnswers=" + errors + " of " + cad.requestCount() + " runsOf3+=" + outages);
    }

    /** Runs of at least {@code length} 5xx answers in a row among operation requests (429s neither break nor extend a run). */
    private int streaksOfServerErrors(int length) {
        int streaks = 0;
        int run = 0;
        for (SandboxRequest request : cad.requests()) {
            if (request.status() == 429 || request.endpoint().operation().isEmpty()) {
                continue;
            }
            if (request.status() >= 500) {
                run++;
                if (run == length) {
                    streaks++;
                }
            } else {
                run = 0;
            }
        }
        return streaks;
    }

    // ----- a 429 storm with Retry-After up to 120 s -----

    @ParameterizedTest
    @CsvSource({"V2, SECONDS", "V2, HTTP_DATE", "V2, ABSENT", "V1, SECONDS"})
    void rateLimitStormWithLongRetryAfter(ApiGeneration apiGeneration, RetryAfterStyle style) {
        cad.setRetryAfterStyle(style);
        start(apiGeneration);
        warmUp();
        cad.inject(SandboxFault.rateLimitStorm(Duration.ofSeconds(120)));

        List<Tracked> duringStorm = submitMix("storm", 2);
        stepFor(Duration.ofMinutes(6), Duration.ofSeconds(5));
        long stormAnswers = cad.rateLimitedCount();
        cad.clearFaults();
        stepUntilAllFinished(Duration.ofSeconds(5), Duration.ofMinutes(5));

        assertNothingLostNothingDoubled();
        assertThat(duplicates()).isZero();
        assertThat(ofType(duringStorm, OperationType.KICK)).as("a six-minute storm outlasts a kick's 2-minute deadline")
                .allSatisfy(t -> assertThat(t.result()).isInstanceOf(CadResult.Expired.class));
        assertThat(notOfType(duringStorm, OperationType.KICK)).as("no cap on waiting drops work")
                .allSatisfy(t -> assertThat(t.result()).isInstanceOf(CadResult.Delivered.class));
        Duration shortestGap = shortestGapAfterA429();
        if (style == RetryAfterStyle.ABSENT) {
            assertThat(shortestGap).as("backs off on its own").isGreaterThanOrEqualTo(SECOND);
        } else {
            assertThat(shortestGap).as("never asks again before Retry-After").isGreaterThanOrEqualTo(Duration.ofSeconds(120));
        }
        assertThat(logText()).as("a storm is not an outage: no line per 429").hasSizeLessThanOrEqualTo(1);
        assertSubmitNeverBlocked();
        report("answered429=" + stormAnswers + " shortestRetryGap=" + shortestGap.toSeconds() + "s");
    }

    /** Per route: the shortest time between a 429 and the next request on that route. */
    private Duration shortestGapAfterA429() {
        Map<String, List<SandboxRequest>> byPath = cad.requests().stream()
                .collect(Collectors.groupingBy(SandboxRequest::path));
        Duration shortest = Duration.ofDays(1);
        for (List<SandboxRequest> route : byPath.values()) {
            for (int i = 0; i + 1 < route.size(); i++) {
                if (route.get(i).status() == 429) {
                    Duration gap = Duration.between(route.get(i).time(), route.get(i + 1).time());
                    shortest = gap.compareTo(shortest) < 0 ? gap : shortest;
                }
            }
        }
        return shortest;
    }

    // ----- answers lost on the way: connection reset, a body that is not JSON -----

    @ParameterizedTest
    @EnumSource(ApiGeneration.class)
    void connectionResetMidResponse(ApiGeneration apiGeneration) {
        start(apiGeneration);
        warmUp();
        cad.inject(SandboxFault.resetMidResponse(), 4);

        submitMix("reset", 2);
        stepUntilAllFinished(SECOND, Duration.ofMinutes(2));
        long lost = cad.requests().stream().filter(r -> answerLost(r, requestTimeout)).count();

        assertNothingLostNothingDoubled();
        assertThat(lost).isEqualTo(4);
        assertThat(notOfType(ledger, OperationType.NEW_DISPATCH)).allSatisfy(t -> assertThat(t.result())
                .isInstanceOf(CadResult.Delivered.class));
        assertLoggedOneOutage("connection to the CAD");
        assertSubmitNeverBlocked();
        report("lostAnswers=" + lost);
    }

    @ParameterizedTest
    @EnumSource(ApiGeneration.class)
    void aBodyThatIsNotJson(ApiGeneration apiGeneration) {
        start(apiGeneration);
        warmUp();
        cad.inject(SandboxFault.garbageBody(), 4);

        submitMix("garbage", 2);
        stepUntilAllFinished(SECOND, Duration.ofMinutes(2));

        assertNothingLostNothingDoubled();
        assertThat(ledger).allSatisfy(t -> {
            if (t.result() instanceof CadResult.Failed failed) {
                assertThat(failed.kind()).isEqualTo(FailureKind.UNEXPECTED_RESPONSE);
                assertThat(failed.message()).contains("CAD answered");
            }
        });
        assertThat(logText()).as("an unreadable answer is not an outage").isEmpty();
        assertSubmitNeverBlocked();
        report("garbageAnswers=4");
    }

    // ----- an HTML error page from a proxy -----

    @ParameterizedTest
    @EnumSource(ApiGeneration.class)
    void anHtmlErrorPageFromAProxy(ApiGeneration apiGeneration) {
        start(apiGeneration);
        warmUp();
        cad.inject(SandboxFault.htmlBadGateway());

        submitMix("proxy", 2);
        stepFor(Duration.ofMinutes(1), Duration.ofSeconds(5));
        long htmlAnswers = cad.requests().stream().filter(r -> r.status() == 502).count();
        cad.clearFaults();
        stepUntilAllFinished(Duration.ofSeconds(5), Duration.ofMinutes(3));

        assertNothingLostNothingDoubled();
        assertThat(duplicates()).isZero();
        assertThat(notOfType(ledger, OperationType.NEW_DISPATCH)).allSatisfy(t -> assertThat(t.result())
                .isInstanceOf(CadResult.Delivered.class));
        assertThat(ofType(ledger, OperationType.NEW_DISPATCH)).as("a 502 may hide a created call: not resent, reported unknown")
                .allSatisfy(t -> assertThat(t.result()).isInstanceOfAny(CadResult.Delivered.class, CadResult.OutcomeUnknown.class));
        assertLoggedOneOutage("HTTP 502");
        assertThat(dispatcherLog.get(0).getMessage()).as("a bounded line, not the whole page").hasSizeLessThan(400);
        assertSubmitNeverBlocked();
        report("htmlAnswers=" + htmlAnswers);
    }

    // ----- the API key revoked mid-stream -----

    @ParameterizedTest
    @EnumSource(ApiGeneration.class)
    void apiKeyRevokedMidStream(ApiGeneration apiGeneration) {
        start(apiGeneration);
        warmUp();
        List<Tracked> before = submitMix("before", 1);
        stepUntilAllFinished(SECOND, Duration.ofMinutes(1));
        assertThat(before).allSatisfy(t -> assertThat(t.result()).isInstanceOf(CadResult.Delivered.class));

        cad.revokeKey();
        List<Tracked> afterRevoke = submitMix("revoked", 2);
        step(SECOND);
        assertThat(dispatcher.status().circuit()).isEqualTo(DispatcherStatus.CircuitState.OPEN);
        long requestsWhenOpened = cad.requestCount();
        stepFor(Duration.ofMinutes(5), Duration.ofSeconds(10));

        assertThat(cad.requestCount()).as("nothing sent while the key is refused").isEqualTo(requestsWhenOpened);
        assertThat(ofType(afterRevoke, OperationType.KICK)).allSatisfy(t -> assertThat(((CadResult.Expired) t.result()).message())
                .contains("sending is paused"));
        assertThat(notOfType(afterRevoke, OperationType.KICK)).as("kept until their deadline")
                .allSatisfy(t -> assertThat(t.future()).isNotDone());

        cad.restoreKey();
        dispatcher.reconfigure(settings());
        stepUntilAllFinished(Duration.ofSeconds(5), Duration.ofMinutes(3));

        assertNothingLostNothingDoubled();
        assertThat(duplicates()).isZero();
        assertThat(notOfType(afterRevoke, OperationType.KICK)).allSatisfy(t -> assertThat(t.result())
                .isInstanceOf(CadResult.Delivered.class));
        assertThat(logText()).hasSize(2);
        assertThat(logLines(Level.SEVERE, "rejected the configuration")).isEqualTo(1);
        assertThat(logLines(Level.INFO, "sending resumes")).isEqualTo(1);
        assertSubmitNeverBlocked();
        report("requestsRefused=1 requestsWhileCircuitOpen=0");
    }
}
