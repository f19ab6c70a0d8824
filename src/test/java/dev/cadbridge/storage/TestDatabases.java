package dev.cadbridge.storage;

import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * Connection settings for the real test servers, from the environment that {@code .ci/run} sets up.
 * Unset means skip (with the reason shown), unless CADBRIDGE_REQUIRE_DBS=1: then it is a failure.
 */
final class TestDatabases {
    private TestDatabases() {}

    /** A config for {@code type} with a fresh table prefix, so runs and tests never see each other's tables. */
    static StorageConfig config(StorageType type, String tablePrefix, String serverName) {
        if (type == StorageType.H2) {
            return new StorageConfig(StorageType.H2, "", 0, "cadbridge", "", "", 2, tablePrefix, serverName);
        }
        String envPrefix = type == StorageType.POSTGRESQL ? "CADBRIDGE_TEST_PG" : "CADBRIDGE_TEST_MARIADB";
        String url = requireEnv(envPrefix + "_URL", type);
        URI uri = URI.create(url.substring("jdbc:".length()));
        String database = uri.getPath().substring(1);
        int port = uri.getPort() > 0 ? uri.getPort() : type.defaultPort();
        return new StorageConfig(type, uri.getHost(), port, database, requireEnv(envPrefix + "_USER", type),
                System.getenv().getOrDefault(envPrefix + "_PASSWORD", ""), 2, tablePrefix, serverName);
    }

    static String freshPrefix() {
        return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 10) + "_";
    }

    /**
     * A plain JDBC connection to the same database, to look at what the storage wrote. Through the
     * driver itself, not {@code DriverManager}: a closed storage deregisters the drivers its class
     * loader loaded, which in tests is this one.
     */
    static Connection open(StorageConfig config, Path dataFolder) throws SQLException {
        SqlDialect dialect = SqlDialect.of(config.type());
        Properties credentials = new Properties();
        if (config.type() != StorageType.H2) {
            credentials.setProperty("user", config.user());
            credentials.setProperty("password", config.password());
        }
        Driver driver;
        try {
            driver = (Driver) Class.forName(dialect.driverClassName()).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new SQLException("cannot load " + dialect.driverClassName(), e);
        }
        return driver.connect(dialect.jdbcUrl(config, dataFolder), credentials);
    }

    static void dropTables(StorageConfig config, Path dataFolder) throws SQLException {
        Tables tables = new Tables(config.tablePrefix());
        try (Connection connection = open(config, dataFolder); Statement statement = connection.createStatement()) {
            for (String table : new String[] {tables.identities(), tables.outbox(), tables.schemaVersion(), tables.schemaLock(),
                    tables.networkResults(), tables.networkRuns()}) {
                statement.execute("DROP TABLE IF EXISTS " + table);
            }
        }
    }

    private static String requireEnv(String name, StorageType type) {
        String value = System.getenv(name);
        if (value != null && !value.isBlank()) {
            return value;
        }
        String reason = name + " is not set, so the " + type.name().toLowerCase(Locale.ROOT)
                + " storage tests cannot reach a real server (.ci/run provides one)";
        if ("1".equals(System.getenv("CADBRIDGE_REQUIRE_DBS"))) {
            fail(reason + ", and CADBRIDGE_REQUIRE_DBS=1 forbids skipping them");
        }
        Assumptions.abort(reason + "; skipped");
        throw new AssertionError("unreachable");
    }
}
