package dev.cadbridge.storage;

import com.google.gson.Gson;
import dev.cadbridge.sonoran.CadOperation;
import dev.cadbridge.sonoran.InvalidOperationException;
import dev.cadbridge.sonoran.OperationType;
import dev.cadbridge.sonoran.Route;

/**
 * Operations as stored in the outbox: JSON of the record, with the type in its own column. Reading
 * goes through the records' constructors, so a row edited by hand into something invalid is
 * refused here instead of reaching the CAD.
 */
final class OperationCodec {
    private final Gson gson = new Gson();

    String toJson(CadOperation operation) {
        return gson.toJson(operation);
    }

    CadOperation fromJson(String type, String json) {
        OperationType operationType;
        try {
            operationType = OperationType.valueOf(type);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new UnreadableOperationException("unknown operation type '" + type + "'");
        }
        if (operationType.route().kind() == Route.Kind.PROBE) {
            // Every other route passes through the database in network mode, stored or not.
            throw new UnreadableOperationException(type + " is never stored");
        }
        Class<? extends CadOperation> recordClass = operationType.route().recordType();
        CadOperation operation;
        try {
            operation = gson.fromJson(json, recordClass);
        } catch (RuntimeException e) {
            // Gson wraps what the record's constructor threw; the validation message is the useful part.
            Throwable reason = e;
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof InvalidOperationException) {
                    reason = cause;
                }
            }
            throw new UnreadableOperationException(type + " payload is not a valid operation: " + reason.getMessage());
        }
        if (operation == null) {
            throw new UnreadableOperationException("empty " + type + " payload");
        }
        return operation;
    }

    static final class UnreadableOperationException extends RuntimeException {
        UnreadableOperationException(String message) {
            super(message);
        }
    }
}
