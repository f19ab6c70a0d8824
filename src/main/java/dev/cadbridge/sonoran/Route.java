package dev.cadbridge.sonoran;

import java.time.Duration;
import java.util.Objects;

/**
 * What the dispatcher needs to know about one CAD route, so that the queue, the pacing and the
 * outbox read one table instead of each knowing every operation: the documented v2 limit, how long
 * an operation may wait before it expires, whether it is kept in the outbox over a restart, how
 * operations merge into one request, and whether a request may be sent again once it may have
 * reached the CAD.
 *
 * @param description  what the operation is called in messages ("new dispatch")
 * @param recordType   the operation record, as the outbox reads it back
 * @param kind         queued, request-response, or probe (see {@link Kind})
 * @param limitPerMinute the API's documented v2 limit for the route
 * @param deadline     the default time an operation may wait to be sent (config may change it)
 * @param stored       kept in the outbox and replayed after a restart
 * @param merge        how queued operations become one request, and how the answer maps back
 * @param repeatable   sending it twice does no harm, so a request that may have reached the CAD is
 *                     sent again after a transient failure or a restart; false for routes that
 *                     create something (a new dispatch), which then end OutcomeUnknown
 * @param v1           how the route is written for the v1 API; null when v1 has no such route
 * @param v2           how the route is written for the v2 API
 */
public record Route(String description, Class<? extends CadOperation> recordType, Kind kind, int limitPerMinute, Duration deadline,
                    boolean stored, Merge merge, boolean repeatable, V1Codec v1, V2Codec v2) {

    public enum Kind {
        /** Queued until sent: retried after a transient failure or a 429, held while sending is paused. */
        QUEUED,
        /**
         * Someone waits on the answer (a player linking): sent before queued work, never retried, and
         * failed at once when it cannot be sent before its deadline (the "fail after N s" rule), when
         * sending is paused, or when the CAD does not answer.
         */
        REQUEST_RESPONSE,
        /**
         * A harmless request-response that tests the configuration itself (the version check): it is
         * sent even while sending is paused, and a 401 or a 404 from it pauses sending.
         */
        PROBE
    }

    /** True for routes whose answer goes back to a caller at once instead of being retried. */
    public boolean answersAtOnce() {
        return kind != Kind.QUEUED;
    }

    public Route {
        Objects.requireNonNull(recordType, "recordType");
        Objects.requireNonNull(kind, "kind");
        if (kind != Kind.QUEUED && (stored || merge != Merge.NONE)) {
            throw new IllegalArgumentException(description + ": a request-response route is neither stored nor merged");
        }
        Objects.requireNonNull(v2, "v2");
    }

    /** False for routes the v1 API does not have: the dispatcher refuses them under v1 instead of sending. */
    public boolean onV1() {
        return v1 != null;
    }

    public enum Merge {
        /** One operation per request; its answer is its own. */
        NONE,
        /** One request carries an array of distinct targets; the answer says per target, a repeat rides along. */
        DISTINCT_TARGETS,
        /** Operations with the same {@link UnitSetOperation#mergeKey} become one with the union of their units. */
        UNION_OF_UNITS,
        /** Of the operations queued on one target only the latest is sent; the older ones share its answer. */
        LATEST_PER_TARGET
    }
}
