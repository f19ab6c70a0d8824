package dev.cadbridge.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cadbridge.core.CadConnections;
import dev.cadbridge.core.PluginStorage;
import dev.cadbridge.outbound.CadQueries;
import dev.cadbridge.outbound.SonoranDispatcher;
import dev.cadbridge.network.NetworkStatus;
import dev.cadbridge.sandbox.SandboxEvent;
import dev.cadbridge.sandbox.SonoranSandbox;
import dev.cadbridge.sonoran.ActiveCall;
import dev.cadbridge.sonoran.CadRequestException;
import dev.cadbridge.sonoran.CadResult;
import dev.cadbridge.sonoran.Emergency911;
import dev.cadbridge.sonoran.FailureKind;
import dev.cadbridge.sonoran.KickUnit;
import dev.cadbridge.sonoran.SetUnitPanic;
import dev.cadbridge.sonoran.SetUnitStatus;
import dev.cadbridge.sonoran.OperationType;
import dev.cadbridge.testing.FakePlayer;
import dev.cadbridge.testing.Harness;
import dev.cadbridge.sandbox.SandboxCall;
import dev.cadbridge.sandbox.SandboxFault;
import dev.cadbridge.sandbox.SandboxRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Network mode with four plugin cores on one real database, against the sandbox enforcing the
 * documented per-key limits across all of them. Each subclass runs it on one backend.
 */
abstract class NetworkModeContract {
    private static final int KICKS = 1_000;
    private static final Duration ARRIVAL_SPAN = Duration.ofSeconds(60);

    @TempDir
    Path dataFolder;
    final String prefix = TestDatabases.freshPrefix();
    final SonoranSandbox cad = new SonoranSandbox(Clock.systemUTC());
    final List<Harness> cores = new ArrayList<>();
    /** The config each core started with ("dotted.key", value, ...), for tests that reload it. */
    final Map<Harness, List<Object>> startedWith = new ConcurrentHashMap<>();
    /** All cores read one frozen clock: operation deadlines are compared across servers. */
    final Instant frozenNow = Instant.now();

    abstract StorageType type();

    @BeforeEach
    void startCad() {
        TestDatabases.config(type(), prefix, "any"); // skip or fail before anything starts
        cad.start();
    }

    @AfterEach
    void stopEverything() throws Exception {
        for (Harness core : cores.reversed()) {
            core.core.disable();
        }
        cad.close();
        TestDatabases.dropTables(TestDatabases.config(type(), prefix, "cleanup"), dataFolder);
    }

    Harness startCore(String serverName) {
        return startCore(serverName, false);
    }

    /** {@code unpaced}: the dispatchers ignore the documented limits (the sandbox's are lifted too), for tests of something else. */
    Harness startCore(String serverName, boolean unpaced) {
        return startCore(serverName, unpaced, null);
    }

    /** {@code proxy}: the core reaches the database through it; {@code extra}: more config ("dotted.key", value, ...). */
    Harness startCore(String serverName, boolean unpaced, TcpProxy proxy, Object... extra) {
        StorageConfig db = TestDatabases.config(type(), prefix, serverName);
        Harness h = new Harness();
        h.clock.set(frozenNow);
        List<Object> settings = new ArrayList<>(List.of(
                "sonoran.base-url", cad.baseUrl(),
                "sonoran.api-key", cad.apiKey(),
                "dispatcher.shutdown-timeout", "0s",
                "network.enabled", "true",
                "storage.type", type().name().toLowerCase(java.util.Locale.ROOT),
                "storage.host", proxy == null ? db.host() : "127.0.0.1",
                "storage.port", proxy == null ? db.port() : proxy.port(),
                "storage.database", db.database(),
                "storage.username", db.user(),
                "storage.password", db.password(),
                "storage.table-prefix", prefix,
                "storage.server-name", serverName));
        settings.addAll(List.of(extra));
        h.configure(settings.toArray());
        startedWith.put(h, settings);
        h.connectionFactory = unpaced
                ? (sonoran, dispatcherSettings, outbox) -> CadConnections.of(
                        SandboxDispatchers.start(cad.port(), cad.apiKey(), outbox, Clock.systemUTC(), h.platform.logger()))
                : (sonoran, dispatcherSettings, outbox) -> CadConnections.of(SonoranDispatcher.builder(sonoran)
                        .dispatcherSettings(dispatcherSettings).listener(outbox).threadName("CadBridge-Dispatcher-" + serverName).build());
        h.storageFactory = config -> PluginStorage.sql(Storage.start(config, dataFolder, h.platform.logger()));
        h.start();
        cores.add(h);
        return h;
    }

    static NetworkStatus network(Harness core) {
        return core.core.networkStatus().orElseThrow();
    }

    List<Harness> startFourAndAwaitOneSender() {
        List<Harness> four = List.of(startCore("net-a"), startCore("net-b"), startCore("net-c"), startCore("net-d"));
        await().atMost(Duration.ofSeconds(60)).until(() -> four.stream().filter(core -> network(core).thisServerSends()).count() == 1
                && four.stream().allMatch(core -> network(core).serverNames() >= 4));
        return four;
    }

