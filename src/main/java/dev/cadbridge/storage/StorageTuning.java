package dev.cadbridge.storage;

import java.time.Duration;

/**
 * Timings and bounds of the storage layer. The defaults keep the promise that an operation accepted
 * more than one second before a crash is on disk: the outbox is written every 100 ms.
 *
 * @param flushInterval      how often outbox changes are written (a group commit)
 * @param retryDelay         pause after a failed connect or migration before trying again
 * @param connectionTimeout  how long one attempt to get a connection may take
 * @param migrationLockWait  how long to wait for another server that is migrating the same tables
 * @param backlogLimit       outbox changes kept in memory while the database is unreachable
 */
public record StorageTuning(
        Duration flushInterval,
        Duration retryDelay,
        Duration connectionTimeout,
        Duration migrationLockWait,
        int backlogLimit) {

    public StorageTuning {
        requirePositive("flushInterval", flushInterval);
        requirePositive("retryDelay", retryDelay);
        requirePositive("connectionTimeout", connectionTimeout);
        requirePositive("migrationLockWait", migrationLockWait);
        if (backlogLimit < 1) {
            throw new IllegalArgumentException("backlogLimit: must be at least 1, got " + backlogLimit);
        }
    }

    public static StorageTuning defaults() {
        return new StorageTuning(Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofSeconds(60), 50_000);
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + ": must be positive, got " + value);
        }
    }
}
