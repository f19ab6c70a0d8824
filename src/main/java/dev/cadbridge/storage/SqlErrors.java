package dev.cadbridge.storage;

import java.sql.SQLException;

final class SqlErrors {
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
        String state = e.getSQLState();
        return e instanceof java.sql.SQLTransientConnectionException
                || e instanceof java.sql.SQLNonTransientConnectionException
                || e instanceof java.sql.SQLRecoverableException
                || (state != null && state.startsWith("08"))
                || e.getCause() instanceof java.io.IOException;
    }

    /** One line for logs and status: the exception's own message, never a URL with credentials (none is built with them). */
    static String describe(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof java.util.concurrent.CompletionException || cause instanceof java.util.concurrent.ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        String text = cause.getClass().getSimpleName() + (message == null ? "" : ": " + message.strip());
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
