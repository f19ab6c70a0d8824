package dev.cadbridge.dispatch;

/**
 * The request-response routes that still run beside the queue (link create and check, version),
 * each with its own token bucket. The queued operations' routes are {@link dev.cadbridge.sonoran.OperationType}.
 */
enum Endpoint {
    LINK_CREATE, LINK_CHECK, VERSION
}
