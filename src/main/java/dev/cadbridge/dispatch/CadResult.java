package dev.cadbridge.dispatch;

import java.util.OptionalLong;

/**
 * The outcome of one submitted operation. Futures from the dispatcher complete normally with one
 * of these; they never complete exceptionally for a CAD-side problem.
 */
public sealed interface CadResult {

    /** The CAD accepted the operation. {@code callId} is present for a new dispatch. */
    record Delivered(OptionalLong callId) implements CadResult {}

    /** The operation will not be delivered. {@code traceId} is the vendor's, when it gave one. */
    record Failed(FailureKind kind, String message, String traceId) implements CadResult {}

    /** The deadline passed before the operation could be sent; it was never sent. */
    record Expired(String message) implements CadResult {}

    /** A new dispatch may have reached the CAD (timeout after sending); it is not retried. */
    record OutcomeUnknown(String message) implements CadResult {}
}
