package dev.cadbridge.config;

import dev.cadbridge.storage.StorageConfig;
import dev.cadbridge.storage.StorageType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Reads the {@code storage:} section of config.yml into a {@link StorageConfig}. Like every other
 * section, a wrong value is named with its key and what is allowed, and the default is used. The
 * password never appears in a problem: neither its own value nor a host that may have a
 * {@code user:password@} part pasted into it is repeated back.
 */
final class StorageSection {
    static final String DEFAULT_DATABASE = "cadbridge";
    static final String DEFAULT_HOST = "localhost";
    static final String DEFAULT_USERNAME = "cadbridge";
    static final String DEFAULT_TABLE_PREFIX = "cadbridge_";
    static final String DEFAULT_SERVER_NAME = StorageConfig.DEFAULT_SERVER_NAME;
    static final int DEFAULT_POOL_SIZE = 2;
    private static final List<String> KEYS = List.of(
            "type", "host", "port", "database", "username", "password", "pool-size", "table-prefix", "server-name");

    private StorageSection() {}

    static StorageConfig read(ConfigTree tree, Function<String, String> environment) {
        reportUnknownKeys(tree);
        StorageType type = tree.choice("storage.type", types(), StorageType.H2, StorageSection::typeName);
        String host = host(tree);
        int port = tree.integer("storage.port", type.defaultPort(), 1, 65_535); // unused by h2
        String database = checked(tree, "storage.database", DEFAULT_DATABASE, StorageConfig::isDatabaseName,
                "is not a usable database name; use letters, digits, '_' and '-'");
        String username = tree.string("storage.username", DEFAULT_USERNAME).strip();
        if (username.isEmpty()) {
            tree.problem("storage.username", "is empty; a database user is needed for mariadb, mysql and postgresql; using " + DEFAULT_USERNAME);
            username = DEFAULT_USERNAME;
        }
        String password = password(tree, environment);
        int poolSize = tree.integer("storage.pool-size", DEFAULT_POOL_SIZE, 1, StorageConfig.MAX_POOL_SIZE);
        String tablePrefix = checked(tree, "storage.table-prefix", DEFAULT_TABLE_PREFIX, StorageConfig::isTablePrefix,
                StorageConfig.TABLE_PREFIX_RULE);
        String serverName = checked(tree, "storage.server-name", DEFAULT_SERVER_NAME, StorageConfig::isServerName,
                "must be 1 to " + StorageConfig.MAX_SERVER_NAME_LENGTH + " letters, digits, '_', '.' or '-'");
        try {
            return new StorageConfig(type, host, port, database, username, password, poolSize, tablePrefix, serverName);
        } catch (IllegalArgumentException e) {
            // Every value was checked above; this only guards against the two rule sets drifting apart.
            tree.problem("storage", e.getMessage() + "; using the embedded h2 file");
            return StorageConfig.h2(DEFAULT_SERVER_NAME);
        }
    }

    /** The config word for a storage type, as shown in /cad status and problems. */
    static String typeName(StorageType type) {
        return type.name().toLowerCase(Locale.ROOT);
    }

    private static Map<String, StorageType> types() {
        Map<String, StorageType> types = new LinkedHashMap<>();
        for (String word : List.of("h2", "mariadb", "mysql", "postgresql", "postgres")) {
            types.put(word, StorageType.parse(word));
        }
        return types;
    }

    private static String host(ConfigTree tree) {
        String host = tree.string("storage.host", DEFAULT_HOST).strip();
        if (!StorageConfig.isHostName(host)) {
            tree.problem("storage.host", "is not a host name or address (write only the name or IP, without spaces, '/', '?' or '@');"
                    + " using " + DEFAULT_HOST);
            return DEFAULT_HOST;
        }
        return host;
    }

    private static String checked(ConfigTree tree, String key, String fallback, Predicate<String> valid, String rule) {
        String value = tree.string(key, fallback).strip();
        if (!valid.test(value)) {
            tree.problem(key, "\"" + value + "\" " + rule + "; using " + fallback);
            return fallback;
        }
        return value;
    }

    /** {@value StorageConfig#PASSWORD_ENV} wins over the file, as the API key's variable does. */
    private static String password(ConfigTree tree, Function<String, String> environment) {
        Object raw = tree.raw("storage.password");
        String fromFile = "";
        if (raw instanceof Map<?, ?> || raw instanceof List<?>) {
            tree.problem("storage.password", "must be a single text value (quote it); using no password");
        } else if (raw != null) {
            fromFile = String.valueOf(raw);
        }
        String fromEnvironment = environment.apply(StorageConfig.PASSWORD_ENV);
        return fromEnvironment == null || fromEnvironment.isBlank() ? fromFile : fromEnvironment;
    }

    private static void reportUnknownKeys(ConfigTree tree) {
        Object section = tree.raw("storage");
        if (section != null && !(section instanceof Map<?, ?>)) {
            tree.problem("storage", "must be a section with the keys " + String.join(", ", KEYS) + "; using the embedded h2 file");
            return;
        }
        for (Object key : tree.section("storage").keySet()) {
            if (!KEYS.contains(String.valueOf(key))) {
                tree.problem("storage." + key, "is not a storage setting and is ignored; the settings are " + String.join(", ", KEYS));
            }
        }
    }
}
