package dev.cadbridge.sonoran;

import java.time.Duration;
import java.util.List;

/** What one request's answer means for the operations it carried. */
public sealed interface WireOutcome {

    /** The CAD processed the request; {@code results} is aligned with the operations sent. */
    record Answered(List<CadResult> results) implements WireOutcome {
        public Answered {
            results = List.copyOf(results);
        }
    }

    /** The CAD refused the whole request for a reason retrying will not fix. */
    record Rejected(FailureKind kind, String message, String traceId) implements WireOutcome {}

    /**
     * A 404 that names neither a unit, a call nor the server: this request failed, but a 404 alone
     * does not show that the configuration is wrong. The dispatcher fails only the operations sent
     * and asks a harmless request (the version check) whether the address itself answers 404.
     */
    record NotFound(String message, String traceId) implements WireOutcome {}

    /**
     * 429. {@code retryAfter} is how long the CAD said to wait, counted from when the answer was
     * read, or null when it did not say.
     */
    record RateLimited(Duration retryAfter, String traceId) implements WireOutcome {}

    /**
     * A failure worth retrying later (5xx, timeout, connection failure). {@code kind} is SERVER_ERROR,
     * TIMEOUT or CONNECTION. {@code mayHaveReachedServer} is true when the CAD may have acted on the
     * request, which matters for operations that cannot be safely repeated.
     */
    record Transient(String kind, String message, String traceId, boolean mayHaveReachedServer) implements WireOutcome {}
}
