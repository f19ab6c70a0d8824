package dev.cadbridge.sonoran;

/** Why an operation failed, in the terms a server owner acts on. */
public enum FailureKind {
    /** The API key, community id or server id is wrong; the circuit is open until a reload. */
    CREDENTIALS,
    /** The community's plan does not include this operation; that operation type is disabled. */
    PLAN,
    /** The API rejected the request as malformed; never retried. */
    MALFORMED,
    /** The API answered with something this client does not understand (wrong endpoint, garbage). */
    UNEXPECTED_RESPONSE,
    /**
     * The CAD does not know the unit or call the operation names (v1 "API ID NOT LINKED", a v2 batch
     * kick that did not list the target, a v2 404 naming a call). Not retried.
     */
    TARGET_NOT_FOUND,
    /** The dispatcher's queue is full; nothing was queued. */
    QUEUE_FULL,
    /** The dispatcher is shutting down or closed; nothing was queued. */
    SHUT_DOWN,
    /** The plugin has no usable configuration (for example no API key). */
    NOT_CONFIGURED,
    /** The CAD asked to slow down for longer than a caller waits; only request-response routes end this way. */
    RATE_LIMITED,
    /** The CAD did not answer (timeout, connection, 5xx); only request-response routes end this way, the others retry. */
    UNREACHABLE
}
