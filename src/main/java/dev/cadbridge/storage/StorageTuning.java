package dev.cadbridge.storage;

import java.time.Duration;

/**
 * Timings and bounds of the storage layer. The defaults keep the promise that an operation accepted
 * more than one second before a crash is on disk: the outbox is written every 100 ms. They also
 * keep the promise that a database that goes silent (power loss, a firewall dropping packets: no
 * reset ever arrives) counts as unreachable within {@link #silentDatabaseDetection()}, 20 s.
 *
 * @param flushInterval      how often outbox changes are written (a group commit)
 * @param retryDelay         pause after a failed connect or migration before trying again
 * @param connectionTimeout  how long one attempt to get a connection may take, opening it included
 * @param migrationLockWait  how long to wait for another server that is migrating the same tables
 * @param backlogLimit       outbox changes kept in memory while the database is unreachable
 * @param queryTimeout       longest a statement may run; the database itself cancels it (a lock
 *                           wait included), so a stuck but answering database is told apart from
 *                           a silent one
 * @param silenceTimeout     longest a networked database may leave a request unanswered before
 *                           the connection counts as lost (the driver's socket timeout); longer
 *                           than {@code queryTimeout}
 * @param heartbeatInterval  how often this run's liveness lock connection is asked for a sign of
 *                           life while nothing else is written, so an idle outage shows too
 */
public record StorageTuning(
        Duration flushInterval,
        Duration retryDelay,
        Duration connectionTimeout,
        Duration migrationLockWait,
        int backlogLimit,
        Duration queryTimeout,
        Duration silenceTimeout,
        Duration heartbeatInterval) {

    private static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration DEFAULT_SILENCE_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(5);

    public StorageTuning {
        requirePositive("flushInterval", flushInterval);
        requirePositive("retryDelay", retryDelay);
        requirePositive("connectionTimeout", connectionTimeout);
        requirePositive("migrationLockWait", migrationLockWait);
        if (backlogLimit < 1) {
            throw new IllegalArgumentException("backlogLimit: must be at least 1, got " + backlogLimit);
        }
        // Whole seconds: PostgreSQL's driver takes its socket timeout in seconds.
        requireWholeSeconds("silenceTimeout", silenceTimeout);
        requirePositive("queryTimeout", queryTimeout);
        requirePositive("heartbeatInterval", heartbeatInterval);
        if (queryTimeout.compareTo(silenceTimeout) >= 0) {
            throw new IllegalArgumentException("queryTimeout (" + queryTimeout + ") must be shorter than silenceTimeout ("
                    + silenceTimeout + "): a statement the database cancels must not look like a lost connection");
        }
    }

    /** The timings above with the default network timeouts. */
    public StorageTuning(Duration flushInterval, Duration retryDelay, Duration connectionTimeout, Duration migrationLockWait,
                         int backlogLimit) {
        this(flushInterval, retryDelay, connectionTimeout, migrationLockWait, backlogLimit,
                DEFAULT_QUERY_TIMEOUT, DEFAULT_SILENCE_TIMEOUT, DEFAULT_HEARTBEAT_INTERVAL);
    }

    public static StorageTuning defaults() {
        return new StorageTuning(Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofSeconds(60), 50_000);
    }

    /** These timings with other network timeouts (tests use short ones). */
    public StorageTuning withNetworkTimeouts(Duration query, Duration silence, Duration heartbeat) {
        return new StorageTuning(flushInterval, retryDelay, connectionTimeout, migrationLockWait, backlogLimit,
                query, silence, heartbeat);
    }

    /**
     * The longest a silent database can keep counting as reachable: a statement in flight waits
     * {@code silenceTimeout}; with nothing in flight the next heartbeat starts within
     * {@code heartbeatInterval} and waits as long.
     */
    public Duration silentDatabaseDetection() {
        return heartbeatInterval.plus(silenceTimeout);
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + ": must be positive, got " + value);
        }
    }

    private static void requireWholeSeconds(String name, Duration value) {
        requirePositive(name, value);
        if (value.toMillis() % 1000 != 0) {
            throw new IllegalArgumentException(name + ": must be whole seconds, got " + value);
        }
    }
}
