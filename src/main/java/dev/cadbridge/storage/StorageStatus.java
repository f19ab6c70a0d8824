package dev.cadbridge.storage;

import java.time.Instant;

/**
 * Storage state for {@code /cad status}.
 *
 * @param target          where the data lives (never includes the password)
 * @param connection      whether the database worked the last time it was used
 * @param schemaReady     the schema is migrated and the outbox is being written
 * @param lastError       the last database error, or null
 * @param backlog         outbox changes held in memory, not yet written
 * @param notPersisted    operations that were sent from memory only because the backlog was full
 */
public record StorageStatus(
        StorageType backend,
        String target,
        Connection connection,
        boolean schemaReady,
        String lastError,
        Instant lastErrorAt,
        int backlog,
        long notPersisted) {

    public enum Connection {
        CONNECTING,
        REACHABLE,
        UNAVAILABLE
    }
}
