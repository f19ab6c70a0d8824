package dev.cadbridge.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Holds this run's {@link RunLock} on a connection kept for the whole run, and doubles as the
 * heartbeat: asking that connection for a sign of life shows a database that went silent while
 * nothing else was written. Storage writer thread only.
 */
final class RunLiveness {
    private final RunLock lock;
    private final String run;
    private final DataSource dataSource;
    /** Closes a connection for good instead of returning it to the pool: its session carries the lock and its settings. */
    private final Consumer<Connection> discard;
    private Connection holder;

    RunLiveness(RunLock lock, String run, DataSource dataSource, Consumer<Connection> discard) {
        this.lock = lock;
        this.run = run;
        this.dataSource = dataSource;
        this.discard = discard;
    }

    boolean held() {
        return holder != null;
    }

    /**
     * Makes sure this run holds its lock on a connection that answers. Returns false when another
     * session holds it for now (a replay elsewhere is checking whether this run is alive, because
     * this run's lock was lost with its connection); throws when the database does not answer.
     * When the held connection does not answer, its session and lock are gone: it is dropped and
     * the failure thrown at once (the next call takes the lock again on a new connection), so the
     * outage shows without also waiting for a new connection to fail.
     */
    boolean confirm() throws SQLException {
        if (holder != null) {
            try (Statement statement = holder.createStatement()) {
                statement.execute("SELECT 1");
                return true;
            } catch (SQLException lost) {
                drop();
                throw lost;
            }
        }
        Connection connection = dataSource.getConnection();
        try {
            lock.prepareHolder(connection);
            if (!lock.tryAcquire(connection, run)) {
                discard.accept(connection);
                return false;
            }
        } catch (SQLException | RuntimeException e) {
            discard.accept(connection);
            throw e;
        }
        holder = connection;
        return true;
    }

    /** Gives the lock up, at a clean stop. */
    void release() {
        if (holder == null) {
            return;
        }
        try {
            lock.release(holder, run);
        } catch (SQLException ignored) {
            // the session ends with the connection below, and the lock with it
        }
        drop();
    }

    private void drop() {
        Connection lost = holder;
        holder = null;
        lock.ended(run);
        discard.accept(lost);
    }
}
