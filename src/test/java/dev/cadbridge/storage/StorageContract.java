package dev.cadbridge.storage;

import dev.cadbridge.sandbox.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.cadbridge.outbound.PendingOperation;
import dev.cadbridge.identity.CadIdentity;
import dev.cadbridge.identity.IdentitySource;
import dev.cadbridge.identity.LinkState;
import dev.cadbridge.sonoran.CadOperation;
import dev.cadbridge.sonoran.CadResult;
import dev.cadbridge.sonoran.KickUnit;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every storage backend must do. Each subclass runs it against one real database; tables
 * get a fresh prefix per test, so tests never see each other's rows.
 */
abstract class StorageContract {
    static final StorageTuning FAST = new StorageTuning(Duration.ofMillis(20), Duration.ofMillis(100),
            Duration.ofSeconds(2), Duration.ofSeconds(30), 1_000);
    static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dataFolder;
    String prefix;
    final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T12:00:00Z"));
    final CapturedLog log = new CapturedLog("cadbridge-storage-test-" + UUID.randomUUID());
    private final List<Storage> running = new ArrayList<>();
    private final Set<String> prefixesUsed = new HashSet<>();

    abstract StorageType type();

    @BeforeEach
    void pickPrefix() {
        prefix = TestDatabases.freshPrefix();
        config("any"); // skips or fails here, before anything starts, when the server is not configured
    }

    @AfterEach
    void stopAndDrop() throws SQLException {
        for (Storage storage : running) {
            storage.close(List.of(), Duration.ofSeconds(5));
        }
        for (String used : prefixesUsed) {
            TestDatabases.dropTables(TestDatabases.config(type(), used, "cleanup"), dataFolder);
        }
    }

    StorageConfig config(String serverName) {
        prefixesUsed.add(prefix);
        return TestDatabases.config(type(), prefix, serverName);
    }

    Storage start(String serverName) {
        Storage storage = Storage.start(config(serverName), dataFolder, clock, FAST, log.logger);
        running.add(storage);
        return storage;
    }

    /** A storage the test started itself, closed after the test like the others. */
    void registerForCleanUp(Storage storage) {
        running.add(storage);
    }

    Storage startReady(String serverName) {
        Storage storage = start(serverName);
        storage.ready().orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
        return storage;
    }

    void stop(Storage storage, List<PendingOperation> handedBack) {
        running.remove(storage);
        storage.close(handedBack, Duration.ofSeconds(10));
    }

    /** Stops {@code storage} as a killed server stops: nothing more is written, its sessions end. */
    void crash(Storage storage) {
        running.remove(storage);
        storage.abandon();
    }

    Connection open() throws SQLException {
        return TestDatabases.open(config("inspector"), dataFolder);
    }

