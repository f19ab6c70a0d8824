package dev.cadbridge.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cadbridge.reliability.SecretWatch;
import dev.cadbridge.sandbox.MutableClock;
import dev.cadbridge.sandbox.SandboxFault;
import dev.cadbridge.sandbox.SandboxRequest;
import dev.cadbridge.sandbox.SonoranSandbox;
import dev.cadbridge.sonoran.ApiGeneration;
import dev.cadbridge.sonoran.ApiKey;
import dev.cadbridge.sonoran.AttachUnits;
import dev.cadbridge.sonoran.CadOperation;
import dev.cadbridge.sonoran.CadResult;
import dev.cadbridge.sonoran.CallOrigin;
import dev.cadbridge.sonoran.CallStatus;
import dev.cadbridge.sonoran.CloseCall;
import dev.cadbridge.sonoran.DetachUnits;
import dev.cadbridge.sonoran.KickUnit;
import dev.cadbridge.sonoran.NewDispatch;
import dev.cadbridge.sonoran.OperationType;
import dev.cadbridge.sonoran.SonoranSettings;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real dispatcher against the sandbox on one hand-moved clock, with every submitted operation
 * kept in a ledger so a test can check, after a fault, what a server owner would care about:
 * nothing lost before its deadline, nothing done twice that the client could have known about,
 * submit never blocking, the log showing only state changes, and the key never shown.
 *
 * <p>Time: the dispatcher's waits are real-time waits computed from its clock, so {@link #step}
 * moves the clock, wakes the worker and waits until it has handled everything due by then. A
 * five-minute outage costs milliseconds.
 */
abstract class FaultHarness {
    static final String API_KEY = "sk-RELIABILITY-4c1d-e2f0-LEAK-CANARY-77";
    /** A generous bound: this checks that submit never waits for I/O, it is not a speed claim. */
    static final Duration SUBMIT_BOUND = Duration.ofMillis(50);
    static final Duration SECOND = Duration.ofSeconds(1);

    @RegisterExtension
    final SecretWatch watch = new SecretWatch(API_KEY);

    final MutableClock clock = new MutableClock();
    final DispatcherSettings dispatcherSettings = DispatcherSettings.defaults();
    final List<Tracked> ledger = new CopyOnWriteArrayList<>();
    final List<LogRecord> dispatcherLog = new CopyOnWriteArrayList<>();
    private final AtomicInteger names = new AtomicInteger();

    SonoranSandbox cad;
    SonoranDispatcher dispatcher;
    ApiGeneration generation;
    Duration requestTimeout = Duration.ofSeconds(2);
    private Logger logger;
    private String caseName;

    /** One submitted operation and what became of it. {@code completedAt} is the clock when its future completed. */
    record Tracked(CadOperation operation, Instant submittedAt, Instant deadline, long submitNanos,
                   CompletableFuture<CadResult> future, AtomicReference<Instant> completedAt) {
        OperationType type() {
            return operation.type();
        }

        CadResult result() {
            return future.getNow(null);
        }
    }

