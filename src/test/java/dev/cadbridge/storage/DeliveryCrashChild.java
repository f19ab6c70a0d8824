package dev.cadbridge.storage;

import dev.cadbridge.outbound.SonoranDispatcher;
import dev.cadbridge.sonoran.KickUnit;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Logger;

/**
 * Run in a separate JVM by the delivery crash test, which kills it with SIGKILL: a server with
 * storage and the real dispatcher, submitting kicks and new dispatches to the sandbox without pause.
 * Arguments: storage type, table prefix, server name, data folder, sandbox port, API key.
 */
public final class DeliveryCrashChild {
    private DeliveryCrashChild() {}

    public static void main(String[] args) {
        StorageConfig config = TestDatabases.config(StorageType.valueOf(args[0]), args[1], args[2]);
        Logger logger = Logger.getLogger("delivery-crash-child");
        Storage storage = Storage.start(config, Path.of(args[3]), Clock.systemUTC(), StorageTuning.defaults(), logger);
        storage.ready().join();
        SonoranDispatcher dispatcher = SandboxDispatchers.start(Integer.parseInt(args[4]), args[5], storage.outbox(),
                Clock.systemUTC(), logger);
        System.out.println("READY");
        System.out.flush();
        for (int i = 0; ; i++) {
            if (i % 4 == 3) {
                String title = "Crash call " + i;
                dispatcher.submit(SampleOperations.dispatch(title));
                System.out.println("ACCEPTED NEW_DISPATCH " + title);
            } else {
                String unit = "crash-unit-" + i;
                dispatcher.submit(new KickUnit(unit, "crash test"));
                System.out.println("ACCEPTED KICK " + unit);
            }
            System.out.flush();
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
    }
}
