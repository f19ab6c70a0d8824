package dev.cadbridge.sonoran;

import dev.cadbridge.sonoran.FailureKind;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The outcome of one submitted operation. Futures from the dispatcher complete normally with one
 * of these; they never complete exceptionally for a CAD-side problem.
 */
public sealed interface CadResult {

    /**
     * The CAD accepted the operation. {@code callId} is present for a new dispatch.
     * {@code unitIdents} maps a unit sent (its communityUserId) to the CAD identifier id the answer
     * names for it, only where the answer allows the match: an attach or detach of one unit answered
     * with one id. A merged attach of several units is answered with ids that cannot be told apart, so it
     * maps nothing.
     */
    record Delivered(OptionalLong callId, Map<String, Long> unitIdents) implements CadResult {
        public Delivered {
            unitIdents = Map.copyOf(unitIdents);
        }

        public Delivered(OptionalLong callId) {
            this(callId, Map.of());
        }
    }

    /** The operation will not be delivered. {@code traceId} is the vendor's, when it gave one. */
    record Failed(FailureKind kind, String message, String traceId) implements CadResult {}

    /**
     * The CAD answered, but its answer leaves out some or all of the units or calls the operation
     * named, so only {@code done} of {@code named} were acted on (a unit not logged in to the CAD, a
     * call that does not exist). When {@code done > 0} the answer does not say which ones.
     */
    record LeftOut(int done, int named, String message) implements CadResult {}

    /**
     * The answer of a request-response route (a link code, a link check, the plan name), for the
     * caller waiting on it. Queued operations never end this way.
     */
    record Replied(Object answer) implements CadResult {}

    /** The deadline passed before the operation could be sent; it was never sent. */
    record Expired(String message) implements CadResult {}

    /**
     * The CAD may have acted but its answer does not say (a new dispatch that timed out after
     * sending, an attach answered without its list of units); it is not retried.
     */
    record OutcomeUnknown(String message) implements CadResult {}
}