    /** id → state of every outbox row, read straight from the database. */
    Map<UUID, String> outboxRows() throws SQLException {
        Map<UUID, String> rows = new LinkedHashMap<>();
        try (Connection connection = open(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT id, state FROM " + new Tables(prefix).outbox())) {
            while (result.next()) {
                rows.put(UUID.fromString(result.getString(1).strip()), result.getString(2));
            }
        }
        return rows;
    }

    static <T> T join(CompletableFuture<T> future) {
        return future.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    PendingOperation pending(CadOperation operation, Duration lifetime) {
        return SampleOperations.pending(operation, clock.instant(), lifetime);
    }

    // ---- identities ----

    @Test
    void identitiesRoundTripWithEveryField() {
        Storage storage = startReady("alpha");
        UUID player = UUID.randomUUID();
        CadIdentity linked = new CadIdentity(player, "api-7781", IdentitySource.SELF_LINKED, LinkState.LINKED,
                "c0ffee00-aaaa-4bbb-8ccc-123456789abc", clock.instant().minusSeconds(30), clock.instant());
        join(storage.identities().save(linked));

        assertThat(join(storage.identities().find(player))).contains(linked);
        assertThat(join(storage.identities().findByCadId("api-7781"))).contains(linked);
        assertThat(join(storage.identities().find(UUID.randomUUID()))).isEmpty();

        CadIdentity unchecked = new CadIdentity(player, "api-9000", IdentitySource.STAFF, LinkState.UNKNOWN, null, null, clock.instant());
        join(storage.identities().save(unchecked));
        assertThat(join(storage.identities().find(player))).contains(unchecked);
        assertThat(join(storage.identities().findByCadId("api-7781"))).as("old cad id released by the replace").isEmpty();
        assertThat(join(storage.identities().count())).isEqualTo(1);

        assertThat(join(storage.identities().delete(player))).isTrue();
        assertThat(join(storage.identities().delete(player))).isFalse();
        assertThat(join(storage.identities().count())).isZero();
    }

    @Test
    void aCadIdTakenByAnotherPlayerIsRefusedAndNothingChanges() {
        Storage storage = startReady("alpha");
        CadIdentity first = new CadIdentity(UUID.randomUUID(), "shared-id", IdentitySource.DEFAULT, LinkState.UNKNOWN, null, null, clock.instant());
        CadIdentity second = new CadIdentity(UUID.randomUUID(), "other-id", IdentitySource.DEFAULT, LinkState.UNKNOWN, null, null, clock.instant());
        join(storage.identities().save(first));
        join(storage.identities().save(second));

        CadIdentity stealing = new CadIdentity(second.playerId(), "shared-id", IdentitySource.STAFF, LinkState.LINKED, null, null, clock.instant());
        CadIdentity newcomer = new CadIdentity(UUID.randomUUID(), "shared-id", IdentitySource.STAFF, LinkState.LINKED, null, null, clock.instant());
        for (CadIdentity attempt : List.of(stealing, newcomer)) {
            assertThatThrownBy(() -> join(storage.identities().save(attempt)))
                    .isInstanceOf(CompletionException.class)
                    .cause().isInstanceOf(CadIdTakenException.class)
                    .hasMessageContaining("'shared-id' is already bound to another player");
        }
        assertThat(join(storage.identities().findByCadId("shared-id"))).contains(first);
        assertThat(join(storage.identities().find(second.playerId()))).contains(second);
        assertThat(join(storage.identities().find(newcomer.playerId()))).isEmpty();
    }

    @Test
    void serversOnOneDatabaseShareIdentitiesAndAnotherTablePrefixDoesNot() {
        Storage alpha = startReady("alpha");
        Storage beta = startReady("beta");
        CadIdentity identity = new CadIdentity(UUID.randomUUID(), "u-1", IdentitySource.DEFAULT, LinkState.NOT_LINKED, null, clock.instant(), clock.instant());
        join(alpha.identities().save(identity));
        assertThat(join(beta.identities().find(identity.playerId()))).contains(identity);

        prefix = TestDatabases.freshPrefix();
        Storage otherPrefix = startReady("alpha");
        assertThat(join(otherPrefix.identities().find(identity.playerId()))).isEmpty();
    }

    // ---- migrations ----

    int newestVersion() {
        return SqlDialect.of(type()).migrations(new Tables(prefix)).getLast().version();
    }

    int schemaVersionRows() throws SQLException {
        try (Connection connection = open(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM " + new Tables(prefix).schemaVersion())) {
            result.next();
            return result.getInt(1);
        }
    }

    @Test
    void migrationsRunOnceAndARestartChangesNothing() throws SQLException {
        stop(startReady("alpha"), List.of());
        assertThat(schemaVersionRows()).isEqualTo(newestVersion());
        Storage again = startReady("alpha");
        assertThat(schemaVersionRows()).isEqualTo(newestVersion());
        assertThat(log.count("schema migrated to version " + newestVersion())).isEqualTo(1);
        assertThat(log.count("schema migrated")).isEqualTo(1);
        assertThat(join(again.identities().count())).isZero();
    }

    @Test
    void serversStartingAtTheSameMomentMigrateOnce() throws Exception {
        for (int round = 0; round < 3; round++) {
            prefix = TestDatabases.freshPrefix();
            List<Storage> storages = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                storages.add(start("server-" + i));
            }
            for (Storage storage : storages) {
                join(storage.ready());
                assertThat(storage.status().lastError()).as("no server saw the others' migration half-done").isNull();
            }
            assertThat(schemaVersionRows()).as("round %d", round).isEqualTo(newestVersion());
            for (int i = 0; i < storages.size(); i++) {
                join(storages.get(i).identities().save(new CadIdentity(UUID.randomUUID(), "id-" + i,
                        IdentitySource.DEFAULT, LinkState.UNKNOWN, null, null, clock.instant())));
            }
            assertThat(join(storages.getFirst().identities().count())).isEqualTo(4);
        }
    }

    @Test
    void aServerWaitsWhileAnotherHoldsTheMigrationLock() throws SQLException {
        StorageConfig config = config("alpha");
        SchemaLock otherServersLock = SqlDialect.of(type()).schemaLock(config, new Tables(prefix));
        try (Connection other = open()) {
            otherServersLock.acquire(other, Duration.ofSeconds(5));
            Storage storage = start("alpha");
            await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(2)).until(() -> !storage.ready().isDone());
            otherServersLock.release(other);
            await().atMost(WAIT).until(() -> storage.ready().isDone());
        }
    }

    @Test
    void aSchemaFromANewerCadBridgeIsRefusedWithAClearReason() throws SQLException {
        stop(startReady("alpha"), List.of());
        try (Connection connection = open(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO " + new Tables(prefix).schemaVersion() + " (version, description, applied_at) VALUES (99, 'future', 0)");
        }
        Storage storage = start("alpha");
        await().atMost(WAIT).until(() -> storage.status().lastError() != null);
        assertThat(storage.status().schemaReady()).isFalse();
        assertThat(storage.status().lastError()).contains("version 99").contains("update the plugin");
    }

    // ---- outbox ----

    @Test
    void acceptedOperationsAreWrittenMarkedInFlightAndRemovedWhenFinished() throws SQLException {
        Storage storage = startReady("alpha");
        PendingOperation kick = pending(new KickUnit("delta", "AFK"), Duration.ofMinutes(2));
        PendingOperation close = pending(new dev.cadbridge.sonoran.CloseCall(7), Duration.ofMinutes(30));
        storage.outbox().accepted(kick);
        storage.outbox().accepted(close);
        await().atMost(WAIT).until(() -> outboxRows().equals(Map.of(kick.id(), "pending", close.id(), "pending")));

        storage.outbox().sending(List.of(kick.id()));
        await().atMost(WAIT).until(() -> "sending".equals(outboxRows().get(kick.id())));

        storage.outbox().finished(kick.id(), new CadResult.Delivered(java.util.OptionalLong.empty()));
        await().atMost(WAIT).until(() -> outboxRows().equals(Map.of(close.id(), "pending")));
        assertThat(storage.status().backlog()).isZero();
    }

    @Test
    void aNewDispatchIsMarkedInFlightOnDiskBeforeItMayGoOnTheWire() throws SQLException {
        Storage storage = startReady("alpha");
        PendingOperation dispatch = pending(SampleOperations.dispatch("Marked first"), Duration.ofMinutes(30));
        storage.outbox().accepted(dispatch);
        storage.outbox().sending(List.of(dispatch.id()));
        // No waiting here: sending() returned, so the dispatcher may already be sending it.
        assertThat(outboxRows()).isEqualTo(Map.of(dispatch.id(), "sending"));
    }

    @Test
    void aNewDispatchWhoseSendNeverReachedTheCadIsSentAgainAfterACrash() {
        Storage first = startReady("alpha");
        PendingOperation dispatch = pending(SampleOperations.dispatch("Refused connection"), Duration.ofMinutes(30));
        first.outbox().accepted(dispatch);
        first.outbox().sending(List.of(dispatch.id()));
        first.outbox().notSent(List.of(dispatch.id()));
        await().atMost(WAIT).until(() -> "pending".equals(outboxRows().get(dispatch.id())));
        crash(first);
        RecordingDispatcher dispatcher = new RecordingDispatcher();
        ReplayReport report = join(startReady("alpha").outbox().replay(dispatcher));
        assertThat(report.outcomeUnknown()).isEmpty();
        assertThat(dispatcher.resubmitted).containsExactly(dispatch);
    }

    @Test
    void aRestartResubmitsEveryUnexpiredOperationOnceAndDropsExpiredOnes() throws SQLException {
        Storage first = startReady("alpha");
        List<PendingOperation> live = new ArrayList<>();
        for (CadOperation operation : SampleOperations.oneOfEach()) {
            live.add(pending(operation, Duration.ofMinutes(10)));
        }
        PendingOperation shortLived = pending(new KickUnit("echo", "left the server"), Duration.ofSeconds(30));
        live.forEach(first.outbox()::accepted);
        first.outbox().accepted(shortLived);
        stop(first, List.of());
        assertThat(outboxRows()).hasSize(6);

        clock.advance(Duration.ofMinutes(1));
        Storage second = startReady("alpha");
        RecordingDispatcher dispatcher = new RecordingDispatcher();
        ReplayReport report = join(second.outbox().replay(dispatcher));

        assertThat(dispatcher.resubmitted).containsExactlyInAnyOrderElementsOf(live);
        assertThat(report.resubmitted()).extracting(ReplayReport.Resubmitted::operation).containsExactlyInAnyOrderElementsOf(live);
        assertThat(report.expired()).containsExactly(shortLived);
        assertThat(outboxRows()).doesNotContainKey(shortLived.id()).hasSize(5);

        assertThat(join(second.outbox().replay(dispatcher)).resubmitted()).as("a second replay in the same run").isEmpty();
        assertThat(dispatcher.resubmitted).hasSize(5);
    }

    @Test
    void aNewDispatchInFlightAtTheStopIsReportedUnknownAndNotSentAgainWhileOtherTypesAre() throws SQLException {
        Storage first = startReady("alpha");
        PendingOperation dispatch = pending(SampleOperations.dispatch("Shots fired"), Duration.ofMinutes(30));
        PendingOperation kick = pending(new KickUnit("delta", "AFK"), Duration.ofMinutes(2));
        PendingOperation queuedDispatch = pending(SampleOperations.dispatch("Not yet sent"), Duration.ofMinutes(30));
        first.outbox().accepted(dispatch);
        first.outbox().accepted(kick);
        first.outbox().accepted(queuedDispatch);
        first.outbox().sending(List.of(dispatch.id(), kick.id()));
        stop(first, List.of());

        Storage second = startReady("alpha");
        RecordingDispatcher dispatcher = new RecordingDispatcher();
        ReplayReport report = join(second.outbox().replay(dispatcher));

        assertThat(report.outcomeUnknown()).containsExactly(dispatch);
        assertThat(dispatcher.resubmitted).containsExactlyInAnyOrder(kick, queuedDispatch);
        assertThat(outboxRows()).doesNotContainKey(dispatch.id());
        assertThat(log.count("Shots fired")).as("the owner is told which call to check").isEqualTo(1);
    }

    @Test
    void eachServerReplaysOnlyItsOwnRows() {
        Storage alpha = startReady("alpha");
        Storage beta = startReady("beta");
        PendingOperation alphaKick = pending(new KickUnit("a1", "AFK"), Duration.ofMinutes(2));
        PendingOperation betaKick = pending(new KickUnit("b1", "AFK"), Duration.ofMinutes(2));
        alpha.outbox().accepted(alphaKick);
        beta.outbox().accepted(betaKick);
        stop(alpha, List.of());
        stop(beta, List.of());

        RecordingDispatcher alphaDispatcher = new RecordingDispatcher();
        join(startReady("alpha").outbox().replay(alphaDispatcher));
        assertThat(alphaDispatcher.resubmitted).containsExactly(alphaKick);
    }

    /** Run 20 times in a row on each database while fixing it (see docs/RELIABILITY.md); once per build. */
    @Test
    void twoReplaysRacingForTheSameRowsTakeEachRowOnce() {
        Storage first = startReady("alpha");
        List<PendingOperation> operations = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            operations.add(pending(new KickUnit("unit-" + i, "AFK"), Duration.ofMinutes(2)));
        }
        operations.forEach(first.outbox()::accepted);
        stop(first, List.of());

        Storage left = startReady("alpha");
        Storage right = startReady("alpha");
        RecordingDispatcher leftDispatcher = new RecordingDispatcher();
        RecordingDispatcher rightDispatcher = new RecordingDispatcher();
        CompletableFuture<ReplayReport> leftReplay = left.outbox().replay(leftDispatcher);
        CompletableFuture<ReplayReport> rightReplay = right.outbox().replay(rightDispatcher);
        join(leftReplay);
        join(rightReplay);

        List<PendingOperation> all = new ArrayList<>(leftDispatcher.resubmitted);
        all.addAll(rightDispatcher.resubmitted);
        assertThat(all).containsExactlyInAnyOrderElementsOf(operations);
    }

    @Test
    void aLiveRunsRowsAreLeftToItByAnotherRunWithTheSameServerNameAndTakenOnceItStops() {
        Storage live = startReady("alpha");
        PendingOperation kick = pending(new KickUnit("delta", "AFK"), Duration.ofMinutes(2));
        live.outbox().accepted(kick);
        await().atMost(WAIT).until(() -> outboxRows().containsKey(kick.id()));

        RecordingDispatcher sameName = new RecordingDispatcher();
        ReplayReport report = join(startReady("alpha").outbox().replay(sameName));
        assertThat(report.resubmitted()).isEmpty();
        assertThat(sameName.resubmitted).isEmpty();
        assertThat(log.messages()).anySatisfy(message -> assertThat(message)
                .contains("1 saved CAD operation(s)").contains("running now with the same server-name"));

        crash(live);
        RecordingDispatcher nextStart = new RecordingDispatcher();
        join(startReady("alpha").outbox().replay(nextStart));
        assertThat(nextStart.resubmitted).containsExactly(kick);
    }

    @Test
    void aRowTheDatabaseRefusesIsLoggedAndKeptInMemoryWhileTheOthersAreStored() throws SQLException {
        Storage storage = startReady("alpha");
        String constraint = prefix + "no_refuse";
        try (Connection connection = open(); Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE " + new Tables(prefix).outbox() + " ADD CONSTRAINT " + constraint
                    + " CHECK (payload NOT LIKE '%REFUSE-ME%')");
        }
        PendingOperation refused = pending(SampleOperations.dispatch("REFUSE-ME please"), Duration.ofMinutes(30));
        List<PendingOperation> others = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            others.add(pending(new KickUnit("unit-" + i, "AFK"), Duration.ofMinutes(2)));
        }
        long acceptedAt = System.nanoTime();
        others.subList(0, 3).forEach(storage.outbox()::accepted);
        storage.outbox().accepted(refused);
        others.subList(3, 5).forEach(storage.outbox()::accepted);

