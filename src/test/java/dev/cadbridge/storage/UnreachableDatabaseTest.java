package dev.cadbridge.storage;

import dev.cadbridge.sandbox.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cadbridge.outbound.PendingOperation;
import dev.cadbridge.sonoran.KickUnit;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** A networked database going away and coming back, through a proxy the test can cut. */
class UnreachableDatabaseTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dataFolder;
    private final String prefix = TestDatabases.freshPrefix();
    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T12:00:00Z"));
    private final CapturedLog log = new CapturedLog("cadbridge-unreachable-" + UUID.randomUUID());
    private StorageConfig direct;
    private TcpProxy proxy;
    private Storage storage;

    @AfterEach
    void cleanUp() throws Exception {
        if (storage != null) {
            storage.close(List.of(), Duration.ofSeconds(2));
        }
        if (proxy != null) {
            proxy.close();
        }
        if (direct != null) {
            TestDatabases.dropTables(direct, dataFolder);
        }
    }

    private static final StorageTuning QUICK = new StorageTuning(Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofMillis(500),
            Duration.ofSeconds(10), 1_000);
    /** Network timeouts short enough for a test; the defaults are checked in {@link #theDefaultsDetectASilentDatabaseWithinHalfAMinute}. */
    private static final StorageTuning QUICK_SILENCE = QUICK.withNetworkTimeouts(
            Duration.ofMillis(1500), Duration.ofSeconds(2), Duration.ofMillis(500));

    private Storage startThroughProxy(StorageType type, boolean downAtStart) throws Exception {
        return startThroughProxy(type, downAtStart, QUICK);
    }

    private Storage startThroughProxy(StorageType type, boolean downAtStart, StorageTuning tuning) throws Exception {
        direct = TestDatabases.config(type, prefix, "alpha");
        proxy = new TcpProxy(direct.host(), direct.port());
        if (downAtStart) {
            proxy.cut();
        }
        StorageConfig viaProxy = new StorageConfig(type, "127.0.0.1", proxy.port(), direct.database(), direct.user(),
                direct.password(), 2, prefix, "alpha");
        storage = Storage.start(viaProxy, dataFolder, clock, tuning, log.logger);
        return storage;
    }

    private int outboxRowsSeenDirectly() throws SQLException {
        try (Connection connection = TestDatabases.open(direct, dataFolder); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM " + new Tables(prefix).outbox())) {
            result.next();
            return result.getInt(1);
        }
    }

    private List<PendingOperation> acceptKicks(int count) {
        List<PendingOperation> accepted = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            PendingOperation kick = SampleOperations.pending(new KickUnit("unit-" + i, "AFK"), clock.instant(), Duration.ofMinutes(2));
            storage.outbox().accepted(kick);
            accepted.add(kick);
        }
        return accepted;
    }

    @ParameterizedTest
    @EnumSource(value = StorageType.class, names = {"POSTGRESQL", "MARIADB"})
    void anOutageKeepsOutboxChangesInMemoryLogsOnceAndCatchesUp(StorageType type) throws Exception {
        startThroughProxy(type, false);
        storage.ready().get();

        long outagesBefore = log.count("is unavailable");
        long recoveriesBefore = log.count("works again");
        proxy.cut();
        acceptKicks(20);
        await().atMost(WAIT).until(() -> storage.status().connection() == StorageStatus.Connection.UNAVAILABLE);
        Instant firstFailure = storage.status().lastErrorAt();
        clock.advance(Duration.ofSeconds(1));
        await().atMost(WAIT).until(() -> !firstFailure.equals(storage.status().lastErrorAt()));
        assertThat(storage.status().backlog()).isEqualTo(20);
        assertThat(storage.status().lastError()).isNotBlank();
        assertThat(log.count("is unavailable") - outagesBefore).as("one log line for the outage, not one per failed write: %s", log.messages()).isEqualTo(1);

        proxy.restore();
        await().atMost(WAIT).until(() -> storage.status().backlog() == 0);
        assertThat(outboxRowsSeenDirectly()).isEqualTo(20);
        assertThat(storage.status().connection()).isEqualTo(StorageStatus.Connection.REACHABLE);
        assertThat(log.count("works again") - recoveriesBefore).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(value = StorageType.class, names = {"POSTGRESQL", "MARIADB"})
    void aDatabaseDownAtStartDoesNotBlockStartAndIsUsedOnceItAnswers(StorageType type) throws Exception {
        startThroughProxy(type, true);
        acceptKicks(5);
        await().atMost(WAIT).until(() -> storage.status().connection() == StorageStatus.Connection.UNAVAILABLE);
        assertThat(storage.ready()).isNotDone();
        assertThat(storage.status().backlog()).isEqualTo(5);
        CompletableFuture<?> lookup = storage.identities().find(UUID.randomUUID());
        // A lookup while the database is known to be down fails at once.
        await().atMost(Duration.ofSeconds(2)).until(lookup::isDone);
        assertThat(lookup).failsWithin(Duration.ZERO).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withMessageContaining("storage is not ready");

        proxy.restore();
        await().atMost(WAIT).until(() -> storage.ready().isDone() && storage.status().backlog() == 0);
        assertThat(outboxRowsSeenDirectly()).isEqualTo(5);
    }

    @ParameterizedTest
    @EnumSource(value = StorageType.class, names = {"POSTGRESQL", "MARIADB"})
    void aDatabaseThatGoesSilentMidWriteCountsAsUnreachableWithinTheSilenceTimeoutAndLosesNothing(StorageType type) throws Exception {
        startThroughProxy(type, false, QUICK_SILENCE);
        storage.ready().get();
        acceptKicks(5);
        await().atMost(WAIT).until(() -> storage.status().backlog() == 0);

        proxy.blackhole();
        long silentSince = System.nanoTime();
        acceptKicks(20); // the next write goes out and is never answered
        await().atMost(WAIT).until(() -> storage.status().connection() == StorageStatus.Connection.UNAVAILABLE);
        Duration detection = Duration.ofNanos(System.nanoTime() - silentSince);
        System.out.println("[figure] " + type + " silent mid-write: unreachable after " + detection.toMillis() + " ms");
        assertThat(detection).as("detection time").isLessThan(QUICK_SILENCE.silentDatabaseDetection().plusSeconds(3));
        assertThat(log.messages()).filteredOn(message -> message.contains("is unavailable")).singleElement().as("the outage line names the silence")
                .satisfies(message -> assertThat(message).containsAnyOf("I/O error", "Socket timout", "Socket timeout", "Read timed out"));
        assertThat(storage.status().backlog()).isEqualTo(20);
        CompletableFuture<?> lookup = storage.identities().find(UUID.randomUUID());
        await().atMost(WAIT).until(lookup::isDone);
        assertThat(lookup).as("a lookup fails instead of queueing behind the silent database").isCompletedExceptionally();

        proxy.restore();
        await().atMost(WAIT).until(() -> storage.status().backlog() == 0);
        assertThat(outboxRowsSeenDirectly()).as("nothing lost").isEqualTo(25);
        assertThat(storage.status().connection()).isEqualTo(StorageStatus.Connection.REACHABLE);
        assertThat(log.count("is unavailable")).isEqualTo(1);
        assertThat(log.count("works again")).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(value = StorageType.class, names = {"POSTGRESQL", "MARIADB"})
    void aDatabaseThatGoesSilentWhileNothingIsWrittenShowsAsUnreachableToo(StorageType type) throws Exception {
        startThroughProxy(type, false, QUICK_SILENCE);
        storage.ready().get();

        proxy.blackhole();
        long silentSince = System.nanoTime();
        await().atMost(WAIT).until(() -> storage.status().connection() == StorageStatus.Connection.UNAVAILABLE);
        Duration detection = Duration.ofNanos(System.nanoTime() - silentSince);
        System.out.println("[figure] " + type + " silent while idle: unreachable after " + detection.toMillis() + " ms");
        assertThat(detection).as("detection time").isLessThan(QUICK_SILENCE.silentDatabaseDetection().plusSeconds(3));

        acceptKicks(10);
        assertThat(storage.status().backlog()).isEqualTo(10);
        proxy.restore();
        await().atMost(WAIT).until(() -> storage.status().backlog() == 0);
        assertThat(outboxRowsSeenDirectly()).as("nothing lost").isEqualTo(10);
        assertThat(storage.status().connection()).isEqualTo(StorageStatus.Connection.REACHABLE);
    }

    /**
     * The shipped timings, measured: slow (up to half a minute per case), so it runs only when
     * asked, with {@code -Dcadbridge.measure-silence=true}. docs/RELIABILITY.md quotes its figures.
     */
    @ParameterizedTest
    @CsvSource({"POSTGRESQL, true", "MARIADB, true", "POSTGRESQL, false", "MARIADB, false"})
    @EnabledIfSystemProperty(named = "cadbridge.measure-silence", matches = "true")
    void theDefaultsDetectASilentDatabaseWithinHalfAMinute(StorageType type, boolean midWrite) throws Exception {
        startThroughProxy(type, false, StorageTuning.defaults());
        storage.ready().get();
        proxy.blackhole();
        long silentSince = System.nanoTime();
        if (midWrite) {
            acceptKicks(20);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> storage.status().connection() == StorageStatus.Connection.UNAVAILABLE);
        Duration detection = Duration.ofNanos(System.nanoTime() - silentSince);
        System.out.println("[figure] " + type + (midWrite ? " silent mid-write" : " silent while idle")
                + ", shipped defaults: unreachable after " + detection.toMillis() + " ms (" + storage.status().lastError() + ")");
        assertThat(detection).isLessThanOrEqualTo(Duration.ofSeconds(30));
        if (!midWrite) {
            acceptKicks(20);
        }
        proxy.restore();
        long restoredAt = System.nanoTime();
        await().atMost(Duration.ofSeconds(60)).until(() -> storage.status().backlog() == 0);
        System.out.println("[figure] " + type + " backlog written " + Duration.ofNanos(System.nanoTime() - restoredAt).toMillis()
                + " ms after the database answered again");
        assertThat(outboxRowsSeenDirectly()).isEqualTo(20);
    }

    @Test
    void theShippedTimingsPromiseDetectionOfASilentDatabaseWithinHalfAMinute() {
        assertThat(StorageTuning.defaults().silentDatabaseDetection()).isLessThanOrEqualTo(Duration.ofSeconds(30));
    }
}
