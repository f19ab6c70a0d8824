package dev.cadbridge.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;

/**
 * The pieces the SQL classes share: the pool, the dialect and table names, the two storage
 * executors (the outbox writer, and a small pool for queries), and whether the schema is ready.
 */
final class SqlDatabase {
    final SqlDialect dialect;
    final Tables tables;
    final DataSource dataSource;
    final StorageHealth health;
    final Clock clock;
    final ScheduledExecutorService writer;
    final ExecutorService queries;
    /** Completes once the schema is migrated; queries wait for it (up to {@link #readyWait}). */
    final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final Duration readyWait;

    SqlDatabase(SqlDialect dialect, Tables tables, DataSource dataSource, StorageHealth health, Clock clock,
                ScheduledExecutorService writer, ExecutorService queries, Duration readyWait) {
        this.dialect = dialect;
        this.tables = tables;
        this.dataSource = dataSource;
        this.health = health;
        this.clock = clock;
        this.writer = writer;
        this.queries = queries;
        this.readyWait = readyWait;
    }

    /**
     * Runs {@code work} on the query pool once the schema is ready. Failures become
     * {@link StorageException}s. While the schema is not ready and the database is known to be
     * down, it fails at once instead of making the caller (a player linking) wait for it.
     */
    <T> CompletableFuture<T> query(String what, SqlWork<T> work) {
        if (!ready.isDone() && health.connection() == StorageStatus.Connection.UNAVAILABLE) {
            return CompletableFuture.failedFuture(new StorageException("cannot " + what + ": storage is not ready ("
                    + health.lastError() + ")"));
        }
        return ready.copy()
                .orTimeout(readyWait.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(error -> {
                    if (unwrap(error) instanceof TimeoutException) {
                        throw new StorageException("cannot " + what + ": storage is not ready"
                                + (health.lastError() == null ? " yet" : " (" + health.lastError() + ")"));
                    }
                    throw error instanceof CompletionException completion ? completion : new CompletionException(error);
                })
                .thenApplyAsync(ignored -> {
                    try {
                        return withConnection(work);
                    } catch (SQLException e) {
                        throw new StorageException("cannot " + what + ": " + SqlErrors.describe(e), e);
                    }
                }, queries);
    }

    /**
     * Blocking; storage threads only. Marks the database available once work on it succeeded (a
     * pooled connection can be handed out and still be dead), unavailable when the connection failed.
     */
    <T> T withConnection(SqlWork<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            T result = work.apply(connection);
            health.succeeded();
            return result;
        } catch (SQLException e) {
            if (SqlErrors.isConnectionFailure(e)) {
                health.failed(e);
            } else {
                health.succeeded();
            }
            throw e;
        }
    }

    /**
     * Runs {@code work} as one transaction on {@code connection}. When it fails, the failure is
     * what is thrown: after a lost connection the cleanup fails too ("connection is closed", with
     * no SQLSTATE), and that must not hide the loss, which decides how the failure is handled.
     */
    static <T> T inTransaction(Connection connection, SqlWork<T> work) throws SQLException {
        connection.setAutoCommit(false);
        T result;
        try {
            result = work.apply(connection);
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
                connection.setAutoCommit(true);
            } catch (SQLException cleanupFailure) {
                e.addSuppressed(cleanupFailure);
            }
            throw e;
        }
        connection.setAutoCommit(true);
        return result;
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
