package dev.cadbridge.storage;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLTransientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

final class SqlErrors {
    /**
     * SQLSTATEs of a statement stopped by a time limit: PostgreSQL query_canceled (statement_timeout)
     * and lock_not_available, MariaDB max_statement_time, H2 lock or query timeout.
     */
    private static final Set<String> TIMEOUT_STATES = Set.of("57014", "55P03", "70100", "HYT00");
    /** MariaDB/MySQL error codes for the same: lock wait timeout, statement timeout, query interrupted. */
    private static final Set<Integer> MARIADB_TIMEOUT_CODES = Set.of(1205, 1969, 3024);

    private SqlErrors() {}

    /** SQLSTATE class 23: a unique or primary key (or other constraint) refused the row. */
    static boolean isConstraintViolation(SQLException e) {
        for (SQLException current = e; current != null; current = current.getNextException()) {
            String state = current.getSQLState();
            if (state != null && state.startsWith("23")) {
                return true;
            }
        }
        return false;
    }

    /** The database could not be reached or the connection broke, as opposed to the database refusing a statement. */
    static boolean isConnectionFailure(SQLException e) {
        for (SQLException current : related(e)) {
            String state = current.getSQLState();
            if (current instanceof SQLTransientConnectionException
                    || current instanceof SQLNonTransientConnectionException
                    || current instanceof SQLRecoverableException
                    || (state != null && state.startsWith("08"))
                    || current.getCause() instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    /**
     * The database did not take the work now but would another time: the connection failed, a time
     * limit stopped the statement (a lock held elsewhere, an overloaded server), or the transaction
     * was rolled back as a deadlock victim. Anything else is the database refusing this work.
     */
    static boolean isTransient(SQLException e) {
        if (isConnectionFailure(e)) {
            return true;
        }
        for (SQLException current : related(e)) {
            String state = current.getSQLState();
            if (current instanceof SQLTimeoutException
                    || current instanceof SQLTransientException
                    || (state != null && (TIMEOUT_STATES.contains(state) || state.startsWith("40")))
                    || MARIADB_TIMEOUT_CODES.contains(current.getErrorCode())) {
                return true;
            }
        }
        return false;
    }

    /** {@code e}, the SQL exceptions it chains to, and those it was caused by (a batch failure wraps the statement's). */
    private static List<SQLException> related(SQLException e) {
        List<SQLException> all = new ArrayList<>();
        for (SQLException next = e; next != null && all.size() < 20; next = next.getNextException()) {
            for (Throwable cause = next; cause instanceof SQLException sql && all.size() < 20; cause = cause.getCause()) {
                if (!all.contains(sql)) {
                    all.add(sql);
                }
            }
        }
        return all;
    }

    /** One line for logs and status: the exception's own message, never a URL with credentials (none is built with them). */
    static String describe(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof java.util.concurrent.CompletionException || cause instanceof java.util.concurrent.ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        // PostgreSQL's batch failure quotes the whole statement with its values; the reason is in the next one.
        if (cause instanceof java.sql.BatchUpdateException batch && batch.getNextException() != null) {
            cause = batch.getNextException();
        }
        String message = cause.getMessage();
        String text = cause.getClass().getSimpleName() + (message == null ? "" : ": " + message.strip());
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
