package dev.cadbridge.config;

/** One wrong value in config.yml: the key, what was wrong, and what is used instead. */
public record ConfigProblem(String key, String message) {
    @Override
    public String toString() {
        return key + ": " + message;
    }
}
