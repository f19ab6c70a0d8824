package dev.cadbridge.sonoran;

/** The answer to "do these credentials work?", asked once at startup and on reload. */
public record CredentialCheck(Result result, String message, String traceId) {

    public enum Result {
        /** The CAD accepted the key; {@code message} names the plan. */
        OK,
        /** The CAD rejected the key or the server id. */
        REJECTED,
        /** The CAD could not be reached or answered with an error; try again later. */
        UNREACHABLE,
        /** This API generation has no harmless request to test with (v1). */
        NOT_CHECKABLE
    }
}
