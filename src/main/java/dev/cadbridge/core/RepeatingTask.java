package dev.cadbridge.core;

import dev.cadbridge.platform.Platform;
import dev.cadbridge.platform.TaskHandle;
import java.time.Duration;

/** A task on the server thread every so often; a new period restarts it, the same one leaves it alone, zero stops it. */
final class RepeatingTask {
    private final Platform platform;
    private final Runnable task;
    private TaskHandle handle = TaskHandle.NONE;
    private Duration period;

    RepeatingTask(Platform platform, Runnable task) {
        this.platform = platform;
        this.task = task;
    }

    void every(Duration newPeriod) {
        if (newPeriod.equals(period)) {
            return;
        }
        handle.cancel();
        period = newPeriod;
        handle = newPeriod.isZero() ? TaskHandle.NONE : platform.runRepeating(task, newPeriod);
    }

    void cancel() {
        handle.cancel();
    }
}
