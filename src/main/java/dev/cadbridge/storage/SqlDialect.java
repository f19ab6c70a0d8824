package dev.cadbridge.storage;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** What differs between the databases: driver, URL, column types, upsert syntax, migration lock. */
enum SqlDialect {
    H2("org.h2.Driver", "VARCHAR(1000000)") {
        @Override
        String jdbcUrl(StorageConfig config, Path dataFolder) {
            // Absolute path: H2 refuses relative ones. WRITE_DELAY=0 writes each commit to the file at
            // once; H2's default may keep it in memory for 500 ms, half of the one-second crash promise.
            Path file = dataFolder.toAbsolutePath().resolve(config.database());
            return "jdbc:h2:file:" + file + ";WRITE_DELAY=0";
        }

        @Override
        SchemaLock schemaLock(StorageConfig config, Tables tables) {
            return new SchemaLocks.H2LockRow(tables);
        }

        @Override
        RunLock runLock() {
            return new RunLocks.H2ProcessLock();
        }

        @Override
        Map<String, String> driverProperties(StorageTuning tuning) {
            return Map.of(); // embedded: no network to wait on
        }

        @Override
        String statementLimit(Duration limit) {
            return "SET QUERY_TIMEOUT " + limit.toMillis();
        }

        @Override
        String upsertOutboxRow(Tables tables) {
            return "MERGE INTO " + tables.outbox() + " (" + OUTBOX_COLUMNS + ") KEY (id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
        }
    },

