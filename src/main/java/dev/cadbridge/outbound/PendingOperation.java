package dev.cadbridge.outbound;

import dev.cadbridge.sonoran.CadOperation;
import java.time.Instant;
import java.util.UUID;

/** An operation the dispatcher accepted and has not finished, as the outbox persists it. */
public record PendingOperation(UUID id, CadOperation operation, Instant acceptedAt, Instant deadline) {}
