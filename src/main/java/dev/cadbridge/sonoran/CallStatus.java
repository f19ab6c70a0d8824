package dev.cadbridge.sonoran;

/** The status a new call starts in. The API's third value, CLOSED, makes no sense for a new call. */
public enum CallStatus {
    PENDING(0),
    ACTIVE(1);

    private final int wireValue;

    CallStatus(int wireValue) {
        this.wireValue = wireValue;
    }

    public int wireValue() {
        return wireValue;
    }
}
