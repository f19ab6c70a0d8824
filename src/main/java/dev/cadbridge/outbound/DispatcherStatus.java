package dev.cadbridge.outbound;

import dev.cadbridge.sonoran.ApiGeneration;
import dev.cadbridge.sonoran.FailureKind;
import dev.cadbridge.sonoran.OperationType;
import java.time.Instant;
import java.util.Map;

/**
 * A snapshot for {@code /cad status} and {@code /cad doctor}. Holds no secret. {@code headroom} is how
 * many requests each route could send right now without waiting for its rate limit (0 while the
 * CAD holds it with a Retry-After); a route missing from it is unknown.
 */
public record DispatcherStatus(
        ApiGeneration generation,
        String baseUrl,
        CircuitState circuit,
        String circuitReason,
        Instant lastSuccess,
        LastFailure lastFailure,
        Map<OperationType, Integer> queueDepth,
        Map<OperationType, String> disabledTypes,
        Counters counters,
        Map<OperationType, Integer> headroom) {

    /** Without headroom: connections that do not pace requests themselves. */
    public DispatcherStatus(ApiGeneration generation, String baseUrl, CircuitState circuit, String circuitReason, Instant lastSuccess,
            LastFailure lastFailure, Map<OperationType, Integer> queueDepth, Map<OperationType, String> disabledTypes, Counters counters) {
        this(generation, baseUrl, circuit, circuitReason, lastSuccess, lastFailure, queueDepth, disabledTypes, counters, Map.of());
    }

    public enum CircuitState { CLOSED, OPEN }

    /** {@code kind} is a {@link FailureKind} name or a transient kind such as RATE_LIMITED, SERVER_ERROR, TIMEOUT. */
    public record LastFailure(Instant at, String kind, String message, String traceId) {}

    public record Counters(long requests, long batches, long rateLimited, long delivered, long failed, long expired) {}
}