    MARIADB("org.mariadb.jdbc.Driver", "MEDIUMTEXT") {
        @Override
        String jdbcUrl(StorageConfig config, Path dataFolder) {
            return "jdbc:mariadb://" + config.host() + ":" + config.port() + "/" + config.database();
        }

        @Override
        SchemaLock schemaLock(StorageConfig config, Tables tables) {
            return new SchemaLocks.MariaDbNamedLock(SchemaLocks.lockName(config.database(), tables));
        }

        @Override
        RunLock runLock() {
            return new RunLocks.MariaDbNamedLock();
        }

        @Override
        Map<String, String> driverProperties(StorageTuning tuning) {
            return Map.of(
                    "connectTimeout", Long.toString(tuning.connectionTimeout().toMillis()),
                    "socketTimeout", Long.toString(tuning.silenceTimeout().toMillis()),
                    "tcpKeepAlive", "true",
                    "tcpKeepIdle", "10",
                    "tcpKeepInterval", "5",
                    "tcpKeepCount", "3");
        }

        @Override
        String statementLimit(Duration limit) {
            // A row lock held elsewhere would otherwise wait 50 s. max_statement_time is MariaDB's
            // (10.1.1+); MySQL has no such variable and skips the /*M! ... */ part as a comment.
            long lockWaitSeconds = Math.max(1, limit.toSeconds());
            return "SET SESSION innodb_lock_wait_timeout = " + lockWaitSeconds
                    + " /*M!100101 , SESSION max_statement_time = " + limit.toMillis() / 1000.0 + " */";
        }

        @Override
        String upsertOutboxRow(Tables tables) {
            // Only the primary key is unique in this table, so ON DUPLICATE KEY cannot hit another row.
            return "INSERT INTO " + tables.outbox() + " (" + OUTBOX_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                    + " ON DUPLICATE KEY UPDATE server_name = VALUES(server_name), owner_run = VALUES(owner_run),"
                    + " op_type = VALUES(op_type), payload = VALUES(payload), state = VALUES(state),"
                    + " accepted_at = VALUES(accepted_at), deadline = VALUES(deadline)";
        }

        @Override
        String tableOptions() {
            return " ROW_FORMAT=DYNAMIC DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin";
        }

        @Override
        String outboxIndex(Tables tables) {
            // MySQL has no CREATE INDEX IF NOT EXISTS; declare the index with the table instead.
            return ", INDEX " + tables.outbox() + "_server (server_name)";
        }

        @Override
        List<String> createOutboxIndex(Tables tables) {
            return List.of();
        }

        /**
         * Version 1 took the server's default character set, which may be latin1 or utf8mb3: then
         * an emoji or Cyrillic dispatch title or CAD id is refused. utf8mb4 holds all of Unicode.
         * The binary collation compares as H2 and PostgreSQL do (exactly), and converting to it
         * cannot make two existing CAD ids equal. DYNAMIC rows allow the longer utf8mb4 keys on
         * a table created with an older row format. Running it again changes nothing.
         */
        @Override
        List<String> version2(Tables tables) {
            List<String> statements = new java.util.ArrayList<>();
            for (String table : List.of(tables.identities(), tables.outbox(), tables.schemaVersion())) {
                statements.add("ALTER TABLE " + table + " ROW_FORMAT=DYNAMIC, CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
            }
            return statements;
        }
    },

    POSTGRESQL("org.postgresql.Driver", "TEXT") {
        @Override
        String jdbcUrl(StorageConfig config, Path dataFolder) {
            return "jdbc:postgresql://" + config.host() + ":" + config.port() + "/" + config.database();
        }

        @Override
        SchemaLock schemaLock(StorageConfig config, Tables tables) {
            return new SchemaLocks.PostgresAdvisoryLock(SchemaLocks.lockName(config.database(), tables));
        }

        @Override
        RunLock runLock() {
            return new RunLocks.PostgresAdvisoryLock();
        }

        @Override
        Map<String, String> driverProperties(StorageTuning tuning) {
            // This driver counts its timeouts in whole seconds. It cannot shorten the operating
            // system's keepalive idle time (2 h): the socket timeout is what notices silence.
            String connectSeconds = Long.toString(Math.max(1, ceilSeconds(tuning.connectionTimeout())));
            return Map.of(
                    "connectTimeout", connectSeconds,
                    "loginTimeout", connectSeconds,
                    "socketTimeout", Long.toString(tuning.silenceTimeout().toSeconds()),
                    "tcpKeepAlive", "true");
        }

        @Override
        String statementLimit(Duration limit) {
            // Covers lock waits too, which PostgreSQL otherwise lets run forever.
            return "SET statement_timeout = " + limit.toMillis();
        }

        @Override
        String upsertOutboxRow(Tables tables) {
            return "INSERT INTO " + tables.outbox() + " (" + OUTBOX_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (id) DO UPDATE SET server_name = EXCLUDED.server_name, owner_run = EXCLUDED.owner_run,"
                    + " op_type = EXCLUDED.op_type, payload = EXCLUDED.payload, state = EXCLUDED.state,"
                    + " accepted_at = EXCLUDED.accepted_at, deadline = EXCLUDED.deadline";
        }
    };

    /** Column order of {@link #upsertOutboxRow}'s parameters. */
    static final String OUTBOX_COLUMNS = "id, server_name, owner_run, op_type, payload, state, accepted_at, deadline";

    private final String driverClassName;
    private final String largeTextType;

    SqlDialect(String driverClassName, String largeTextType) {
        this.driverClassName = driverClassName;
        this.largeTextType = largeTextType;
    }

    static SqlDialect of(StorageType type) {
        return switch (type) {
            case H2 -> H2;
            case MARIADB -> MARIADB;
            case POSTGRESQL -> POSTGRESQL;
        };
    }

    String driverClassName() {
        return driverClassName;
    }

    abstract String jdbcUrl(StorageConfig config, Path dataFolder);

    abstract SchemaLock schemaLock(StorageConfig config, Tables tables);

    abstract RunLock runLock();

    /**
     * Driver settings that bound every wait on the network: opening a connection takes at most
     * the connection timeout, and a request the database leaves unanswered fails after the
     * silence timeout instead of waiting for the operating system (hours) or forever.
     */
    abstract Map<String, String> driverProperties(StorageTuning tuning);

    /** Makes the database itself stop any statement of this session that runs longer than {@code limit}. */
    abstract String statementLimit(Duration limit);

    /** Run on every new connection. */
    String sessionSetup(StorageTuning tuning) {
        return statementLimit(tuning.queryTimeout());
    }

    private static long ceilSeconds(Duration duration) {
        return (duration.toMillis() + 999) / 1000;
    }

    /** Inserts an outbox row, or replaces every column of the row with that id. */
    abstract String upsertOutboxRow(Tables tables);

    String outboxIndex(Tables tables) {
        return "";
    }

    List<String> createOutboxIndex(Tables tables) {
        return List.of("CREATE INDEX IF NOT EXISTS " + tables.outbox() + "_server ON " + tables.outbox() + " (server_name)");
    }

    /**
     * Every schema version in order. Never edit a released migration: add the next version.
     * Statements use IF NOT EXISTS so a migration interrupted half-way (DDL is not transactional
     * on MariaDB or H2) can simply run again.
     */
    List<Migration> migrations(Tables tables) {
        List<String> version1 = new java.util.ArrayList<>();
        version1.add("CREATE TABLE IF NOT EXISTS " + tables.identities() + " ("
                + "player_uuid CHAR(36) NOT NULL PRIMARY KEY, "
                + "cad_id VARCHAR(255) NOT NULL, "
                + "source VARCHAR(16) NOT NULL, "
                + "link_state VARCHAR(16) NOT NULL, "
                + "account_uuid VARCHAR(64), "
                + "link_checked_at BIGINT, "
                + "updated_at BIGINT NOT NULL, "
                + "CONSTRAINT " + tables.identities() + "_cad_id UNIQUE (cad_id))");
        version1.add("CREATE TABLE IF NOT EXISTS " + tables.outbox() + " ("
                + "id CHAR(36) NOT NULL PRIMARY KEY, "
                + "server_name VARCHAR(64) NOT NULL, "
                + "owner_run CHAR(36) NOT NULL, "
                + "op_type VARCHAR(16) NOT NULL, "
                + "payload " + largeTextType + " NOT NULL, "
                + "state VARCHAR(16) NOT NULL, "
                + "accepted_at BIGINT NOT NULL, "
                + "deadline BIGINT NOT NULL"
                + outboxIndex(tables) + ")");
        version1.addAll(createOutboxIndex(tables));
        List<String> version3 = List.of(
                "CREATE TABLE IF NOT EXISTS " + tables.networkResults() + " ("
                        + "id CHAR(36) NOT NULL PRIMARY KEY, "
                        + "server_name VARCHAR(64) NOT NULL, "
                        + "payload " + largeTextType + " NOT NULL, "
                        + "finished_at BIGINT NOT NULL)" + tableOptions(),
                "CREATE TABLE IF NOT EXISTS " + tables.networkRuns() + " ("
                        + "run_id CHAR(36) NOT NULL PRIMARY KEY, "
                        + "server_name VARCHAR(64) NOT NULL, "
                        + "seen_at BIGINT NOT NULL, "
                        + "sender_since BIGINT, "
                        + "took_over_from VARCHAR(64))" + tableOptions());
        return List.of(
                new Migration(1, "identities and outbox", List.copyOf(version1)),
                new Migration(2, "tables hold all of Unicode (MariaDB/MySQL: utf8mb4)", version2(tables)),
                new Migration(3, "network mode: results for the asking server, runs and the sender", version3),
                new Migration(4, "network mode: each run's player count and sonoran.server-id",
                        List.of("ALTER TABLE " + tables.networkRuns() + " ADD COLUMN player_count INTEGER",
                                "ALTER TABLE " + tables.networkRuns() + " ADD COLUMN server_id INTEGER")));
    }

    /** Appended to CREATE TABLE of tables added after version 2, so they hold all of Unicode from the start. */
    String tableOptions() {
        return "";
    }

    /** H2 and PostgreSQL store Unicode as it is; nothing to change. */
    List<String> version2(Tables tables) {
        return List.of();
    }
}