    @BeforeEach
    final void startSandbox(TestInfo info) {
        caseName = info.getTestMethod().map(m -> m.getName()).orElse("") + " " + info.getDisplayName();
        cad = new SonoranSandbox(clock);
        cad.setApiKey(API_KEY);
        cad.start();
        // the sandbox logs every request line through JUL; the watch still sees it, the console need not
        Logger.getLogger("mockwebserver3").setLevel(Level.WARNING);
        logger = Logger.getLogger("CadBridge.faults." + getClass().getSimpleName() + "." + names.incrementAndGet());
        logger.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                dispatcherLog.add(record);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        });
    }

    @AfterEach
    final void stopAll() {
        if (dispatcher != null) {
            watch.include(dispatcher.status());
            watch.include(dispatcher);
            dispatcher.close(Duration.ZERO);
        }
        ledger.forEach(t -> watch.include(t.result()));
        cad.close();
    }

    SonoranSettings settings() {
        return new SonoranSettings(generation, URI.create(cad.baseUrl()), cad.communityId(), ApiKey.of(API_KEY), 1,
                Duration.ofSeconds(1), requestTimeout);
    }

    /** The dispatcher with its real defaults (rate limits, deadlines, 1 s to 60 s backoff) and fixed jitter. */
    SonoranDispatcher start(ApiGeneration apiGeneration) {
        generation = apiGeneration;
        dispatcher = SonoranDispatcher.builder(settings())
                .dispatcherSettings(dispatcherSettings)
                .clock(clock)
                .monotonicClock(clock::nanoTime)
                .jitter(() -> 0.5)
                .logger(logger)
                .threadName("CadBridge-Dispatcher-" + caseName)
                .build();
        return dispatcher;
    }

    // ----- time -----

    /** Waits until the worker has handled everything due at the current clock (sent, answered, re-planned). */
    void settle() {
        Instant now = clock.instant();
        await("worker idle at " + now).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(1))
                .until(() -> dispatcher.idleSince(now));
    }

    void step(Duration by) {
        clock.advance(by);
        dispatcher.wakeUp();
        settle();
    }

    /** Steps the clock until every ledger operation is finished; fails if that takes more than {@code limit} of clock time. */
    void stepUntilAllFinished(Duration by, Duration limit) {
        Instant end = clock.instant().plus(limit);
        settle();
        while (!allFinished()) {
            assertThat(clock.instant()).as("every operation finished within %s of clock time; pending: %s",
                    limit, pending()).isBefore(end);
            step(by);
        }
    }

    /** Steps the clock by {@code by} until {@code total} has passed. */
    void stepFor(Duration total, Duration by) {
        Instant end = clock.instant().plus(total);
        while (clock.instant().isBefore(end)) {
            step(by);
        }
    }

    boolean allFinished() {
        return ledger.stream().allMatch(t -> t.future().isDone());
    }

    List<CadOperation> pending() {
        return ledger.stream().filter(t -> !t.future().isDone()).map(Tracked::operation).toList();
    }

    // ----- operations -----

    /** Submits as the server thread would and records how long the call took. */
    Tracked submit(CadOperation operation) {
        Instant at = clock.instant();
        long started = System.nanoTime();
        CompletableFuture<CadResult> future = dispatcher.submit(operation);
        long took = System.nanoTime() - started;
        AtomicReference<Instant> completedAt = new AtomicReference<>();
        future.whenComplete((result, error) -> completedAt.set(clock.instant()));
        Tracked tracked = new Tracked(operation, at, at.plus(dispatcherSettings.deadlines().get(operation.type())),
                took, future, completedAt);
        ledger.add(tracked);
        return tracked;
    }

    /**
     * A mix of every operation with targets unique to {@code label}, so deliveries can be counted per
     * operation: kicks, single-unit attaches to fresh calls, detaches, closes of fresh calls, dispatches.
     */
    List<Tracked> submitMix(String label, int each) {
        List<Tracked> submitted = new ArrayList<>();
        for (int i = 0; i < each; i++) {
            String tag = label + "-" + i;
            submitted.add(submit(new KickUnit("kick-" + tag, "AFK")));
            submitted.add(submit(new AttachUnits(cad.addCall("Attach target " + tag), List.of("attach-" + tag))));
            submitted.add(submit(new DetachUnits(List.of("detach-" + tag))));
            submitted.add(submit(new CloseCall(cad.addCall("Close target " + tag))));
            submitted.add(submit(new NewDispatch(CallOrigin.CALLER, CallStatus.PENDING, 2, "Dispatch " + tag, "10-31",
                    "", "Spawn", "", "", "", java.util.Map.of(), List.of())));
        }
        return submitted;
    }

    /**
     * One of each operation, delivered before the fault: the first submits of a JVM load classes, and
     * that one-time cost is not what the blocking check is about.
     */
    void warmUp() {
        List<Tracked> first = submitMix("warm-up", 1);
        stepUntilAllFinished(SECOND, Duration.ofMinutes(1));
        assertThat(first).allSatisfy(t -> assertThat(t.result()).isInstanceOf(CadResult.Delivered.class));
        assertThat(dispatcherLog).isEmpty();
        // let the rate-limit buckets refill, so the fault meets a dispatcher that is free to send at once
        step(Duration.ofSeconds(10));
    }

    // ----- what the CAD saw -----

    /** How many times the sandbox carried out this operation. */
    long applied(CadOperation operation) {
        return switch (operation) {
            case KickUnit kick -> cad.deliveredKicks().stream().filter(k -> k.unitId().equals(kick.unitId())).count();
            case AttachUnits attach -> cad.attachments().stream()
                    .filter(a -> a.callId() == attach.callId() && attach.unitIds().contains(a.unitId())).count();
            case DetachUnits detach -> cad.detachments().stream()
                    .filter(d -> detach.unitIds().contains(d.unitId())).count();
            case CloseCall close -> cad.closedCalls().stream().filter(id -> id == close.callId()).count();
            case NewDispatch dispatch -> cad.createdCalls().stream().filter(c -> c.title().equals(dispatch.title())).count();
            default -> throw new IllegalArgumentException("the fault suite does not cover " + operation.type());
        };
    }

    /** Requests whose body named this operation's target. */
    List<SandboxRequest> requestsCarrying(CadOperation operation) {
        Pattern target = switch (operation) {
            case KickUnit kick -> quoted(kick.unitId());
            case AttachUnits attach -> quoted(attach.unitIds().get(0));
            case DetachUnits detach -> quoted(detach.unitIds().get(0));
            case CloseCall close -> Pattern.compile("(?<![0-9])" + close.callId() + "(?![0-9])");
            case NewDispatch dispatch -> quoted(dispatch.title());
            default -> throw new IllegalArgumentException("the fault suite does not cover " + operation.type());
        };
        return cad.requests().stream().filter(r -> r.endpoint().operation().isPresent())
                .filter(r -> target.matcher(r.body()).find()).toList();
    }

    private static Pattern quoted(String value) {
        return Pattern.compile(Pattern.quote("\"" + value + "\""));
    }

    /** The CAD applied the request but the client never got the answer: timed out, cut off, or unreadable. */
    static boolean answerLost(SandboxRequest request, Duration requestTimeout) {
        boolean applied = request.status() >= 200 && request.status() < 300;
        return applied && switch (request.fault()) {
            case SandboxFault.Slow slow -> slow.delay().compareTo(requestTimeout) >= 0;
            case SandboxFault.ResetMidResponse reset -> true;
            case SandboxFault.GarbageBody garbage -> true;
            case null, default -> false;
        };
    }

    long lostAnswersFor(CadOperation operation) {
        return requestsCarrying(operation).stream().filter(r -> answerLost(r, requestTimeout)).count();
    }

    /** Extra applications across the ledger: a target carried out more than once. */
    long duplicates() {
        return ledger.stream().mapToLong(t -> Math.max(0, applied(t.operation()) - 1)).sum();
    }

    // ----- the invariants -----

    /**
     * Every operation finished; "Delivered" only if the CAD really did it; expired only at or after
     * its deadline; every failure explained; a new dispatch never created twice; anything else
     * repeated only after the client lost the CAD's answer; the sandbox saw no malformed request.
     */
    void assertNothingLostNothingDoubled() {
        assertThat(pending()).as("operations still waiting").isEmpty();
        for (Tracked t : ledger) {
            CadResult result = t.result();
            long applied = applied(t.operation());
            String what = t.operation() + " -> " + result + " (applied " + applied + "x)";
            switch (result) {
                case CadResult.Delivered delivered -> assertThat(applied).as("delivered means done: " + what).isGreaterThanOrEqualTo(1);
                case CadResult.Replied replied -> throw new AssertionError("the fault suite queues no request-response route: " + what);
                case CadResult.Expired expired -> {
                    assertThat(t.completedAt().get()).as("expired no earlier than its deadline: " + what)
                            .isAfterOrEqualTo(t.deadline());
                    assertThat(expired.message()).contains("deadline");
                }
                case CadResult.Failed failed -> assertThat(failed.message()).as(what).isNotBlank();
                case CadResult.OutcomeUnknown unknown -> {
                    if (t.type() != OperationType.NEW_DISPATCH) {
                        assertThat(unknown.message()).as("only a new dispatch, or an answer without its list of what was done, "
                                + "may end unknown: " + what).contains("without the '");
                    }
                    assertThat(unknown.message()).as(what).containsIgnoringCase("check the CAD");
                }
                case CadResult.LeftOut left -> {
                    if (left.done() == 0) {
                        assertThat(applied).as("left out of the answer means not done: " + what).isZero();
                    }
                }
            }
            if (t.type() == OperationType.NEW_DISPATCH) {
                assertThat(applied).as("a new dispatch is never created twice: " + what).isLessThanOrEqualTo(1);
                if (result instanceof CadResult.Failed) {
                    assertThat(applied).as("a created call is never reported failed (the player would dispatch again): "
                            + what).isZero();
                }
            }
            long allowed = (result instanceof CadResult.Delivered ? 1 : 0) + lostAnswersFor(t.operation());
            assertThat(applied).as("carried out only once, or again only after the client lost the answer: " + what)
                    .isLessThanOrEqualTo(allowed);
        }
        assertThat(cad.violations()).as("requests that broke the documentation").isEmpty();
    }

    void assertSubmitNeverBlocked() {
        assertThat(Duration.ofNanos(maxSubmitNanos())).as("slowest submit").isLessThan(SUBMIT_BOUND);
    }

    long maxSubmitNanos() {
        return ledger.stream().mapToLong(Tracked::submitNanos).max().orElse(0);
    }

    long logLines(Level level, String containing) {
        return dispatcherLog.stream().filter(r -> r.getLevel() == level && r.getMessage().contains(containing)).count();
    }

    List<String> logText() {
        return dispatcherLog.stream().map(r -> r.getLevel() + " " + r.getMessage()).toList();
    }

    long count(Predicate<CadResult> which) {
        return ledger.stream().filter(t -> which.test(t.result())).count();
    }

    /**
     * One line per case in the test output, which docs/RELIABILITY.md is filled from:
     * grep RELIABILITY target/surefire-reports/*-output.txt.
     */
    void report(String extra) {
        watch.include(dispatcher.status());
        long delivered = count(r -> r instanceof CadResult.Delivered);
        long expired = count(r -> r instanceof CadResult.Expired);
        long failed = count(r -> r instanceof CadResult.Failed);
        long unknown = count(r -> r instanceof CadResult.OutcomeUnknown);
        long applications = ledger.stream().mapToLong(t -> applied(t.operation())).sum();
        System.out.printf(Locale.ROOT, "RELIABILITY | %s | %s | ops=%d delivered=%d expired=%d failed=%d unknown=%d"
                        + " | attempts=%d sandboxRequests=%d applied=%d duplicates=%d | logLines=%d %s | maxSubmit=%.2fms | %s%n",
                caseName, generation, ledger.size(), delivered, expired, failed, unknown,
                dispatcher.status().counters().requests(), cad.requestCount(), applications, duplicates(),
                dispatcherLog.size(), logText(), maxSubmitNanos() / 1e6, extra);
    }
}
