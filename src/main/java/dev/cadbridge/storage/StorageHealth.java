package dev.cadbridge.storage;

import java.time.Clock;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Tracks whether the database answers, and logs only when that changes. */
final class StorageHealth {
    private final Logger logger;
    private final Clock clock;
    private final String target;
    private StorageStatus.Connection connection = StorageStatus.Connection.CONNECTING;
    private String lastError;
    private Instant lastErrorAt;

    StorageHealth(Logger logger, Clock clock, String target) {
        this.logger = logger;
        this.clock = clock;
        this.target = target;
    }

    synchronized void succeeded() {
        if (connection == StorageStatus.Connection.UNAVAILABLE) {
            logger.info("Storage " + target + " works again; writing the outbox changes kept in memory");
        }
        connection = StorageStatus.Connection.REACHABLE;
    }

    synchronized void failed(Throwable error) {
        lastError = SqlErrors.describe(error);
        lastErrorAt = clock.instant();
        if (connection != StorageStatus.Connection.UNAVAILABLE) {
            logger.log(Level.WARNING, "Storage " + target + " is unavailable (" + lastError + "). CAD operations still go out;"
                    + " outbox changes are kept in memory and written when it is back");
            connection = StorageStatus.Connection.UNAVAILABLE;
        }
    }

    synchronized StorageStatus.Connection connection() {
        return connection;
    }

    synchronized String lastError() {
        return lastError;
    }

    synchronized Instant lastErrorAt() {
        return lastErrorAt;
    }
}
