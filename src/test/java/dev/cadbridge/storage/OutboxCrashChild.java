package dev.cadbridge.storage;

import dev.cadbridge.outbound.PendingOperation;
import dev.cadbridge.sonoran.KickUnit;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Logger;

/**
 * Run in a separate JVM by the crash test, which kills it with SIGKILL: feeds the outbox a steady
 * stream of operations and prints each id once {@code accepted} has returned.
 * Arguments: storage type, table prefix, server name, data folder.
 */
public final class OutboxCrashChild {
    private OutboxCrashChild() {}

    public static void main(String[] args) {
        StorageType type = StorageType.valueOf(args[0]);
        StorageConfig config = TestDatabases.config(type, args[1], args[2]);
        Storage storage = Storage.start(config, Path.of(args[3]), Clock.systemUTC(), StorageTuning.defaults(),
                Logger.getLogger("crash-child"));
        storage.ready().join();
        System.out.println("READY");
        System.out.flush();
        Clock clock = Clock.systemUTC();
        for (int i = 0; ; i++) {
            // A lifetime far beyond the test, so the parent's replay sees every row as unexpired.
            PendingOperation kick = new PendingOperation(UUID.randomUUID(), new KickUnit("unit-" + i, "crash test"),
                    clock.instant(), clock.instant().plus(Duration.ofDays(3650)));
            storage.outbox().accepted(kick);
            System.out.println("ACCEPTED " + kick.id());
            System.out.flush();
            // Pace the stream: a few hundred operations per second, like a busy server.
            LockSupport.parkNanos(Duration.ofMillis(3).toNanos());
        }
    }
}