    @Test
    void aThousandKicksFromFourServersInOneMinuteGoOutOnceInAtMost25RequestsWithoutA429() {
        List<Harness> four = startFourAndAwaitOneSender();
        Map<String, Instant> answeredAt = new ConcurrentHashMap<>();
        List<CompletableFuture<CadResult>> results = new ArrayList<>();
        long start = System.nanoTime();
        long spacing = ARRIVAL_SPAN.toNanos() / KICKS;
        for (int i = 0; i < KICKS; i++) {
            for (long wait = start + i * spacing - System.nanoTime(); wait > 0; wait = start + i * spacing - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            String unit = "net-unit-" + i;
            results.add(four.get(i % 4).core.dispatcher().submit(new KickUnit(unit, "AFK"))
                    .whenComplete((result, error) -> answeredAt.put(unit, Instant.now())));
        }
        CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).orTimeout(3, TimeUnit.MINUTES).join();

        assertThat(results).allSatisfy(result -> assertThat(result.join()).isInstanceOf(CadResult.Delivered.class));
        List<SandboxEvent.Kick> kicked = cad.deliveredKicks();
        Map<String, Long> timesKicked = kicked.stream().collect(Collectors.groupingBy(SandboxEvent.Kick::unitId, Collectors.counting()));
        assertThat(timesKicked).hasSize(KICKS).allSatisfy((unit, times) -> assertThat(times).as(unit).isEqualTo(1));
        assertThat(cad.rateLimitedCount()).as("429 answers").isZero();
        assertThat(cad.requestsTo(OperationType.KICK)).as("kick requests").hasSizeLessThanOrEqualTo(25);
        assertThat(cad.violations()).isEmpty();
        // The player's reply reaches the server that asked within about a second of the CAD's answer.
        Duration slowest = kicked.stream().map(kick -> Duration.between(kick.time(), answeredAt.get(kick.unitId())))
                .max(Comparator.naturalOrder()).orElseThrow();
        System.out.printf("network %s: %d kick requests, %d x 429, last delivery %.1f s after the first kick, slowest answer back %d ms%n",
                type(), cad.requestsTo(OperationType.KICK).size(), cad.rateLimitedCount(),
                (kicked.getLast().time().toEpochMilli() - kicked.getFirst().time().toEpochMilli()) / 1000.0, slowest.toMillis());
        assertThat(slowest).isLessThan(Duration.ofMillis(1500));
    }

