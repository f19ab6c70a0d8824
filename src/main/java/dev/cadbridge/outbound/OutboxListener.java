package dev.cadbridge.outbound;

import dev.cadbridge.sonoran.CadResult;
import java.util.Collection;
import java.util.UUID;

/**
 * Hooks the storage layer uses to persist the dispatcher's work. Implementations must not throw
 * and must never block: {@code accepted} runs on the submitting thread (often the server thread)
 * inside {@code submit}, so it may only record the operation in memory for a writer thread;
 * {@code sending} and {@code finished} run on the dispatcher's worker.
 */
public interface OutboxListener {
    OutboxListener NONE = new OutboxListener() {};

    /** The operation is being accepted into the queue; called before the worker can see it. */
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
