package dev.cadbridge.sonoran;

/** A value that must never reach the API. The message names the field and the offending value. */
public final class InvalidOperationException extends IllegalArgumentException {
    private final String field;

    public InvalidOperationException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
