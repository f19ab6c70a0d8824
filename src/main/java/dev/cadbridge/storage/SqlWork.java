package dev.cadbridge.storage;

import java.sql.Connection;
import java.sql.SQLException;

/** Blocking JDBC work; runs only on a storage thread. */
@FunctionalInterface
interface SqlWork<T> {
    T apply(Connection connection) throws SQLException;
}
