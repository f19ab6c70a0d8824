package dev.cadbridge.config;

/** config.yml exists but cannot be read (usually a YAML syntax error); the message says where. */
public final class ConfigFileException extends RuntimeException {
    public ConfigFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
