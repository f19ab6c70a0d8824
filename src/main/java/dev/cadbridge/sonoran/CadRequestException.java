package dev.cadbridge.sonoran;

/**
 * Why a link or version request failed. {@code kind} is a FailureKind name or a transient kind
 * (RATE_LIMITED, SERVER_ERROR, TIMEOUT, CONNECTION). Messages never contain the API key.
 */
public final class CadRequestException extends RuntimeException {
    private final String kind;
    private final String traceId;

    public CadRequestException(String kind, String message, String traceId) {
        super(message, null, false, false);
        this.kind = kind;
        this.traceId = traceId;
    }

    public String kind() {
        return kind;
    }

    /** The vendor's trace id, or null. */
    public String traceId() {
        return traceId;
    }
}
