package dev.cadbridge.sonoran;

/** Who reported a call; the wire value is the API's integer enum. */
public enum CallOrigin {
    CALLER(0),
    RADIO(1),
    OBSERVED(2),
    WALK_UP(3);

    private final int wireValue;

    CallOrigin(int wireValue) {
        this.wireValue = wireValue;
    }

    public int wireValue() {
        return wireValue;
    }
}
