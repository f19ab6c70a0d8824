package dev.cadbridge.doctor;

/** The answer to one request the doctor made, or why it has none. */
public sealed interface Asked<T> {

    /** The CAD answered. */
    record Answer<T>(T value) implements Asked<T> {}

    /** The request was sent (or refused before sending) and failed; {@code kind} is a FailureKind name. */
    record Refused<T>(String kind, String message, String traceId) implements Asked<T> {
        /** The message with its trace id, which Sonoran support asks for. */
        public String describe() {
            return message + (traceId == null || traceId.isBlank() ? "" : " (trace id " + traceId + ")");
        }
    }

    /** Not sent: the route's budget was spent, or something it needs failed first. */
    record Skipped<T>(String why) implements Asked<T> {}
}
