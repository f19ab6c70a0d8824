package dev.cadbridge.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cadbridge.outbound.PendingOperation;
import dev.cadbridge.outbound.SonoranDispatcher;
import dev.cadbridge.sandbox.SandboxCall;
import dev.cadbridge.sandbox.SandboxEvent;
import dev.cadbridge.sandbox.SandboxFault;
import dev.cadbridge.sandbox.SonoranSandbox;
import dev.cadbridge.sonoran.AttachUnits;
import dev.cadbridge.sonoran.CadOperation;
import dev.cadbridge.sonoran.CadResult;
import dev.cadbridge.sonoran.CloseCall;
import dev.cadbridge.sonoran.KickUnit;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbox with the real dispatcher and the sandbox CAD: restarts, a SIGKILL, and two servers on
 * one database. Each subclass runs it on one backend.
 */
abstract class OutboxDeliveryContract {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dataFolder;
    private final String prefix = TestDatabases.freshPrefix();
    private final CapturedLog log = new CapturedLog("cadbridge-delivery-" + prefix);
    private final SonoranSandbox cad = new SonoranSandbox(Clock.systemUTC());
    private final List<Runnable> cleanUp = new ArrayList<>();

    abstract StorageType type();

    @BeforeEach
    void startCad() {
        TestDatabases.config(type(), prefix, "any"); // skip or fail before anything starts
        cad.setRateLimitsEnabled(false);
        cad.start();
    }

    @AfterEach
    void stopEverything() throws Exception {
        for (Runnable step : cleanUp.reversed()) {
            step.run();
        }
        cad.close();
        TestDatabases.dropTables(TestDatabases.config(type(), prefix, "cleanup"), dataFolder);
    }

    /** One server: its storage and its dispatcher, on the given clock. */
    private record Server(Storage storage, SonoranDispatcher dispatcher) {
        void stopCleanly() {
            storage.close(dispatcher.close(Duration.ofMillis(300)), Duration.ofSeconds(10));
        }
    }

    private Server startServer(String name, Clock clock) {
        Storage storage = Storage.start(TestDatabases.config(type(), prefix, name), dataFolder, clock, StorageTuning.defaults(), log.logger);
        storage.ready().orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
        SonoranDispatcher dispatcher = SandboxDispatchers.start(cad.port(), cad.apiKey(), storage.outbox(), clock, log.logger);
        Server server = new Server(storage, dispatcher);
        cleanUp.add(() -> {
            dispatcher.close(Duration.ZERO);
            storage.close(List.of(), Duration.ofSeconds(5));
        });
        return server;
    }

    private static void awaitAll(ReplayReport report) {
        CompletableFuture.allOf(report.resubmitted().stream().map(ReplayReport.Resubmitted::result).toArray(CompletableFuture[]::new))
                .orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
        for (ReplayReport.Resubmitted resubmitted : report.resubmitted()) {
            assertThat(resubmitted.result().join()).as("%s", resubmitted.operation()).isInstanceOf(CadResult.Delivered.class);
        }
    }

    private static <T> Map<T, Long> counted(List<T> values) {
        return values.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    @Test
    void operationsQueuedWhileTheCadIsDownAreDeliveredOnceByTheNextStartAndExpiredOnesNever() {
        long firstCall = cad.addCall("Open call one");
        long secondCall = cad.addCall("Open call two");
        cad.stop();

        Server first = startServer("survival", Clock.systemUTC());
        List<String> kickedUnits = List.of("kick-0", "kick-1", "kick-2", "kick-3");
        List<CadOperation> operations = new ArrayList<>();
        kickedUnits.forEach(unit -> operations.add(new KickUnit(unit, "AFK")));
        operations.add(new AttachUnits(firstCall, List.of("attach-a", "attach-b")));
        operations.add(new CloseCall(secondCall));
        operations.add(SampleOperations.dispatch("Queued while down 1"));
        operations.add(SampleOperations.dispatch("Queued while down 2"));
        List<CompletableFuture<CadResult>> firstResults = operations.stream().map(first.dispatcher()::submit).toList();
        first.stopCleanly();
        assertThat(firstResults).allSatisfy(result -> assertThat(result).isDone());

        // The next start is five minutes later: past the kicks' 2-minute deadline, within the others'.
        Clock later = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(5));
        Server second = startServer("survival", later);
        cad.start();
        ReplayReport report = second.storage().outbox().replay(second.dispatcher()).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
        awaitAll(report);

        assertThat(report.expired()).extracting(PendingOperation::operation)
                .containsExactlyInAnyOrderElementsOf(operations.subList(0, kickedUnits.size()));
        assertThat(report.resubmitted()).hasSize(4);
        assertThat(cad.deliveredKicks()).as("expired kicks are never sent").isEmpty();
        assertThat(cad.attachments()).extracting(SandboxEvent.Attachment::unitId).containsExactlyInAnyOrder("attach-a", "attach-b");
        assertThat(cad.closedCalls()).containsExactly(secondCall);
        assertThat(cad.createdCalls()).extracting(SandboxCall::title)
                .containsExactlyInAnyOrder("Queued while down 1", "Queued while down 2");
        await().atMost(WAIT).until(() -> second.storage().status().backlog() == 0);

        // Nothing is left for a third start.
        Server third = startServer("survival", later);
        assertThat(third.storage().outbox().replay(third.dispatcher()).join().resubmitted()).isEmpty();
    }

