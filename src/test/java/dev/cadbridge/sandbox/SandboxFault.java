package dev.cadbridge.sandbox;

import java.time.Duration;

/**
 * A way for the sandbox to misbehave, injected with {@link SonoranSandbox#inject(SandboxFault)}
 * (until cleared) or {@link SonoranSandbox#inject(SandboxFault, int)} (next N requests).
 *
 * <p>Two families, because they mean different things for the client:
 * <ul>
 *   <li><b>Gateway faults</b> ({@link ServerErrors}, {@link RateLimitStorm}, {@link HtmlBadGateway})
 *       answer instead of the API: the request never reaches the CAD and changes no state.</li>
 *   <li><b>Lost-answer faults</b> ({@link Slow}, {@link ResetMidResponse}, {@link GarbageBody}) let
 *       the CAD apply the request and then spoil the answer, like a real server whose reply is lost
 *       on the way. A client that retries a new dispatch after one of these creates a second call.</li>
 * </ul>
 * "Down" is not a fault value: use {@link SonoranSandbox#stop()} and {@link SonoranSandbox#start()}.
 * "Key revoked" is {@link SonoranSandbox#revokeKey()}.
 */
public sealed interface SandboxFault {

    /** Applies the request, then waits {@code delay} before sending the status line. Stacks with other faults. */
    record Slow(Duration delay) implements SandboxFault {
        public Slow {
            if (delay.isNegative() || delay.isZero()) {
                throw new IllegalArgumentException("delay must be positive, was " + delay);
            }
        }
    }

    /**
     * {@code percent} of requests (decided by the sandbox's seeded random) get {@code status}
     * (500–599): problem+json on v2, plain text on v1.
     */
    record ServerErrors(int percent, int status) implements SandboxFault {
        public ServerErrors {
            if (percent < 1 || percent > 100) {
                throw new IllegalArgumentException("percent must be 1..100, was " + percent);
            }
            if (status < 500 || status > 599) {
                throw new IllegalArgumentException("status must be 5xx, was " + status);
            }
        }
    }

    /** Every request gets 429 with this {@code Retry-After} (at most 120 s, in the sandbox's Retry-After style). */
    record RateLimitStorm(Duration retryAfter) implements SandboxFault {
        public RateLimitStorm {
            if (retryAfter.isNegative() || retryAfter.compareTo(Duration.ofSeconds(120)) > 0) {
                throw new IllegalArgumentException("retryAfter must be 0..120 s, was " + retryAfter);
            }
        }
    }

    /** Applies the request, sends the headers and half the body, then closes the connection. */
    record ResetMidResponse() implements SandboxFault {}

    /** Applies the request, then answers 200 with a body that is neither JSON nor a v1 answer text. */
    record GarbageBody() implements SandboxFault {}

    /** A proxy's HTML error page with status 502; the request never reaches the CAD. */
    record HtmlBadGateway() implements SandboxFault {}

    static Slow slow(Duration delay) {
        return new Slow(delay);
    }

    static ServerErrors serverErrors(int percent) {
        return new ServerErrors(percent, 500);
    }

    static ServerErrors serverErrors(int percent, int status) {
        return new ServerErrors(percent, status);
    }

    static RateLimitStorm rateLimitStorm(Duration retryAfter) {
        return new RateLimitStorm(retryAfter);
    }

    static ResetMidResponse resetMidResponse() {
        return new ResetMidResponse();
    }

    static GarbageBody garbageBody() {
        return new GarbageBody();
    }

    static HtmlBadGateway htmlBadGateway() {
        return new HtmlBadGateway();
    }

    /** True for faults that answer in place of the CAD, so the request is not applied. */
    default boolean replacesAnswer() {
        return this instanceof ServerErrors || this instanceof RateLimitStorm || this instanceof HtmlBadGateway;
    }
}
