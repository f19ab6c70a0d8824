package dev.cadbridge.live;

import dev.cadbridge.platform.TaskHandle;
import java.time.Duration;

/** Where the live session runs its own work (reconnects, timeouts, closing connections): never the server thread. */
public interface LiveScheduler {
    TaskHandle schedule(Runnable task, Duration delay);

    default void execute(Runnable task) {
        schedule(task, Duration.ZERO);
    }

    /** Stops the scheduler's threads, waiting at most {@code wait} for the running task. */
    void shutdown(Duration wait);
}
