package dev.cadbridge.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cadbridge.outbound.PendingOperation;
import dev.cadbridge.identity.CadIdentity;
import dev.cadbridge.identity.IdentitySource;
import dev.cadbridge.identity.LinkState;
import dev.cadbridge.sonoran.KickUnit;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The storage contract on a real MariaDB server (CADBRIDGE_TEST_MARIADB_*), and what only MariaDB/MySQL has: character sets. */
class MariaDbStorageTest extends StorageContract {
    @Override
    StorageType type() {
        return StorageType.MARIADB;
    }

    /** Tables as a CadBridge before schema version 2 left them on a server whose default character set is latin1. */
    private void createVersion1TablesInLatin1() throws SQLException {
        Tables tables = new Tables(prefix);
        try (Connection connection = open(); Statement statement = connection.createStatement()) {
            for (String sql : SqlDialect.MARIADB.migrations(tables).getFirst().statements()) {
                statement.execute(sql + " CHARACTER SET latin1");
            }
            statement.execute("CREATE TABLE " + tables.schemaVersion()
                    + " (version INT NOT NULL PRIMARY KEY, description VARCHAR(200) NOT NULL, applied_at BIGINT NOT NULL) CHARACTER SET latin1");
            statement.execute("INSERT INTO " + tables.schemaVersion() + " VALUES (1, 'identities and outbox', 0)");
        }
    }

    private String tableCollation(String table) throws SQLException {
        try (Connection connection = open(); PreparedStatement select = connection.prepareStatement(
                "SELECT table_collation FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = ?")) {
            select.setString(1, table);
            try (ResultSet result = select.executeQuery()) {
                assertThat(result.next()).isTrue();
                return result.getString(1);
            }
        }
    }

    @Test
    void latin1TablesFromAnOlderVersionAreConvertedSoEmojiAndCyrillicTextIsStored() throws SQLException {
        createVersion1TablesInLatin1();
        Storage first = startReady("alpha");
        assertThat(tableCollation(new Tables(prefix).outbox())).isEqualTo("utf8mb4_bin");
        assertThat(tableCollation(new Tables(prefix).identities())).isEqualTo("utf8mb4_bin");

        PendingOperation fire = pending(SampleOperations.dispatch("Пожар на складе 🔥"), Duration.ofMinutes(30));
        PendingOperation kick = pending(new KickUnit("unit-1", "AFK"), Duration.ofMinutes(2));
        first.outbox().accepted(fire);
        first.outbox().accepted(kick);
        await().atMost(WAIT).until(() -> outboxRows().keySet().equals(ids(List.of(fire, kick))));
        CadIdentity identity = new CadIdentity(UUID.randomUUID(), "Дмитрий-🚓", IdentitySource.STAFF, LinkState.UNKNOWN, null, null,
                clock.instant());
        join(first.identities().save(identity));
        stop(first, List.of());

        Storage second = startReady("alpha");
        RecordingDispatcher dispatcher = new RecordingDispatcher();
        join(second.outbox().replay(dispatcher));
        assertThat(dispatcher.resubmitted).containsExactlyInAnyOrder(fire, kick);
        assertThat(join(second.identities().findByCadId("Дмитрий-🚓"))).contains(identity);
    }

    /**
     * Statements are cut off after the query timeout, but a migration may rightly take longer
     * (converting a big table, waiting for another session's transaction to end): it must not be
     * cut off and retried forever.
     */
    @Test
    void aMigrationIsNotCutOffByTheQueryTimeout() throws Exception {
        createVersion1TablesInLatin1();
        StorageTuning shortQueries = FAST.withNetworkTimeouts(Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofMillis(500));
        try (Connection other = open(); Statement statement = other.createStatement()) {
            other.setAutoCommit(false);
            statement.executeQuery("SELECT COUNT(*) FROM " + new Tables(prefix).identities()).close(); // holds the table's metadata lock
            Storage storage = Storage.start(config("alpha"), dataFolder, clock, shortQueries, log.logger);
            registerForCleanUp(storage);
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> storage.status().lastError() == null);
            assertThat(storage.ready()).isNotDone();
            other.commit();
            await().atMost(WAIT).until(() -> storage.ready().isDone());
            assertThat(storage.status().lastError()).isNull();
        }
    }
}
