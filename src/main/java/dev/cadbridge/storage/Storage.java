package dev.cadbridge.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.cadbridge.outbound.PendingOperation;
import dev.cadbridge.identity.IdentityRepository;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * CadBridge's storage: identities and the outbox, in H2, MariaDB/MySQL or PostgreSQL. Every
 * method returns at once; JDBC runs on the storage threads ({@code CadBridge-Storage-Writer} for
 * the schema and the outbox, {@code CadBridge-Storage-Query-N} for identity queries), never on the
 * caller's. Only {@link #close} blocks, for at most its timeout.
 *
 * <p>Start-up order for the plugin: {@link #start}, create the dispatcher with {@link #outbox()} as
 * its listener, then {@code outbox().replay(dispatcher)}. At disable: {@code dispatcher.close(t)},
 * then {@link #close(List, Duration)} with what it returned.
 */
public final class Storage {
    private final StorageConfig config;
    private final String target;
    private final HikariDataSource dataSource;
    private final SqlDatabase database;
    private final SqlOutbox outbox;
    private final SqlIdentityRepository identities;
    private final SchemaMigrator migrator;
    private final StorageTuning tuning;
    private final Logger logger;
    /** This run's id in the outbox rows it owns, and the name of its liveness lock. */
    private final String runId = UUID.randomUUID().toString();
    private final RunLock runLock;
    private final RunLiveness liveness;
    private final NetworkStore network;
    private long nextStartAttemptNanos;
    private long nextHeartbeatNanos;

    private Storage(StorageConfig config, Path dataFolder, Clock clock, StorageTuning tuning, Logger logger) {
        this.config = config;
        this.tuning = tuning;
        this.logger = logger;
        SqlDialect dialect = SqlDialect.of(config.type());
        Tables tables = new Tables(config.tablePrefix());
        this.target = config.type() == StorageType.H2
                ? "h2 file " + dataFolder.toAbsolutePath().resolve(config.database()) + ".mv.db"
                : config.describeTarget();
        this.dataSource = new HikariDataSource(poolConfig(config, dialect, dialect.jdbcUrl(config, dataFolder), tuning));
        StorageHealth health = new StorageHealth(logger, clock, target);
        this.database = new SqlDatabase(dialect, tables, dataSource, health, clock,
                Executors.newSingleThreadScheduledExecutor(named("CadBridge-Storage-Writer")),
                Executors.newFixedThreadPool(config.poolSize(), named("CadBridge-Storage-Query-")),
                tuning.connectionTimeout().plus(tuning.migrationLockWait()));
        this.migrator = new SchemaMigrator(dialect, tables, dialect.schemaLock(config, tables), tuning.migrationLockWait(),
                tuning.queryTimeout(), clock);
        this.runLock = dialect.runLock();
        this.liveness = new RunLiveness(runLock, runId, dataSource, dataSource::evictConnection);
        this.outbox = new SqlOutbox(database, new OutboxBacklog(tuning.backlogLimit()), config.serverName(), runId, runLock, logger);
        this.identities = new SqlIdentityRepository(database);
        this.network = new NetworkStore(database, outbox, runLock, runId, config, dataSource, dataSource::evictConnection,
                NETWORK_ELECTION_SILENCE, tuning.silenceTimeout(), logger);
    }

    /** How long a sender waits for its election connection to answer before it stops sending. */
    static final Duration NETWORK_ELECTION_SILENCE = Duration.ofSeconds(2);

    /**
     * Creates the storage and returns at once; connecting and migrating happen on the storage
     * thread, retried until the database answers (see {@link #ready()} and {@link #status()}).
     * {@code dataFolder} is the plugin folder, where the H2 file lives.
     */
    public static Storage start(StorageConfig config, Path dataFolder, Logger logger) {
        return start(config, dataFolder, Clock.systemUTC(), StorageTuning.defaults(), logger);
    }

    public static Storage start(StorageConfig config, Path dataFolder, Clock clock, StorageTuning tuning, Logger logger) {
        Storage storage = new Storage(config, dataFolder, clock, tuning, logger);
        storage.database.writer.scheduleWithFixedDelay(storage::tick, 0, tuning.flushInterval().toNanos(), TimeUnit.NANOSECONDS);
        return storage;
    }

    /** Completes when the schema is migrated and identities can be queried. Never fails; it waits for the database. */
    public CompletableFuture<Void> ready() {
        return database.ready.copy();
    }

    public IdentityRepository identities() {
        return identities;
    }

    /** The dispatcher's {@link dev.cadbridge.outbound.OutboxListener}, and the start-up replay. */
    public SqlOutbox outbox() {
        return outbox;
    }

    /** Network mode's use of this database (MariaDB/MySQL and PostgreSQL only). */
    public NetworkStore network() {
        return network;
    }

    public StorageType type() {
        return config.type();
    }

    public StorageStatus status() {
        return new StorageStatus(config.type(), target, database.health.connection(), database.ready.isDone(),
                database.health.lastError(), database.health.lastErrorAt(), outbox.backlogSize(), outbox.notPersisted());
    }

    /**
     * Clean stop, for plugin disable (the only place blocking the server thread is acceptable, hence
     * the bound): records {@code stillPending} (what {@code dispatcher.close} handed back), writes
     * every outstanding outbox change, then stops the threads and the pool. Whatever could not be
     * written within {@code timeout} is reported in the log.
     */
    public void close(List<PendingOperation> stillPending, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        outbox.persistPending(stillPending);
        boolean written = false;
        try {
            written = database.writer.submit(() -> {
                try {
                    return finalFlush(deadline);
                } finally {
                    liveness.release();
                }
            }).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            logger.log(Level.FINE, "final outbox write did not finish", e);
        }
        if (!written) {
            logger.severe("Storage stopped with " + outbox.unwrittenCount() + " outbox change(s) not written ("
                    + (database.health.lastError() == null ? "timed out" : database.health.lastError())
                    + "); operations among them are lost if they were not yet delivered");
        }
        int refused = outbox.refusedCount();
        if (refused > 0) {
            logger.severe(refused + " CAD operation(s) the database refused to store (each was logged with the reason) are not"
                    + " stored; they are lost if they were not yet delivered");
        }
        database.writer.shutdownNow();
        database.queries.shutdownNow();
        awaitQuietly(database.writer, deadline);
        awaitQuietly(database.queries, deadline);
        dataSource.close();
        runLock.ended(runId);
        PluginDrivers.deregister(Storage.class.getClassLoader(), logger);
    }

    /**
     * Stops at once without writing anything, as a killed server would: its connections close, so
     * the database ends its sessions and its liveness lock. For tests of crash recovery.
     */
    void abandon() {
        database.writer.shutdownNow();
        database.queries.shutdownNow();
        dataSource.close();
        runLock.ended(runId);
    }

    private boolean finalFlush(long deadline) {
        outbox.retryRefused();
        while (System.nanoTime() < deadline) {
            if (!database.ready.isDone()) {
                tryStart();
            }
            if (outbox.flush() && !outbox.hasUnwritten()) {
                return true;
            }
            long pause = Math.min(tuning.retryDelay().toNanos(), deadline - System.nanoTime());
            if (pause > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(pause);
            }
        }
        return false;
    }

    private void tick() {
        try {
            if (!database.ready.isDone()) {
                if (System.nanoTime() - nextStartAttemptNanos >= 0) {
                    tryStart();
                }
                return;
            }
            Liveness state = confirmLiveness();
            if (state == Liveness.CANNOT_WRITE) {
                return;
            }
            if (outbox.hasUnwritten()) {
                outbox.flush();
            } else if (state == Liveness.JUST_ANSWERED) {
                // Only with nothing to write: otherwise the write decides, so a write that keeps
                // failing while the heartbeat answers does not flap the status and the log.
                database.health.succeeded();
            }
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again; keep the writer alive.
            logger.log(Level.WARNING, "Storage writer hit an unexpected error; it keeps running", e);
        }
    }

    private enum Liveness {
        /** The database does not answer (the outage is recorded), or this run does not hold its lock. */
        CANNOT_WRITE,
        HELD,
        /** Held, and the heartbeat just got an answer. */
        JUST_ANSWERED
    }

    /**
     * Asks the liveness lock's connection for a sign of life every heartbeat interval, so a
     * database that goes silent while nothing is written shows as unavailable too, and takes the
     * lock again (paced by the retry delay) when it was lost with its connection.
     */
    private Liveness confirmLiveness() {
        long now = System.nanoTime();
        if (liveness.held() && now - nextHeartbeatNanos < 0) {
            return Liveness.HELD;
        }
        if (!liveness.held() && now - nextStartAttemptNanos < 0) {
            return Liveness.CANNOT_WRITE;
        }
        try {
            boolean held = liveness.confirm();
            nextHeartbeatNanos = System.nanoTime() + tuning.heartbeatInterval().toNanos();
            if (!held) {
                nextStartAttemptNanos = System.nanoTime() + tuning.retryDelay().toNanos();
                return Liveness.CANNOT_WRITE;
            }
            return Liveness.JUST_ANSWERED;
        } catch (SQLException | RuntimeException e) {
            database.health.failed(e);
            nextStartAttemptNanos = System.nanoTime() + tuning.retryDelay().toNanos();
            return Liveness.CANNOT_WRITE;
        }
    }

    private void tryStart() {
        try {
            List<Integer> applied = database.withConnection(migrator::migrate);
            if (!liveness.confirm()) {
                throw new IllegalStateException("this run's liveness lock is held by another session");
            }
            nextHeartbeatNanos = System.nanoTime() + tuning.heartbeatInterval().toNanos();
            database.ready.complete(null);
            logger.info("Storage ready: " + target + (applied.isEmpty() ? "" : " (schema migrated to version " + applied.getLast() + ")"));
        } catch (SQLException | RuntimeException e) {
            database.health.failed(e);
            nextStartAttemptNanos = System.nanoTime() + tuning.retryDelay().toNanos();
        }
    }

    private static HikariConfig poolConfig(StorageConfig config, SqlDialect dialect, String jdbcUrl, StorageTuning tuning) {
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("CadBridge-DB");
        pool.setDriverClassName(dialect.driverClassName());
        pool.setJdbcUrl(jdbcUrl);
        if (config.type() != StorageType.H2) {
            pool.setUsername(config.user());
            pool.setPassword(config.password());
        }
        // Writer + query threads + one for the replay/migration running beside them + the liveness lock's
        // + network mode's election connection and its worker.
        pool.setMaximumPoolSize(config.poolSize() + 5);
        pool.setMinimumIdle(1);
        pool.setConnectionTimeout(tuning.connectionTimeout().toMillis());
        pool.setValidationTimeout(Math.max(250, Math.min(tuning.connectionTimeout().toMillis(), tuning.silenceTimeout().toMillis())));
        // Touch idle connections so a firewall does not silently forget them (30 s is Hikari's minimum).
        pool.setKeepaliveTime(Duration.ofSeconds(30).toMillis());
        dialect.driverProperties(tuning).forEach(pool::addDataSourceProperty);
        pool.setConnectionInitSql(dialect.sessionSetup(tuning));
        // Never fail or block construction when the database is down; the writer retries.
        pool.setInitializationFailTimeout(-1);
        return pool;
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        boolean numbered = prefix.endsWith("-");
        return runnable -> {
            Thread thread = new Thread(runnable, numbered ? prefix + count.incrementAndGet() : prefix);
            thread.setDaemon(true);
            return thread;
        };
    }

    private static void awaitQuietly(ExecutorService executor, long deadline) {
        try {
            executor.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
