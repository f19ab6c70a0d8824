package dev.cadbridge.dispatch;

import java.util.Collection;
import java.util.UUID;

/**
 * Hooks the storage layer uses to persist the dispatcher's work. Called on dispatcher threads,
 * never on the server thread; implementations must not throw and must not block for long.
 */
public interface OutboxListener {
    OutboxListener NONE = new OutboxListener() {};

    /** The operation was accepted into the queue. */
    default void accepted(PendingOperation operation) {}

    /** These operations are about to be written to the wire. */
    default void sending(Collection<UUID> ids) {}

    /**
     * The request for these operations failed before any of it reached the CAD (for example
     * connection refused); they are queued again. Lets the outbox clear the in-flight mark, so a
     * crash later does not report a new dispatch that was never sent as "outcome unknown".
     */
    default void notSent(Collection<UUID> ids) {}

    /** The operation is finished (delivered, failed, expired or outcome unknown). */
    default void finished(UUID id, CadResult result) {}
}
