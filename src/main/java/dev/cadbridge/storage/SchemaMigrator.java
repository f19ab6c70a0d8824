package dev.cadbridge.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Brings the schema to the newest version this build knows, under the dialect's
 * {@link SchemaLock} so that two servers starting at once on one database migrate it once.
 */
final class SchemaMigrator {
    /**
     * A migration may rightly take longer than the query timeout (converting a big table, waiting
     * for another session's transaction to end); cut off, it would be retried, and cut off, forever.
     */
    static final Duration MIGRATION_STATEMENT_LIMIT = Duration.ofMinutes(10);

    private final SqlDialect dialect;
    private final Tables tables;
    private final SchemaLock lock;
    private final Duration lockTimeout;
    private final Clock clock;

    private final Duration queryTimeout;

    SchemaMigrator(SqlDialect dialect, Tables tables, SchemaLock lock, Duration lockTimeout, Duration queryTimeout, Clock clock) {
        this.dialect = dialect;
        this.tables = tables;
        this.lock = lock;
        this.lockTimeout = lockTimeout;
        this.queryTimeout = queryTimeout;
        this.clock = clock;
    }

    /** Returns the versions this call applied (empty when another server or an earlier start did it). */
    List<Integer> migrate(Connection connection) throws SQLException {
        connection.setAutoCommit(true);
        lock.acquire(connection, lockTimeout);
        try {
            createVersionTableIfMissing(connection);
            int current = currentVersion(connection);
            List<Migration> migrations = dialect.migrations(tables);
            int newest = migrations.getLast().version();
            if (current > newest) {
                throw new SQLException("the database schema is at version " + current + " but this CadBridge knows only up to "
                        + newest + "; a newer CadBridge has used this database, so update the plugin");
            }
            List<Integer> applied = new java.util.ArrayList<>();
            if (current < newest) {
                allowLongStatements(connection, MIGRATION_STATEMENT_LIMIT);
                try {
                    for (Migration migration : migrations) {
                        if (migration.version() > current) {
                            apply(connection, migration);
                            applied.add(migration.version());
                        }
                    }
                } finally {
                    // The pool puts the network timeout back itself; the session's limit is ours to restore.
                    setStatementLimit(connection, queryTimeout);
                }
            }
            return applied;
        } finally {
            lock.release(connection);
        }
    }

    private void allowLongStatements(Connection connection, Duration limit) throws SQLException {
        setStatementLimit(connection, limit);
        try {
            connection.setNetworkTimeout(Runnable::run, Math.toIntExact(limit.toMillis()));
        } catch (SQLFeatureNotSupportedException embedded) {
            // H2 embedded: no network
        }
    }

    private void setStatementLimit(Connection connection, Duration limit) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(dialect.statementLimit(limit));
        }
    }

    private void createVersionTableIfMissing(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + tables.schemaVersion() + " ("
                    + "version INT NOT NULL PRIMARY KEY, description VARCHAR(200) NOT NULL, applied_at BIGINT NOT NULL)");
        }
    }

    private int currentVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT MAX(version) FROM " + tables.schemaVersion())) {
            return result.next() ? result.getInt(1) : 0;
        }
    }

    private void apply(Connection connection, Migration migration) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : migration.statements()) {
                statement.execute(sql);
            }
        }
        try (PreparedStatement record = connection.prepareStatement(
                "INSERT INTO " + tables.schemaVersion() + " (version, description, applied_at) VALUES (?, ?, ?)")) {
            record.setInt(1, migration.version());
            record.setString(2, migration.description());
            record.setLong(3, clock.millis());
            record.executeUpdate();
        }
    }
}
