package dev.cadbridge.storage;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** The per-dialect {@link RunLock} implementations. */
final class RunLocks {
    private RunLocks() {}

    /** MariaDB/MySQL named lock (server-wide, bound to the session; several per session since MariaDB 10.0.2 and MySQL 5.7.5). */
    static final class MariaDbNamedLock implements RunLock {
        /** Seconds a silent holder session lives on at the server; the heartbeat keeps a live one busy far more often. */
        static final int HOLDER_IDLE_LIMIT_SECONDS = 60;

        static String name(String run) {
            return "cadbridge_run_" + run.strip().replace("-", "");
        }

        @Override
        public boolean tryAcquire(Connection connection, String run) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement("SELECT GET_LOCK(?, 0)")) {
                statement.setString(1, name(run));
                try (ResultSet result = statement.executeQuery()) {
                    return result.next() && result.getInt(1) == 1;
                }
            }
        }

        @Override
        public void release(Connection connection, String run) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement("SELECT RELEASE_LOCK(?)")) {
                statement.setString(1, name(run));
                statement.executeQuery().close();
            }
        }

        @Override
        public void prepareHolder(Connection connection) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET SESSION wait_timeout = " + HOLDER_IDLE_LIMIT_SECONDS);
            }
        }
    }

    /** PostgreSQL session-level advisory lock, scoped to the database. */
    static final class PostgresAdvisoryLock implements RunLock {
        static long key(String run) {
            return UUID.nameUUIDFromBytes(("cadbridge-run/" + run.strip()).getBytes(StandardCharsets.UTF_8)).getMostSignificantBits();
        }

        @Override
        public boolean tryAcquire(Connection connection, String run) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                statement.setLong(1, key(run));
                try (ResultSet result = statement.executeQuery()) {
                    return result.next() && result.getBoolean(1);
                }
            }
        }

        @Override
        public void release(Connection connection, String run) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                statement.setLong(1, key(run));
                statement.executeQuery().close();
            }
        }

        @Override
        public void prepareHolder(Connection connection) throws SQLException {
            // The server probes a silent client after 10 s and gives up after three more 5 s probes.
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET tcp_keepalives_idle = 10");
                statement.execute("SET tcp_keepalives_interval = 5");
                statement.execute("SET tcp_keepalives_count = 3");
            }
        }
    }

    /**
     * H2 has no session lock that another session can test without waiting. It needs none: an
     * embedded H2 file is open in one process only (H2 locks the file), so a run of another process
     * is dead, and the runs of this process are the ones in this set. A set in the JVM is the lock
     * table, and it ends with the process as a session lock ends with its session.
     */
    static final class H2ProcessLock implements RunLock {
        private static final Set<String> HELD = ConcurrentHashMap.newKeySet();

        @Override
        public boolean tryAcquire(Connection connection, String run) {
            return HELD.add(run.strip());
        }

        @Override
        public void release(Connection connection, String run) {
            HELD.remove(run.strip());
        }

        @Override
        public void ended(String run) {
            HELD.remove(run.strip());
        }
    }
}
