package dev.cadbridge.storage;

import java.util.Locale;

/** The database kinds CadBridge can keep its data in. */
public enum StorageType {
    /** An embedded file in the plugin folder; needs no setup. */
    H2(0),
    /** MariaDB or MySQL, through the MariaDB driver. */
    MARIADB(3306),
    POSTGRESQL(5432);

    private final int defaultPort;

    StorageType(int defaultPort) {
        this.defaultPort = defaultPort;
    }

    public int defaultPort() {
        return defaultPort;
    }

    /** Reads the config value: {@code h2}, {@code mariadb}, {@code mysql}, {@code postgresql} or {@code postgres}. */
    public static StorageType parse(String text) {
        String value = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "h2" -> H2;
            case "mariadb", "mysql" -> MARIADB;
            case "postgresql", "postgres" -> POSTGRESQL;
            default -> throw new IllegalArgumentException(
                    "storage.type: '" + text + "' is not a storage type; use h2, mariadb, mysql or postgresql");
        };
    }
}
