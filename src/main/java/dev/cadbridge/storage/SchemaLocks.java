package dev.cadbridge.storage;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

/** The per-dialect {@link SchemaLock} implementations. */
final class SchemaLocks {
    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

    private SchemaLocks() {}

    /** A stable name for "migrating these tables in this database", short enough for every server's limits. */
    static String lockName(String database, Tables tables) {
        UUID digest = UUID.nameUUIDFromBytes((database + "/" + tables.prefix()).getBytes(StandardCharsets.UTF_8));
        return "cadbridge_schema_" + digest.toString().replace("-", "");
    }

    static SchemaLockTimeoutException timedOut(Duration timeout) {
        return new SchemaLockTimeoutException("another server held the CadBridge schema migration lock for more than "
                + timeout.toSeconds() + " s; it may still be migrating (try again) or hang");
    }

    /** MariaDB/MySQL named lock: server-wide, bound to the session. */
    static final class MariaDbNamedLock implements SchemaLock {
        private final String name;

        MariaDbNamedLock(String name) {
            this.name = name;
        }

        /** Polled rather than one long GET_LOCK wait, which the query and socket timeouts would cut short. */
        @Override
        public void acquire(Connection connection, Duration timeout) throws SQLException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                try (PreparedStatement statement = connection.prepareStatement("SELECT GET_LOCK(?, 0)")) {
                    statement.setString(1, name);
                    try (ResultSet result = statement.executeQuery()) {
                        if (result.next() && result.getInt(1) == 1) {
                            return;
                        }
                    }
                }
                pauseUntil(deadline, timeout);
            }
        }

        @Override
        public void release(Connection connection) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement("SELECT RELEASE_LOCK(?)")) {
                statement.setString(1, name);
                statement.executeQuery().close();
            }
        }
    }

    /** PostgreSQL session-level advisory lock, scoped to the database. */
    static final class PostgresAdvisoryLock implements SchemaLock {
        private final long key;

        PostgresAdvisoryLock(String name) {
            this.key = UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).getMostSignificantBits();
        }

        @Override
        public void acquire(Connection connection, Duration timeout) throws SQLException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                try (PreparedStatement statement = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                    statement.setLong(1, key);
                    try (ResultSet result = statement.executeQuery()) {
                        if (result.next() && result.getBoolean(1)) {
                            return;
                        }
                    }
                }
                pauseUntil(deadline, timeout);
            }
        }

        @Override
        public void release(Connection connection) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                statement.setLong(1, key);
                statement.executeQuery().close();
            }
        }
    }

    /**
     * H2 has no named or advisory lock, and its DDL commits any open transaction (so a row lock
     * would not last through a migration). Instead one lock row is inserted: the primary key makes
     * the insert fail while another holder has it. An embedded H2 file is opened by one process
     * only, so a row held by a different process is left over from a crash and is removed.
     */
    static final class H2LockRow implements SchemaLock {
        private final String table;
        private final String processTag;
        private final String holder;

        H2LockRow(Tables tables) {
            this.table = tables.schemaLock();
            ProcessHandle self = ProcessHandle.current();
            this.processTag = self.pid() + "@" + self.info().startInstant().map(Object::toString).orElse("?");
            this.holder = processTag + "/" + UUID.randomUUID();
        }

        @Override
        public void acquire(Connection connection, Duration timeout) throws SQLException {
            createTableIfMissing(connection);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table + " (id, holder) VALUES (1, ?)")) {
                    insert.setString(1, holder);
                    insert.executeUpdate();
                    return;
                } catch (SQLException e) {
                    if (!SqlErrors.isConstraintViolation(e)) {
                        throw e;
                    }
                }
                String current = currentHolder(connection);
                if (current != null && !current.startsWith(processTag + "/")) {
                    deleteRowHeldBy(connection, current);
                } else {
                    pauseUntil(deadline, timeout);
                }
            }
        }

        private void createTableIfMissing(Connection connection) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE IF NOT EXISTS " + table + " (id INT NOT NULL PRIMARY KEY, holder VARCHAR(200) NOT NULL)");
            }
        }

        private String currentHolder(Connection connection) throws SQLException {
            try (Statement statement = connection.createStatement();
                 ResultSet result = statement.executeQuery("SELECT holder FROM " + table + " WHERE id = 1")) {
                return result.next() ? result.getString(1) : null;
            }
        }

        private void deleteRowHeldBy(Connection connection, String heldBy) throws SQLException {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table + " WHERE id = 1 AND holder = ?")) {
                delete.setString(1, heldBy);
                delete.executeUpdate();
            }
        }

        @Override
        public void release(Connection connection) throws SQLException {
            deleteRowHeldBy(connection, holder);
        }
    }

    private static void pauseUntil(long deadline, Duration timeout) {
        if (System.nanoTime() >= deadline) {
            throw timedOut(timeout);
        }
        LockSupport.parkNanos(Math.min(POLL_INTERVAL.toNanos(), Math.max(0, deadline - System.nanoTime())));
        if (Thread.interrupted()) {
            Thread.currentThread().interrupt();
            throw new SchemaLockTimeoutException("interrupted while waiting for the CadBridge schema migration lock");
        }
    }

    /** Not retried within one attempt; the storage thread tries the whole start again later. */
    static final class SchemaLockTimeoutException extends RuntimeException {
        SchemaLockTimeoutException(String message) {
            super(message);
        }
    }
}
