package dev.cadbridge.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads typed values from the parsed config.yml. A value that is present but wrong is recorded as
 * a {@link ConfigProblem} naming the key and what is allowed, and the safe default is returned, so
 * one typo never stops the plugin. An absent value silently takes its default.
 */
final class ConfigTree {
    private final Map<String, Object> root;
    private final List<ConfigProblem> problems = new ArrayList<>();

    ConfigTree(Map<String, Object> root) {
        this.root = root == null ? Map.of() : root;
    }

    List<ConfigProblem> problems() {
        return problems;
    }

    void problem(String key, String message) {
        problems.add(new ConfigProblem(key, message));
    }

    /** The raw value at a dotted path, or null. */
    Object raw(String key) {
        Object current = root;
        for (String part : key.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(part);
        }
        return current;
    }

    Map<?, ?> section(String key) {
        return raw(key) instanceof Map<?, ?> map ? map : Map.of();
    }

    String string(String key, String fallback) {
        Object value = raw(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            problem(key, "must be a single text value; using \"" + fallback + "\"");
            return fallback;
        }
        return String.valueOf(value);
    }

    boolean bool(String key, boolean fallback) {
        Object value = raw(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        String text = String.valueOf(value).strip().toLowerCase(Locale.ROOT);
        if (text.equals("true") || text.equals("false")) {
            return Boolean.parseBoolean(text);
        }
        problem(key, "\"" + value + "\" is not true or false; using " + fallback);
        return fallback;
    }

    int integer(String key, int fallback, int min, int max) {
        Object value = raw(key);
        if (value == null) {
            return fallback;
        }
        long parsed;
        try {
            parsed = value instanceof Number n && !(value instanceof Double || value instanceof Float)
                    ? n.longValue()
                    : Long.parseLong(String.valueOf(value).strip());
        } catch (NumberFormatException e) {
            problem(key, "\"" + value + "\" is not a whole number; using " + fallback);
            return fallback;
        }
        if (parsed < min || parsed > max) {
            problem(key, parsed + " is out of range; allowed " + min + " to " + max + "; using " + fallback);
            return fallback;
        }
        return (int) parsed;
    }

    Duration duration(String key, Duration fallback, Duration min, Duration max) {
        Object value = raw(key);
        if (value == null) {
            return fallback;
        }
        Duration parsed = Durations.parse(String.valueOf(value));
        String shownFallback = Durations.format(fallback);
        if (parsed == null) {
            problem(key, "\"" + value + "\" is not a duration such as 30s, 10m or 1h; using " + shownFallback);
            return fallback;
        }
        if (parsed.compareTo(min) < 0 || parsed.compareTo(max) > 0) {
            problem(key, Durations.format(parsed) + " is out of range; allowed " + Durations.format(min)
                    + " to " + Durations.format(max) + "; using " + shownFallback);
            return fallback;
        }
        return parsed;
    }

    /** One of a fixed set of words; {@code allowed} maps each config word to its value. */
    <T> T choice(String key, Map<String, T> allowed, T fallback, Function<T, String> nameOf) {
        Object value = raw(key);
        if (value == null) {
            return fallback;
        }
        T chosen = allowed.get(String.valueOf(value).strip().toLowerCase(Locale.ROOT));
        if (chosen == null) {
            problem(key, "\"" + value + "\" is not allowed; use one of " + String.join(", ", allowed.keySet())
                    + "; using " + nameOf.apply(fallback));
            return fallback;
        }
        return chosen;
    }
}