    @Test
    void twoServersOnOneDatabaseNeverDeliverTheSameOperation() {
        cad.stop();
        Server alpha = startServer("alpha", Clock.systemUTC());
        Server beta = startServer("beta", Clock.systemUTC());
        for (int i = 0; i < 15; i++) {
            alpha.dispatcher().submit(new KickUnit("alpha-" + i, "AFK"));
            beta.dispatcher().submit(new KickUnit("beta-" + i, "AFK"));
        }
        alpha.dispatcher().submit(SampleOperations.dispatch("Alpha call"));
        beta.dispatcher().submit(SampleOperations.dispatch("Beta call"));
        alpha.stopCleanly();
        beta.stopCleanly();

        Server alphaAgain = startServer("alpha", Clock.systemUTC());
        Server betaAgain = startServer("beta", Clock.systemUTC());
        cad.start();
        CompletableFuture<ReplayReport> alphaReplay = alphaAgain.storage().outbox().replay(alphaAgain.dispatcher());
        CompletableFuture<ReplayReport> betaReplay = betaAgain.storage().outbox().replay(betaAgain.dispatcher());
        awaitAll(alphaReplay.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join());
        awaitAll(betaReplay.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join());

        List<String> kicked = cad.deliveredKicks().stream().map(SandboxEvent.Kick::unitId).toList();
        assertThat(kicked).doesNotHaveDuplicates().hasSize(30);
        assertThat(alphaReplay.join().resubmitted()).allSatisfy(r ->
                assertThat(r.operation().operation().toString()).satisfiesAnyOf(
                        text -> assertThat(text).contains("alpha-"), text -> assertThat(text).contains("Alpha call")));
        assertThat(cad.createdCalls()).extracting(SandboxCall::title).containsExactlyInAnyOrder("Alpha call", "Beta call");
    }

    @Test
    void afterASigkillEveryOperationAcceptedMoreThanOneSecondBeforeIsDeliveredAndNoDispatchTwice() throws Exception {
        // A slow CAD: new dispatches (one request each) pile up in the child's queue and requests are
        // in flight when it dies, so the restart has real work to replay.
        cad.inject(new SandboxFault.Slow(Duration.ofMillis(250)));
        Process child = new ProcessBuilder(
                ProcessHandle.current().info().command().orElseThrow(), "-cp", System.getProperty("java.class.path"),
                DeliveryCrashChild.class.getName(), type().name(), prefix, "crash-server", dataFolder.toString(),
                Integer.toString(cad.port()), cad.apiKey())
                .redirectError(dataFolder.resolve("child-stderr.txt").toFile())
                .start();
        record Accepted(String kind, String key, long seenAtNanos) {}
        List<Accepted> accepted = new CopyOnWriteArrayList<>();
        CountDownLatch ready = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = child.inputReader()) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    String[] parts = line.split(" ", 3);
                    if (parts[0].equals("READY")) {
                        ready.countDown();
                    } else if (parts[0].equals("ACCEPTED")) {
                        accepted.add(new Accepted(parts[1], parts[2], System.nanoTime()));
                    }
                }
            } catch (IOException ignored) {
                // the child was killed
            }
        }, "delivery-child-reader");
        reader.start();
        long killedAtNanos;
        Instant killedAt;
        try {
            assertThat(ready.await(60, TimeUnit.SECONDS)).as("child started; see %s", dataFolder.resolve("child-stderr.txt")).isTrue();
            await().atMost(WAIT).until(() -> accepted.size() >= 100
                    && System.nanoTime() - accepted.getFirst().seenAtNanos() > Duration.ofMillis(2500).toNanos());
        } finally {
            killedAtNanos = System.nanoTime();
            killedAt = Instant.now();
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            reader.join(10_000);
        }
        List<Accepted> mustArrive = accepted.stream()
                .filter(a -> killedAtNanos - a.seenAtNanos() > Duration.ofSeconds(1).toNanos()).toList();
        assertThat(mustArrive).hasSizeGreaterThan(20);
        cad.clearFaults();

        Server restarted = startServer("crash-server", Clock.systemUTC());
        ReplayReport report = restarted.storage().outbox().replay(restarted.dispatcher()).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
        awaitAll(report);
        assertThat(report.resubmitted()).as("operations left undelivered by the killed server").isNotEmpty();

        Set<String> unknownTitles = report.outcomeUnknown().stream()
                .map(p -> ((dev.cadbridge.sonoran.NewDispatch) p.operation()).title()).collect(Collectors.toSet());
        Map<String, Long> created = counted(cad.createdCalls().stream().map(SandboxCall::title).toList());
        Map<String, Long> kicked = counted(cad.deliveredKicks().stream().map(SandboxEvent.Kick::unitId).toList());
        for (Accepted operation : mustArrive) {
            if (operation.kind().equals("KICK")) {
                assertThat(kicked).as("kick %s", operation.key()).containsKey(operation.key());
            } else {
                assertThat(created.containsKey(operation.key()) || unknownTitles.contains(operation.key()))
                        .as("dispatch %s delivered, or reported as outcome unknown", operation.key()).isTrue();
            }
        }
        assertThat(created).as("no new dispatch created twice; outcome unknown: %s; resubmitted: %s; killed at %s; calls: %s",
                unknownTitles, report.resubmitted().size(), killedAt,
                cad.createdCalls().stream().filter(c -> created.get(c.title()) > 1).map(c -> c.title() + "@" + c.created()).toList())
                .allSatisfy((title, count) -> assertThat(count).isEqualTo(1));
        // A kick may go out twice only if its first delivery was in the last moment before the kill.
        Set<String> kickedTwice = kicked.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).collect(Collectors.toSet());
        for (SandboxEvent.Kick kick : cad.deliveredKicks()) {
            if (kickedTwice.contains(kick.unitId())) {
                assertThat(kick.time()).as("kick %s delivered twice", kick.unitId()).isAfter(killedAt.minusSeconds(1));
            }
        }
    }
}
