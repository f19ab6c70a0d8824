package dev.cadbridge.storage;

import dev.cadbridge.sandbox.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cadbridge.dispatch.PendingOperation;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
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

    private Storage startThroughProxy(StorageType type, boolean downAtStart) throws Exception {
        direct = TestDatabases.config(type, prefix, "alpha");
        proxy = new TcpProxy(direct.host(), direct.port());
        if (downAtStart) {
            proxy.cut();
        }
        StorageConfig viaProxy = new StorageConfig(type, "127.0.0.1", proxy.port(), direct.database(), direct.user(),
                direct.password(), 2, prefix, "alpha");
        StorageTuning tuning = new StorageTuning(Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofMillis(500),
                Duration.ofSeconds(10), 1_000);
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

        proxy.restore();
        await().atMost(WAIT).until(() -> storage.ready().isDone() && storage.status().backlog() == 0);
        assertThat(outboxRowsSeenDirectly()).isEqualTo(5);
    }
}
