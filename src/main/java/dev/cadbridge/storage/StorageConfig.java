package dev.cadbridge.storage;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where and how CadBridge stores identities and its outbox. For {@link StorageType#H2},
 * {@code database} is the file name inside the plugin folder and host, port, user and password are
 * unused. {@code serverName} tags this server's outbox rows, so servers sharing one database each
 * replay only their own work.
 */
public record StorageConfig(
        StorageType type,
        String host,
        int port,
        String database,
        String user,
        String password,
        int poolSize,
        String tablePrefix,
        String serverName) {

    /** Environment variable that, when set, supplies the password instead of the config file. */
    public static final String PASSWORD_ENV = "CADBRIDGE_DB_PASSWORD";
    /** What a server is called when storage.server-name is not set. */
    public static final String DEFAULT_SERVER_NAME = "default";
    public static final int MAX_POOL_SIZE = 50;
    public static final int MAX_TABLE_PREFIX_LENGTH = 32;
    public static final int MAX_SERVER_NAME_LENGTH = 64;

    /** Empty, or an identifier start: H2 and PostgreSQL refuse an unquoted table name that starts with a digit. */
    private static final Pattern TABLE_PREFIX = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)?");
    /** What {@link #isTablePrefix} allows, in words, for problems and exceptions. */
    public static final String TABLE_PREFIX_RULE =
            "must start with a letter or '_' and may only contain letters, digits and '_' (at most " + MAX_TABLE_PREFIX_LENGTH + ")";
    private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Pattern SERVER_NAME = Pattern.compile("[A-Za-z0-9_.-]+");

    public StorageConfig {
        if (type == null) {
            throw new IllegalArgumentException("storage.type: is missing; use h2, mariadb, mysql or postgresql");
        }
        database = database == null ? "" : database.strip();
        if (!isDatabaseName(database)) {
            throw new IllegalArgumentException("storage.database: '" + database
                    + "' is not a usable database name; use letters, digits, '_' and '-'");
        }
        if (type != StorageType.H2) {
            host = host == null ? "" : host.strip();
            if (!isHostName(host)) {
                throw new IllegalArgumentException("storage.host: '" + host + "' is not a host name or address");
            }
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("storage.port: " + port + " is not a port; use 1 to 65535");
            }
            if (user == null || user.isBlank()) {
                throw new IllegalArgumentException("storage.user: is missing; " + type.name().toLowerCase(java.util.Locale.ROOT) + " needs a user");
            }
        }
        if (poolSize < 1 || poolSize > MAX_POOL_SIZE) {
            throw new IllegalArgumentException("storage.pool-size: " + poolSize + " is out of range; use 1 to " + MAX_POOL_SIZE);
        }
        tablePrefix = tablePrefix == null ? "" : tablePrefix;
        if (!isTablePrefix(tablePrefix)) {
            throw new IllegalArgumentException("storage.table-prefix: '" + tablePrefix + "' " + TABLE_PREFIX_RULE);
        }
        serverName = serverName == null ? "" : serverName.strip();
        if (!isServerName(serverName)) {
            throw new IllegalArgumentException("storage.server-name: '" + serverName
                    + "' must be 1 to " + MAX_SERVER_NAME_LENGTH + " letters, digits, '_', '.' or '-', and unique per server sharing the database");
        }
        password = password == null ? "" : password;
    }

    /** A database name (for H2: the file name): letters, digits, '_' and '-'. */
    public static boolean isDatabaseName(String name) {
        return DATABASE_NAME.matcher(name).matches();
    }

    /** A host name or address, with nothing that would change the JDBC URL (no blank, '/', '?' or '@'). */
    public static boolean isHostName(String host) {
        return !host.isEmpty() && host.chars().noneMatch(c -> c <= ' ' || c == '/' || c == '?' || c == '@');
    }

    public static boolean isTablePrefix(String prefix) {
        return prefix.length() <= MAX_TABLE_PREFIX_LENGTH && TABLE_PREFIX.matcher(prefix).matches();
    }

    public static boolean isServerName(String name) {
        return name.length() <= MAX_SERVER_NAME_LENGTH && SERVER_NAME.matcher(name).matches();
    }

    /** The zero-setup default: an H2 file named {@code cadbridge} in the plugin folder. */
    public static StorageConfig h2(String serverName) {
        return new StorageConfig(StorageType.H2, "", 0, "cadbridge", "", "", 2, "cadbridge_", serverName);
    }

    /** This config with the password taken from {@value #PASSWORD_ENV} when that is set and not blank. */
    public StorageConfig withPasswordFrom(Map<String, String> environment) {
        String fromEnvironment = environment.get(PASSWORD_ENV);
        if (fromEnvironment == null || fromEnvironment.isBlank()) {
            return this;
        }
        return new StorageConfig(type, host, port, database, user, fromEnvironment, poolSize, tablePrefix, serverName);
    }

    /** Where the data lives, for status output; never contains the password. */
    public String describeTarget() {
        return switch (type) {
            case H2 -> "h2 file " + database;
            case MARIADB, POSTGRESQL -> type.name().toLowerCase(java.util.Locale.ROOT) + " " + user + "@" + host + ":" + port + "/" + database;
        };
    }

    @Override
    public String toString() {
        return "StorageConfig[" + describeTarget() + ", poolSize=" + poolSize + ", tablePrefix=" + tablePrefix
                + ", serverName=" + serverName + ", password=" + (password.isEmpty() ? "(none)" : "(hidden)") + "]";
    }
}
