package dev.cadbridge.storage;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * One lock per run of a server, held for the whole run on a connection of its own, that ends with
 * the run: the database releases it when the session ends (the process died, the connection was
 * lost). A start-up replay takes over another run's outbox rows only while it holds that run's
 * lock itself, so rows of a run that is still alive, such as a second server started by mistake
 * with the same {@code storage.server-name}, are never delivered twice.
 */
interface RunLock {
    /** Takes the lock of {@code run} on {@code connection} without waiting; false when another session holds it. */
    boolean tryAcquire(Connection connection, String run) throws SQLException;

    void release(Connection connection, String run) throws SQLException;

    /**
     * Session settings for the connection that holds this run's own lock for the whole run: they
     * make the database end the session soon after its client is gone without a word (power loss),
     * instead of hours later, so the lock does not outlive the run by long.
     */
    default void prepareHolder(Connection connection) throws SQLException {}

    /** The run's sessions are gone (its pool was closed); forget anything kept outside the database. */
    default void ended(String run) {}
}
