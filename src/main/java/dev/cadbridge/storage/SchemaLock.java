package dev.cadbridge.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Serialises schema migrations between servers that start at the same time on one database. Held
 * on one connection. A server that dies mid-migration must not block the others forever: the
 * server-side locks die with their session, and the H2 lock row is recognised as stale.
 */
interface SchemaLock {
    void acquire(Connection connection, Duration timeout) throws SQLException;

    void release(Connection connection) throws SQLException;
}