        await().atMost(WAIT).until(() -> outboxRows().keySet().equals(ids(others)));
        System.out.println("[figure] " + type() + " refused row: the other 5 stored "
                + Duration.ofNanos(System.nanoTime() - acceptedAt).toMillis() + " ms after they were accepted");
        assertThat(storage.status().connection()).isEqualTo(StorageStatus.Connection.REACHABLE);
        assertThat(storage.status().backlog()).as("the refused change is kept in memory").isEqualTo(1);
        assertThat(log.messages()).filteredOn(message -> message.contains(refused.id().toString())).singleElement()
                .satisfies(message -> assertThat(message).contains("refused").containsIgnoringCase(constraint));
        assertThat(log.messages()).noneMatch(message -> message.contains("unavailable"));

        PendingOperation later = pending(new KickUnit("later", "AFK"), Duration.ofMinutes(2));
        storage.outbox().accepted(later);
        await().atMost(WAIT).until(() -> outboxRows().containsKey(later.id()));

        storage.outbox().finished(refused.id(), new CadResult.Delivered(java.util.OptionalLong.empty()));
        await().atMost(WAIT).until(() -> storage.status().backlog() == 0);
    }

    @Test
    void aRefusedRowDoesNotHoldUpAStopAndTheStopSaysItIsNotStored() throws SQLException {
        Storage storage = startReady("alpha");
        try (Connection connection = open(); Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE " + new Tables(prefix).outbox() + " ADD CONSTRAINT " + prefix + "no_refuse"
                    + " CHECK (payload NOT LIKE '%REFUSE-ME%')");
        }
        PendingOperation refused = pending(SampleOperations.dispatch("REFUSE-ME"), Duration.ofMinutes(30));
        PendingOperation kept = pending(new KickUnit("kept", "AFK"), Duration.ofMinutes(2));
        long start = System.nanoTime();
        stop(storage, List.of(refused, kept));
        Duration stopTime = Duration.ofNanos(System.nanoTime() - start);
        System.out.println("[figure] " + type() + " stop with a refused row: " + stopTime.toMillis() + " ms");
        assertThat(stopTime).as("stop time").isLessThan(Duration.ofSeconds(5));
        assertThat(outboxRows().keySet()).containsExactly(kept.id());
        assertThat(log.messages()).anySatisfy(message -> assertThat(message).contains("1 CAD operation(s) the database refused"));
    }

    static java.util.Set<UUID> ids(List<PendingOperation> operations) {
        return operations.stream().map(PendingOperation::id).collect(java.util.stream.Collectors.toSet());
    }

    @Test
    void aCleanStopPersistsWhatTheDispatcherHandedBack() throws SQLException {
        Storage storage = startReady("alpha");
        PendingOperation neverAnnounced = pending(new dev.cadbridge.sonoran.CloseCall(99), Duration.ofMinutes(30));
        stop(storage, List.of(neverAnnounced));
        assertThat(outboxRows()).isEqualTo(Map.of(neverAnnounced.id(), "pending"));

        RecordingDispatcher dispatcher = new RecordingDispatcher();
        join(startReady("alpha").outbox().replay(dispatcher));
        assertThat(dispatcher.resubmitted).containsExactly(neverAnnounced);
    }

    @Test
    void aRowEditedIntoAnInvalidOperationIsRemovedNotSent() throws SQLException {
        Storage first = startReady("alpha");
        PendingOperation kick = pending(new KickUnit("delta", "AFK"), Duration.ofMinutes(2));
        first.outbox().accepted(kick);
        stop(first, List.of());
        try (Connection connection = open(); PreparedStatement update = connection.prepareStatement(
                "UPDATE " + new Tables(prefix).outbox() + " SET payload = ? WHERE id = ?")) {
            update.setString(1, "{\"unitId\":\"has space\",\"reason\":\"AFK\"}");
            update.setString(2, kick.id().toString());
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
        RecordingDispatcher dispatcher = new RecordingDispatcher();
        ReplayReport report = join(startReady("alpha").outbox().replay(dispatcher));
        assertThat(report.unreadable()).isEqualTo(1);
        assertThat(dispatcher.resubmitted).isEmpty();
        assertThat(outboxRows()).isEmpty();
        assertThat(log.messages()).anySatisfy(message -> assertThat(message).contains(kick.id().toString()).contains("unit"));
    }

    @Test
    void aRowWhoseIdWasEditedIntoSomethingElseIsRemovedAndDoesNotStopTheReplayOfTheOthers() throws SQLException {
        Storage first = startReady("alpha");
        PendingOperation edited = pending(new KickUnit("edited", "AFK"), Duration.ofMinutes(2));
        PendingOperation intact = pending(new KickUnit("intact", "AFK"), Duration.ofMinutes(2));
        first.outbox().accepted(edited);
        first.outbox().accepted(intact);
        stop(first, List.of());
        try (Connection connection = open(); PreparedStatement update = connection.prepareStatement(
                "UPDATE " + new Tables(prefix).outbox() + " SET id = ? WHERE id = ?")) {
            update.setString(1, "not-a-uuid");
            update.setString(2, edited.id().toString());
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
        RecordingDispatcher dispatcher = new RecordingDispatcher();
        ReplayReport report = join(startReady("alpha").outbox().replay(dispatcher));
        assertThat(dispatcher.resubmitted).containsExactly(intact);
        assertThat(report.unreadable()).isEqualTo(1);
        assertThat(outboxRows()).containsOnlyKeys(intact.id());
    }

    @Test
    void everyOperationAcceptedMoreThanOneSecondBeforeASigkillIsPersistedAndReplayedOnce() throws Exception {
        config("crash-server");
        Process child = new ProcessBuilder(
                ProcessHandle.current().info().command().orElseThrow(), "-cp", System.getProperty("java.class.path"),
                OutboxCrashChild.class.getName(), type().name(), prefix, "crash-server", dataFolder.toString())
                .redirectError(dataFolder.resolve("child-stderr.txt").toFile())
                .start();
        record Accepted(UUID id, long seenAtNanos) {}
        List<Accepted> accepted = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (java.io.BufferedReader lines = child.inputReader()) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.equals("READY")) {
                        ready.countDown();
                    } else if (line.startsWith("ACCEPTED ")) {
                        accepted.add(new Accepted(UUID.fromString(line.substring(9)), System.nanoTime()));
                    }
                }
            } catch (java.io.IOException ignored) {
                // the child was killed
            }
        }, "crash-child-reader");
        reader.start();
        try {
            assertThat(ready.await(60, TimeUnit.SECONDS)).as("child started; see %s", dataFolder.resolve("child-stderr.txt")).isTrue();
            // Wait on what is asserted below, not on a count that a slow (loaded) child may not reach in time.
            await().atMost(Duration.ofSeconds(60)).until(() -> accepted.stream()
                    .filter(a -> System.nanoTime() - a.seenAtNanos() > Duration.ofMillis(1200).toNanos())
                    .count() > 100);
        } finally {
            long killedAt = System.nanoTime();
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            reader.join(10_000);
            // The line was printed after accepted() returned, so it was accepted no later than it was read.
            List<UUID> mustSurvive = accepted.stream()
                    .filter(a -> killedAt - a.seenAtNanos() > Duration.ofSeconds(1).toNanos())
                    .map(Accepted::id).toList();
            assertThat(mustSurvive).hasSizeGreaterThan(100);
            assertThat(outboxRows().keySet()).containsAll(mustSurvive);

            RecordingDispatcher dispatcher = new RecordingDispatcher();
            join(startReady("crash-server").outbox().replay(dispatcher));
            List<UUID> replayed = dispatcher.resubmitted.stream().map(PendingOperation::id).toList();
            assertThat(replayed).doesNotHaveDuplicates().containsAll(mustSurvive);
            assertThat(accepted.stream().map(Accepted::id).toList()).containsAll(replayed);
        }
    }

    @Test
    void untilTheSchemaIsReadyOperationsWaitInABoundedBacklogAndAreWrittenAfterwards() throws SQLException {
        StorageConfig config = config("alpha");
        SchemaLock otherServersLock = SqlDialect.of(type()).schemaLock(config, new Tables(prefix));
        StorageTuning smallBacklog = new StorageTuning(FAST.flushInterval(), FAST.retryDelay(), FAST.connectionTimeout(),
                FAST.migrationLockWait(), 3);
        Storage storage;
        List<PendingOperation> kicks = new ArrayList<>();
        try (Connection other = open()) {
            otherServersLock.acquire(other, Duration.ofSeconds(5));
            storage = Storage.start(config, dataFolder, clock, smallBacklog, log.logger);
            running.add(storage);
            for (int i = 0; i < 5; i++) {
                PendingOperation kick = pending(new KickUnit("unit-" + i, "AFK"), Duration.ofMinutes(2));
                kicks.add(kick);
                storage.outbox().accepted(kick);
            }
            assertThat(storage.status().backlog()).isEqualTo(3);
            assertThat(storage.status().notPersisted()).isEqualTo(2);
            assertThat(log.count("backlog is full")).isEqualTo(1);
            otherServersLock.release(other);
        }
        await().atMost(WAIT).until(() -> storage.status().schemaReady() && storage.status().backlog() == 0);
        assertThat(outboxRows().keySet()).containsExactlyInAnyOrderElementsOf(kicks.subList(0, 3).stream().map(PendingOperation::id).toList());
        assertThat(log.count("has room again")).isEqualTo(1);
    }

    @Test
    void statusNamesTheBackendAndNeverThePassword() {
        Storage storage = startReady("alpha");
        StorageStatus status = storage.status();
        assertThat(status.backend()).isEqualTo(type());
        assertThat(status.connection()).isEqualTo(StorageStatus.Connection.REACHABLE);
        assertThat(status.schemaReady()).isTrue();
        String password = config("alpha").password();
        if (!password.isEmpty()) {
            assertThat(status.toString()).doesNotContain(password);
            assertThat(config("alpha").toString()).doesNotContain(password);
        }
    }
}