    @Test
    void aKickAskedOnAServerThatDoesNotSendComesBackDeliveredThroughTheDatabase() {
        List<Harness> four = startFourAndAwaitOneSender();
        List<CompletableFuture<CadResult>> results = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            results.add(four.get(i % 4).core.dispatcher().submit(new KickUnit("few-" + i, "AFK")));
        }
        try {
            CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).orTimeout(30, TimeUnit.SECONDS).join();
        } finally {
            diagnose(four, results);
        }
        assertThat(results).allSatisfy(result -> assertThat(result.join()).isInstanceOf(CadResult.Delivered.class));
        assertThat(cad.deliveredKicks()).hasSize(20);

        Harness sender = four.stream().filter(core -> network(core).thisServerSends()).findFirst().orElseThrow();
        Harness asker = four.stream().filter(core -> core != sender).findFirst().orElseThrow();
        String senderName = network(sender).serverName();
        asker.console.clearMessages();
        asker.run(asker.console, "status");
        awaitStatus(asker);
        assertThat(asker.console.messages()).anySatisfy(line -> assertThat(line).startsWith("Network: " + senderName + " sends for 4 servers"))
                .anySatisfy(line -> assertThat(line).startsWith("Shared budget: per minute for the whole network: attach 10, detach 10, kick 20"));
        sender.console.clearMessages();
        sender.run(sender.console, "status");
        awaitStatus(sender);
        assertThat(sender.console.messages()).anySatisfy(line -> assertThat(line)
                        .startsWith("Network: this server (" + senderName + ") sends for 4 servers"))
                .anySatisfy(line -> assertThat(line).containsPattern("; sent " + cad.requestsTo(OperationType.KICK).size()
                        + (cad.requestsTo(OperationType.KICK).size() == 1 ? " request" : " requests") + ", rate-limited 0 times$"));
        sender.console.messages().forEach(System.out::println);
    }

    @Test
    void twoLiveRunsWithOneServerNameAreToldApartByTheirRunLockAndEachGetsItsOwnAnswers() {
        cad.setRateLimitsEnabled(false);
        Harness first = startCore("net-twin", true);
        Harness second = startCore("net-twin", true);
        await().atMost(Duration.ofSeconds(30)).until(() -> network(first).sameNameRuns() == 1 && network(second).sameNameRuns() == 1);
        List<CompletableFuture<CadResult>> fromFirst = new ArrayList<>();
        List<CompletableFuture<CadResult>> fromSecond = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            fromFirst.add(first.core.dispatcher().submit(new KickUnit("twin-first-" + i, "AFK")));
            fromSecond.add(second.core.dispatcher().submit(new KickUnit("twin-second-" + i, "AFK")));
        }
        List<CompletableFuture<CadResult>> all = new ArrayList<>(fromFirst);
        all.addAll(fromSecond);
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).orTimeout(30, TimeUnit.SECONDS).join();
        assertThat(all).allSatisfy(result -> assertThat(result.join()).isInstanceOf(CadResult.Delivered.class));
        assertThat(counted(cad.deliveredKicks().stream().map(SandboxEvent.Kick::unitId).toList())).hasSize(20)
                .allSatisfy((unit, times) -> assertThat(times).isEqualTo(1));
        for (Harness twin : List.of(first, second)) {
            assertThat(twin.platform.log()).anySatisfy(line -> assertThat(line)
                    .contains("Another CadBridge is running right now with storage.server-name 'net-twin'"));
        }
        // A run that is gone no longer counts, whatever its row in the runs table says.
        first.core.disable();
        cores.remove(first);
        await().atMost(Duration.ofSeconds(30)).until(() -> network(second).sameNameRuns() == 0);
    }

    private static void awaitStatus(Harness core) {
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            core.platform.runMainTasks();
            return core.console.messages().stream().anyMatch(line -> line.startsWith("API: "));
        });
    }

    void diagnose(List<Harness> four, List<CompletableFuture<CadResult>> results) {
        System.out.println("done " + results.stream().filter(CompletableFuture::isDone).count() + " of " + results.size()
                + ", sandbox kicked " + cad.deliveredKicks().size() + " in " + cad.requestsTo(OperationType.KICK).size() + " requests");
        for (Harness core : four) {
            System.out.println(network(core));
            core.platform.log().forEach(line -> System.out.println("  " + line));
        }
    }

    @Test
    void whenTheSendersJvmIsKilledMidStreamAnotherServerTakesOverLosesNothingAndCreatesNoDispatchTwice() throws Exception {
        cad.setRateLimitsEnabled(false);
        // A slow CAD: requests are in flight, and work waits in the sender's queue, when it dies.
        cad.inject(new SandboxFault.Slow(Duration.ofMillis(150)));
        Process child = new ProcessBuilder(
                ProcessHandle.current().info().command().orElseThrow(), "-cp", System.getProperty("java.class.path"),
                NetworkSenderChild.class.getName(), type().name(), prefix, "net-child", dataFolder.toString(),
                Integer.toString(cad.port()), cad.apiKey())
                .redirectError(dataFolder.resolve("child-stderr.txt").toFile())
                .start();
        CountDownLatch sending = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = child.inputReader()) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.equals("SENDING")) {
                        sending.countDown();
                    }
                }
            } catch (IOException ignored) {
                // the child was killed
            }
        }, "network-child-reader");
        reader.start();
        List<Harness> askers;
        Map<String, CompletableFuture<CadResult>> dispatches = new LinkedHashMap<>();
        Map<String, CompletableFuture<CadResult>> kicks = new LinkedHashMap<>();
        Map<String, CompletableFuture<CadResult>> calls911 = new LinkedHashMap<>();
        Instant killedAt = null;
        Instant tookOverSeenAt = null;
        try {
            assertThat(sending.await(60, TimeUnit.SECONDS)).as("child sends; see %s", dataFolder.resolve("child-stderr.txt")).isTrue();
            askers = List.of(startCore("net-a", true), startCore("net-b", true), startCore("net-c", true));
            await().atMost(Duration.ofSeconds(30)).until(() -> askers.stream().allMatch(core -> "net-child".equals(network(core).sender())));
            long start = System.nanoTime();
            for (int i = 0; i < 200; i++) {
                for (long wait = start + i * 20_000_000L - System.nanoTime(); wait > 0; wait = start + i * 20_000_000L - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                Harness asker = askers.get(i % askers.size());
                if (i % 4 == 3) {
                    String title = "Failover call " + i;
                    dispatches.put(title, asker.core.dispatcher().submit(SampleOperations.dispatch(title)));
                } else {
                    String unit = "failover-unit-" + i;
                    kicks.put(unit, asker.core.dispatcher().submit(new KickUnit(unit, "AFK")));
                }
                if (i % 10 == 5) {
                    String description = "failover 911 number " + i;
                    calls911.put(description, asker.core.dispatcher().submit(new Emergency911("Caller " + i, "Spawn", description, Map.of())));
                }
                if (i == 100) {
                    child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                    killedAt = Instant.now();
                }
                if (killedAt != null && tookOverSeenAt == null && askers.stream().anyMatch(core -> network(core).thisServerSends())) {
                    tookOverSeenAt = Instant.now();
                }
            }
        } finally {
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            reader.join(10_000);
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> askers.stream().anyMatch(core -> network(core).thisServerSends()));
        tookOverSeenAt = tookOverSeenAt != null ? tookOverSeenAt : Instant.now();
        Harness newSender = askers.stream().filter(core -> network(core).thisServerSends()).findFirst().orElseThrow();
        assertThat(network(newSender).tookOverFrom()).isEqualTo("net-child");
        Duration failover = Duration.between(killedAt, tookOverSeenAt);
        System.out.printf("network %s failover: %s took over %d ms after the SIGKILL%n", type(), network(newSender).serverName(),
                failover.toMillis());
        assertThat(failover).as("time to a new sender").isLessThan(Duration.ofSeconds(10));
        cad.clearFaults();

        List<CompletableFuture<CadResult>> all = new ArrayList<>(kicks.values());
        all.addAll(dispatches.values());
        all.addAll(calls911.values());
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).orTimeout(90, TimeUnit.SECONDS).join();
        Map<String, Long> kicked = counted(cad.deliveredKicks().stream().map(SandboxEvent.Kick::unitId).toList());
        kicks.forEach((unit, result) -> {
            assertThat(result.join()).as(unit).isInstanceOf(CadResult.Delivered.class);
            assertThat(kicked).as("kick %s reached the CAD", unit).containsKey(unit);
        });
        Map<String, Long> created = counted(cad.createdCalls().stream().map(SandboxCall::title).toList());
        assertThat(created).as("no new dispatch created twice").allSatisfy((title, count) -> assertThat(count).isEqualTo(1));
        assertDeliveredOnlyIfReached(dispatches, created);
        // A 911 call, stored or not, is never sent twice either: its in-flight mark is committed first.
        Map<String, Long> reached911 = counted(cad.requestsTo(OperationType.EMERGENCY_911).stream()
                .map(request -> request.json().getAsJsonObject().get("description").getAsString()).toList());
        assertThat(reached911).as("no 911 call sent twice").allSatisfy((call, count) -> assertThat(count).isEqualTo(1));
        assertDeliveredOnlyIfReached(calls911, reached911);
        long unknown = dispatches.values().stream().filter(result -> result.join() instanceof CadResult.OutcomeUnknown).count();
        long unknown911 = calls911.values().stream().filter(result -> result.join() instanceof CadResult.OutcomeUnknown).count();
        System.out.printf("network %s failover: %d kicks delivered, %d dispatches created, %d outcome unknown;"
                        + " %d of %d 911 calls reached the CAD, %d outcome unknown%n", type(), kicks.size(),
                created.keySet().stream().filter(title -> title.startsWith("Failover call")).count(), unknown,
                reached911.size(), calls911.size(), unknown911);
    }

    @Test
    void aSenderCutOffFromTheDatabaseStopsSendingWithinSecondsAndAnotherServerCarriesOn() throws Exception {
        cad.setRateLimitsEnabled(false);
        StorageConfig db = TestDatabases.config(type(), prefix, "proxy");
        try (TcpProxy proxy = new TcpProxy(db.host(), db.port())) {
            Harness cutOff = startCore("net-cut", true, proxy);
            await().atMost(Duration.ofSeconds(30)).until(() -> network(cutOff).thisServerSends());
            Harness other = startCore("net-other", true);
            await().atMost(Duration.ofSeconds(30)).until(() -> "net-cut".equals(network(other).sender()));

            Map<String, CompletableFuture<CadResult>> kicks = new LinkedHashMap<>();
            Instant silencedAt = null;
            Instant stoppedAt = null;
            Instant otherSendsAt = null;
            long start = System.nanoTime();
            for (int i = 0; otherSendsAt == null || i < 400; i++) {
                for (long wait = start + i * 50_000_000L - System.nanoTime(); wait > 0; wait = start + i * 50_000_000L - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                String unit = "cut-unit-" + i;
                kicks.put(unit, other.core.dispatcher().submit(new KickUnit(unit, "AFK")));
                if (i == 40) {
                    proxy.blackhole();
                    silencedAt = Instant.now();
                }
                if (silencedAt != null && stoppedAt == null && !network(cutOff).thisServerSends()) {
                    stoppedAt = Instant.now();
                }
                if (otherSendsAt == null && network(other).thisServerSends()) {
                    otherSendsAt = Instant.now();
                }
                assertThat(i).as("the other server never took over").isLessThan(1200);
            }
            assertThat(stoppedAt).as("the cut-off sender stopped").isNotNull();
            Instant quietFrom = silencedAt.plus(Storage.NETWORK_ELECTION_SILENCE);
            Instant quietUntil = otherSendsAt;
            List<Instant> sentMeanwhile = cad.requestsTo(OperationType.KICK).stream().map(SandboxRequest::time)
                    .filter(time -> time.isAfter(quietFrom) && time.isBefore(quietUntil)).toList();
            System.out.printf("network %s partition: sender stopped %d ms after the silence, the other took over after %d ms;"
                            + " requests from %d ms to the takeover: %d%n", type(), Duration.between(silencedAt, stoppedAt).toMillis(),
                    Duration.between(silencedAt, otherSendsAt).toMillis(), Storage.NETWORK_ELECTION_SILENCE.toMillis(), sentMeanwhile.size());
            assertThat(Duration.between(silencedAt, stoppedAt)).isLessThanOrEqualTo(Storage.NETWORK_ELECTION_SILENCE.plusSeconds(1));
            assertThat(sentMeanwhile).as("requests after the cut-off sender knew it was cut off, before the takeover").isEmpty();

            proxy.restore();
            CompletableFuture.allOf(kicks.values().toArray(CompletableFuture[]::new)).orTimeout(90, TimeUnit.SECONDS).join();
            Map<String, Long> kicked = counted(cad.deliveredKicks().stream().map(SandboxEvent.Kick::unitId).toList());
            kicks.forEach((unit, result) -> {
                assertThat(result.join()).as(unit).isInstanceOf(CadResult.Delivered.class);
                assertThat(kicked).as("kick %s reached the CAD", unit).containsKey(unit);
            });
            assertThat(network(cutOff).thisServerSends()).isFalse();
        }
    }

    /**
     * The sender's election connection still answers, but every other connection it has to the
     * database hangs (a pool stuck behind a firewall that dropped those flows, say): it can neither
     * take work nor write outcomes, so it must not keep the lock. Another server takes over and
     * delivers what is asked meanwhile, once; nothing the stuck sender held is lost.
     */
    @Test
    void aSenderWhoseOtherDatabaseConnectionsHangWhileItsElectionAnswersHandsOverAndNothingIsLostOrSentTwice() throws Exception {
        cad.setRateLimitsEnabled(false);
        StorageConfig db = TestDatabases.config(type(), prefix, "proxy");
        try (TcpProxy proxy = new TcpProxy(db.host(), db.port())) {
            Harness stuck = startCore("net-stuck", true, proxy);
            await().atMost(Duration.ofSeconds(30)).until(() -> network(stuck).thisServerSends());
            Harness other = startCore("net-well", true);
            await().atMost(Duration.ofSeconds(30)).until(() -> "net-stuck".equals(network(other).sender()));
            assertThat(other.core.dispatcher().submit(new KickUnit("before-hang", "AFK")).orTimeout(30, TimeUnit.SECONDS).join())
                    .isInstanceOf(CadResult.Delivered.class);

            proxy.blackholeAllBut(clientPortHoldingTheSenderLock(db));
            Instant hungAt = Instant.now();
            Map<String, CompletableFuture<CadResult>> kicks = new LinkedHashMap<>();
            for (int i = 0; i < 20; i++) {
                kicks.put("hang-unit-" + i, other.core.dispatcher().submit(new KickUnit("hang-unit-" + i, "AFK")));
            }
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> network(other).thisServerSends());
            } finally {
                System.out.println("after the hang: " + network(stuck) + " / " + network(other));
            }
            Duration handedOver = Duration.between(hungAt, Instant.now());
            for (int i = 20; i < 40; i++) {
                kicks.put("hang-unit-" + i, other.core.dispatcher().submit(new KickUnit("hang-unit-" + i, "AFK")));
            }
            // Delivered while the stuck server's pool still hangs.
            CompletableFuture.allOf(kicks.values().toArray(CompletableFuture[]::new)).orTimeout(60, TimeUnit.SECONDS).join();
            assertThat(network(stuck).thisServerSends()).isFalse();
            System.out.printf("network %s: a sender whose pool hangs handed over %d ms after the hang%n", type(), handedOver.toMillis());
            assertThat(handedOver).isLessThan(StorageTuning.defaults().silenceTimeout().plusSeconds(5));

            proxy.restore();
            await().atMost(Duration.ofSeconds(60)).until(() -> network(other).queued().isEmpty());
            Map<String, Long> kicked = counted(cad.deliveredKicks().stream().map(SandboxEvent.Kick::unitId).toList());
            kicks.forEach((unit, result) -> {
                assertThat(result.join()).as(unit).isInstanceOf(CadResult.Delivered.class);
                assertThat(kicked.get(unit)).as("times %s reached the CAD", unit).isEqualTo(1);
            });
            assertThat(kicked.get("before-hang")).isEqualTo(1);
            assertThat(network(stuck).thisServerSends()).isFalse();
        }
    }

    /** The port the database sees for the connection that holds the network's sender lock. */
    private int clientPortHoldingTheSenderLock(StorageConfig db) throws Exception {
        String lock = NetworkStore.senderLockName(db);
        try (Connection connection = TestDatabases.open(TestDatabases.config(type(), prefix, "lookup"), dataFolder);
             java.sql.PreparedStatement select = connection.prepareStatement(type() == StorageType.MARIADB
                     ? "SELECT HOST FROM information_schema.PROCESSLIST WHERE ID = IS_USED_LOCK(?)"
                     : "SELECT a.client_port FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory'"
                             + " AND l.granted AND l.objsubid = 1 AND ((l.classid::bigint << 32) | l.objid::bigint) = ?")) {
            if (type() == StorageType.MARIADB) {
                select.setString(1, RunLocks.MariaDbNamedLock.name(lock));
            } else {
                select.setLong(1, RunLocks.PostgresAdvisoryLock.key(lock));
            }
            try (java.sql.ResultSet result = select.executeQuery()) {
                assertThat(result.next()).as("a session holds the sender lock").isTrue();
                String host = result.getString(1);
                return Integer.parseInt(host.substring(host.lastIndexOf(':') + 1));
            }
        }
    }

    /**
     * An owner switches the CAD connection off with /cad reload (the key removed) and on again: while
     * it is off another server sends for the network, and this one stops all its network threads;
     * once it is on again it runs one election and one worker, and sends for the network when it
     * is elected.
     */
    @Test
    void aSenderWhoseConnectionIsSwitchedOffAndOnByReloadHandsOverAndLaterSendsAgainWithOneElection() {
        cad.setRateLimitsEnabled(false);
        long electionsBefore = threadsNamed(ELECTION_THREAD);
        long workersBefore = threadsNamed(WORKER_THREAD);
        ExecutorService async = Executors.newCachedThreadPool();
        try {
            Harness reloaded = startCore("reload-a", true);
            reloaded.platform.runAsyncOn(async); // as on a real server: the old connection drains off the server thread
            await().atMost(Duration.ofSeconds(30)).until(() -> network(reloaded).thisServerSends());
            Harness other = startCore("reload-b", true);
            await().atMost(Duration.ofSeconds(30)).until(() -> "reload-a".equals(network(other).sender()));
            assertThat(threadsNamed(ELECTION_THREAD)).isEqualTo(electionsBefore + 2);

            reloaded.configure(withSetting(startedWith.get(reloaded), "sonoran.api-key", ""));
            reloaded.run(reloaded.console, "reload");
            awaitOnMain(reloaded, () -> reloaded.core.unavailableReason().isPresent());
            await().atMost(Duration.ofSeconds(30)).until(() -> network(other).thisServerSends());
            await().atMost(Duration.ofSeconds(10)).until(() -> threadsNamed(ELECTION_THREAD) == electionsBefore + 1
                    && threadsNamed(WORKER_THREAD) == workersBefore + 1);
            assertThat(network(reloaded).thisServerSends()).isFalse();
            assertThat(other.core.dispatcher().submit(new KickUnit("while-off", "AFK")).orTimeout(30, TimeUnit.SECONDS).join())
                    .isInstanceOf(CadResult.Delivered.class);

            reloaded.configure(startedWith.get(reloaded).toArray());
            reloaded.run(reloaded.console, "reload");
            awaitOnMain(reloaded, () -> reloaded.core.unavailableReason().isEmpty());
            // The other server still holds the lock; when it stops, the reloaded one takes over.
            other.core.disable();
            cores.remove(other);
            await().atMost(Duration.ofSeconds(30)).until(() -> network(reloaded).thisServerSends());
            Harness asker = startCore("reload-c", true);
            assertThat(asker.core.dispatcher().submit(new KickUnit("after-on", "AFK")).orTimeout(30, TimeUnit.SECONDS).join())
                    .isInstanceOf(CadResult.Delivered.class);
            assertThat(network(asker).thisServerSends()).isFalse();

            assertThat(counted(cad.deliveredKicks().stream().map(SandboxEvent.Kick::unitId).toList()))
                    .containsExactlyInAnyOrderEntriesOf(Map.of("while-off", 1L, "after-on", 1L));
            assertThat(threadsNamed(ELECTION_THREAD)).as("election threads of reload-a and reload-c").isEqualTo(electionsBefore + 2);
            assertThat(threadsNamed(WORKER_THREAD)).as("network workers of reload-a and reload-c").isEqualTo(workersBefore + 2);
        } finally {
            async.shutdown();
        }
    }

    /**
     * The owner fixes the key and reloads again while the connection the first reload switched off
     * still drains (a request was in flight, work was queued): the old threads finish stopping
     * before new ones start, so the new sender's work is not given back under it, and what the
     * network asks is delivered once.
     */
    @Test
    void aSendersConnectionSwitchedOnAgainWhileItStillDrainsSendsEveryOperationOnceWithOneElection() {
        cad.setRateLimitsEnabled(false);
        cad.inject(new SandboxFault.Slow(Duration.ofMillis(800)));
        long electionsBefore = threadsNamed(ELECTION_THREAD);
        long workersBefore = threadsNamed(WORKER_THREAD);
        ExecutorService async = Executors.newCachedThreadPool();
        try {
            Harness reloaded = startCore("drain-a", true);
            reloaded.platform.runAsyncOn(async);
            await().atMost(Duration.ofSeconds(30)).until(() -> network(reloaded).thisServerSends());
            Harness other = startCore("drain-b", true);
            await().atMost(Duration.ofSeconds(30)).until(() -> "drain-a".equals(network(other).sender()));

            Map<String, CompletableFuture<CadResult>> kicks = new LinkedHashMap<>();
            long start = System.nanoTime();
            for (int i = 0; i < 100; i++) {
                for (long wait = start + i * 50_000_000L - System.nanoTime(); wait > 0; wait = start + i * 50_000_000L - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                String unit = "drain-unit-" + i;
                kicks.put(unit, other.core.dispatcher().submit(new KickUnit(unit, "AFK")));
                if (i == 40) {
                    // Queued work keeps the switched-off connection draining for up to its shutdown timeout.
                    reloaded.configure(withSetting(startedWith.get(reloaded), "sonoran.api-key", "", "dispatcher.shutdown-timeout", "3s"));
                    reloaded.run(reloaded.console, "reload");
                    awaitOnMain(reloaded, () -> reloaded.core.unavailableReason().isPresent());
                    reloaded.configure(startedWith.get(reloaded).toArray());
                    reloaded.run(reloaded.console, "reload");
                    awaitOnMain(reloaded, () -> reloaded.core.unavailableReason().isEmpty());
                }
            }
            try {
                CompletableFuture.allOf(kicks.values().toArray(CompletableFuture[]::new)).orTimeout(60, TimeUnit.SECONDS).join();
            } finally {
                diagnose(List.of(reloaded, other), List.copyOf(kicks.values()));
            }
            Map<String, Long> kicked = counted(cad.deliveredKicks().stream().map(SandboxEvent.Kick::unitId).toList());
            assertThat(kicked).as("kicks that reached the CAD more than once").allSatisfy((unit, times) -> assertThat(times).isEqualTo(1));
            kicks.forEach((unit, result) -> {
                assertThat(result.join()).as(unit).isInstanceOf(CadResult.Delivered.class);
                assertThat(kicked.get(unit)).as("times %s reached the CAD", unit).isEqualTo(1);
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> threadsNamed(ELECTION_THREAD) == electionsBefore + 2
                    && threadsNamed(WORKER_THREAD) == workersBefore + 2);
            await().atMost(Duration.ofSeconds(10)).until(() -> network(reloaded).thisServerSends() != network(other).thisServerSends());
        } finally {
            async.shutdown();
        }
    }

    private static final String ELECTION_THREAD = "CadBridge-Network-Election";
    private static final String WORKER_THREAD = "CadBridge-Network";

    static long threadsNamed(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(thread -> thread.isAlive() && thread.getName().equals(name)).count();
    }

    /** {@code settings} with some keys set to other values ("dotted.key", value, ...; a later key wins). */
    static Object[] withSetting(List<Object> settings, Object... changes) {
        List<Object> changed = new ArrayList<>(settings);
        changed.addAll(List.of(changes));
        return changed.toArray();
    }

    static void awaitOnMain(Harness core, java.util.concurrent.Callable<Boolean> condition) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            core.platform.runMainTasks();
            return condition.call();
        });
    }

    /**
     * Panic, unit status and 911 have per-key limits too (20, 30 and 10 a minute): from four servers
     * at once they go through the one sender, merged across the network, and the twelve 911 calls
     * (more than the minute's ten) wait for their turn instead of meeting a 429.
     */
    @Test
    void panicsStatusesAnd911CallsFromFourServersAtOnceKeepToTheKeysLimitsAndEachArrivesOnce() {
        List<Harness> four = startFourAndAwaitOneSender();
        List<CompletableFuture<CadResult>> statuses = new ArrayList<>();
        List<CompletableFuture<CadResult>> panics = new ArrayList<>();
        List<CompletableFuture<CadResult>> calls911 = new ArrayList<>();
        for (int i = 0; i < 160; i++) {
            String unit = "status-unit-" + i;
            cad.logIn(unit);
            statuses.add(four.get(i % 4).core.dispatcher().submit(new SetUnitStatus(List.of(unit), 1 + i % 3)));
        }
        for (int i = 0; i < 40; i++) {
            String unit = "panic-unit-" + i;
            cad.logIn(unit);
            panics.add(four.get(i % 4).core.dispatcher().submit(new SetUnitPanic(List.of(unit), true)));
        }
        for (int i = 0; i < 12; i++) {
            calls911.add(four.get(i % 4).core.dispatcher().submit(
                    new Emergency911("Caller " + i, "Spawn", "network 911 number " + i, Map.of())));
        }
        List<CompletableFuture<CadResult>> all = new ArrayList<>(statuses);
        all.addAll(panics);
        all.addAll(calls911);
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).orTimeout(90, TimeUnit.SECONDS).join();

        assertThat(all).allSatisfy(result -> assertThat(result.join()).isInstanceOf(CadResult.Delivered.class));
        assertThat(cad.rateLimitedCount()).as("429 answers").isZero();
        assertThat(cad.violations()).isEmpty();
        List<String> described = cad.requestsTo(OperationType.EMERGENCY_911).stream()
                .map(request -> request.json().getAsJsonObject().get("description").getAsString()).toList();
        assertThat(counted(described)).as("each 911 call created once").hasSize(12).allSatisfy((call, times) -> assertThat(times).isEqualTo(1));
        int statusRequests = cad.requestsTo(OperationType.UNIT_STATUS).size();
        int panicRequests = cad.requestsTo(OperationType.UNIT_PANIC).size();
        System.out.printf("network %s: 160 statuses in %d requests, 40 panics in %d, 12 x 911 in %d, %d x 429%n",
                type(), statusRequests, panicRequests, described.size(), cad.rateLimitedCount());
        // Merged across the network: one request per status value and one for the panics, give or take a claim.
        assertThat(statusRequests).isLessThanOrEqualTo(9);
        assertThat(panicRequests).isLessThanOrEqualTo(3);
    }

    /**
     * The request-response routes share the key's limits too: six asks for the open calls (5 a
     * minute) from four servers at once meet no 429 (each server alone would send its own and the
     * sixth would get one): the sender answers what its pacing allows within the asks' 30 s and tells
     * the rest at once how long to wait. A player on a server that does not send gets their link code
     * through the sender.
     */
    @Test
    void queriesAndLinkRequestsFromServersThatDoNotSendAreAnsweredThroughTheSenderWithinTheKeysLimits() {
        List<Harness> four = startFourAndAwaitOneSender();
        long call = cad.addCall("Network call", "Main St");
        // An ask's 30 s deadline is set by its server's clock and judged by the sender's dispatcher, which reads the real time.
        Instant realNow = Instant.now();
        four.forEach(core -> core.clock.set(realNow));
        List<CompletableFuture<List<ActiveCall>>> asks = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            asks.add(CadQueries.activeCalls(four.get(i % 4).core.dispatcher()));
        }
        List<Object> outcomes = asks.stream().map(ask -> ask.handle((calls, error) -> error == null ? (Object) calls : error.getCause())
                .orTimeout(60, TimeUnit.SECONDS).join()).toList();
        // One sender paces the route for all: what it cannot send before the ask's deadline is told so
        // at once, with the wait, rather than sent into a 429.
        assertThat(outcomes).allSatisfy(outcome -> {
            if (outcome instanceof List<?> calls) {
                assertThat(calls).extracting(listed -> ((ActiveCall) listed).callId()).contains(call);
            } else {
                assertThat(outcome).isInstanceOfSatisfying(CadRequestException.class, refused -> {
                    assertThat(refused.kind()).isEqualTo(FailureKind.RATE_LIMITED.name());
                    assertThat(refused.getMessage()).contains("try again in");
                });
            }
        });
        assertThat(outcomes).filteredOn(List.class::isInstance).isNotEmpty();
        assertThat(cad.requestsTo(OperationType.ACTIVE_CALLS)).hasSizeLessThanOrEqualTo(5);
        assertThat(cad.rateLimitedCount()).as("429 answers").isZero();
        System.out.printf("network %s: 6 asks for the open calls from 4 servers at once: %d answered, %d told to wait, %d requests, %d x 429%n",
                type(), outcomes.stream().filter(List.class::isInstance).count(), outcomes.stream().filter(CadRequestException.class::isInstance).count(),
                cad.requestsTo(OperationType.ACTIVE_CALLS).size(), cad.rateLimitedCount());

        Harness asker = four.stream().filter(core -> !network(core).thisServerSends()).findFirst().orElseThrow();
        FakePlayer alex = asker.join(asker.player("Alex"));
        asker.run(alex, "link");
        await().atMost(Duration.ofSeconds(30)).until(() -> cad.liveLinkCode(alex.uniqueId().toString()).isPresent());
        String code = cad.liveLinkCode(alex.uniqueId().toString()).orElseThrow();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            asker.platform.runMainTasks();
            return alex.messages().stream().anyMatch(line -> line.contains("code=" + code));
        });
        assertThat(cad.violations()).isEmpty();
    }

    /**
     * A panic is not stored: when the server that asked stops before any sender took it, it is never
     * sent (a panic minutes late is a false alarm), while a kick asked with it is stored and still delivered.
     */
    @Test
    void aPanicWaitingWhenItsServerStopsIsDroppedWhileAStoredKickIsStillDelivered() throws Exception {
        cad.setRateLimitsEnabled(false);
        StorageConfig db = TestDatabases.config(type(), prefix, "lock-holder");
        RunLock lock = type() == StorageType.MARIADB ? new RunLocks.MariaDbNamedLock() : new RunLocks.PostgresAdvisoryLock();
        String senderLock = NetworkStore.senderLockName(db);
        CompletableFuture<CadResult> panic;
        try (Connection holder = TestDatabases.open(db, dataFolder)) {
            // No server can become the sender while the test holds the election's lock.
            assertThat(lock.tryAcquire(holder, senderLock)).isTrue();
            Harness asker = startCore("net-asker", true);
            cad.logIn("gone-unit");
            panic = asker.core.dispatcher().submit(new SetUnitPanic(List.of("gone-unit"), true));
            CompletableFuture<CadResult> kick = asker.core.dispatcher().submit(new KickUnit("kept-unit", "AFK"));
            await().atMost(Duration.ofSeconds(30)).until(() -> network(asker).queued().getOrDefault(OperationType.UNIT_PANIC, 0) == 1
                    && network(asker).queued().getOrDefault(OperationType.KICK, 0) == 1);
            asker.core.disable();
            cores.remove(asker);
            assertThat(kick.join()).isInstanceOfSatisfying(CadResult.Failed.class, failed -> assertThat(failed.message()).contains("stored"));
            lock.release(holder, senderLock);
        }
        assertThat(panic.join()).isInstanceOfSatisfying(CadResult.Failed.class,
                failed -> assertThat(failed.kind()).isEqualTo(FailureKind.SHUT_DOWN));

        Harness next = startCore("net-next", true);
        await().atMost(Duration.ofSeconds(30)).until(() -> cad.deliveredKicks().stream().anyMatch(kick -> kick.unitId().equals("kept-unit")));
        await().atMost(Duration.ofSeconds(30)).until(() -> network(next).queued().isEmpty());
        assertThat(cad.requestsTo(OperationType.UNIT_PANIC)).as("panic requests").isEmpty();
    }

    /**
     * Every server counts its players; only the sender sends the heartbeat, with the whole network's
     * count, so one server's count never replaces another's in the CAD.
     */
    @Test
    void theHeartbeatComesFromTheSenderWithThePlayersOfEveryServer() {
        Harness a = startCore("hb-a", false, null, "sonoran.heartbeat-interval", "10s");
        await().atMost(Duration.ofSeconds(30)).until(() -> network(a).thisServerSends());
        Harness b = startCore("hb-b", false, null, "sonoran.heartbeat-interval", "10s");
        await().atMost(Duration.ofSeconds(30)).until(() -> "hb-a".equals(network(b).sender()));
        for (int i = 0; i < 3; i++) {
            a.join(a.player("OnA" + i));
        }
        for (int i = 0; i < 2; i++) {
            b.join(b.player("OnB" + i));
        }

        // Both clocks move together, at twice real time: each server records itself once a real second,
        // and the sender counts the runs recorded within the last 5 s of its own clock.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            b.platform.advance(Duration.ofSeconds(1));
            a.platform.advance(Duration.ofSeconds(1));
            return cad.requestsTo(OperationType.HEARTBEAT).stream().anyMatch(request -> playerCount(request) == 5);
        });
        assertThat(cad.requestsTo(OperationType.HEARTBEAT)).as("heartbeats").allSatisfy(request ->
                assertThat(playerCount(request)).as("a heartbeat counts the sender's players and maybe b's").isIn(3, 5));
        assertThat(cad.rateLimitedCount()).isZero();
    }

    private static int playerCount(SandboxRequest request) {
        return request.json().getAsJsonObject().get("playerCount").getAsInt();
    }

    /**
     * Without the database the network cannot coordinate: once this server's storage counts as
     * unavailable, its panic and its kick go out from the server itself, as without network mode,
     * instead of waiting for a database that does not answer.
     */
    @Test
    void whileTheDatabaseIsSilentAServerSendsItsOwnOperationsInsteadOfWaitingForTheNetwork() throws Exception {
        cad.setRateLimitsEnabled(false);
        StorageConfig db = TestDatabases.config(type(), prefix, "proxy");
        try (TcpProxy proxy = new TcpProxy(db.host(), db.port())) {
            Harness silent = startCore("net-silent", true, proxy);
            await().atMost(Duration.ofSeconds(30)).until(() -> network(silent).thisServerSends());
            proxy.blackhole();
            await().atMost(Duration.ofSeconds(40))
                    .until(() -> silent.core.storageStatus().orElseThrow().connection() == StorageStatus.Connection.UNAVAILABLE);
            cad.logIn("silent-unit");
            CompletableFuture<CadResult> panic = silent.core.dispatcher().submit(new SetUnitPanic(List.of("silent-unit"), true));
            CompletableFuture<CadResult> kick = silent.core.dispatcher().submit(new KickUnit("silent-kick", "AFK"));
            assertThat(panic.orTimeout(15, TimeUnit.SECONDS).join()).isInstanceOf(CadResult.Delivered.class);
            assertThat(kick.orTimeout(15, TimeUnit.SECONDS).join()).isInstanceOf(CadResult.Delivered.class);
            assertThat(cad.deliveredKicks()).extracting(SandboxEvent.Kick::unitId).containsExactly("silent-kick");
            proxy.restore();
        }
    }

    /** One sender sends everything as its own server id: servers configured with different ones are told so, in the log and the status. */
    @Test
    void serversWithDifferentServerIdsAreToldTheyCannotShareOneSender() {
        cad.setServerIds(1, 2);
        Harness first = startCore("ids-a", true);
        Harness second = startCore("ids-b", true, null, "sonoran.server-id", 2);
        await().atMost(Duration.ofSeconds(30)).until(() -> network(first).serverIds().size() == 2 && network(second).serverIds().size() == 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> List.of(first, second).stream().allMatch(core -> core.platform.log().stream()
                .anyMatch(line -> line.contains("use different sonoran.server-id values [1, 2]"))));
        second.console.clearMessages();
        second.run(second.console, "status");
        awaitStatus(second);
        assertThat(second.console.messages()).anySatisfy(line -> assertThat(line)
                .contains("the servers use different sonoran.server-id values [1, 2]; the sender sends everything as its own"));
    }

    /** Operations that must not be created twice: delivered ones exist in the CAD, the others end "outcome unknown". */
    private static void assertDeliveredOnlyIfReached(Map<String, CompletableFuture<CadResult>> asked, Map<String, Long> reached) {
        asked.forEach((name, result) -> {
            CadResult outcome = result.join();
            if (outcome instanceof CadResult.Delivered) {
                assertThat(reached).as("delivered %s reached the CAD", name).containsKey(name);
            } else {
                assertThat(outcome).as(name).isInstanceOf(CadResult.OutcomeUnknown.class);
            }
        });
    }

    static <T> Map<T, Long> counted(List<T> values) {
        return values.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }
}
