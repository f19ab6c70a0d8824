package dev.cadbridge.sonoran;

import java.util.Objects;

/**
 * The community API key. Its {@code toString} never shows the value, so it cannot leak through a
 * log line, an exception message or a status dump by accident; only the wire code calls {@link #reveal()}.
 */
public final class ApiKey {
    private final String value;

    private ApiKey(String value) {
        this.value = value;
    }

    public static ApiKey of(String value) {
        Objects.requireNonNull(value, "API key");
        return new ApiKey(value.strip());
    }

    public String reveal() {
        return value;
    }

    public boolean isBlank() {
        return value.isBlank();
    }

    @Override
    public String toString() {
        return "ApiKey[redacted]";
    }
}
