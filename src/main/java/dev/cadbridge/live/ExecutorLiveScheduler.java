package dev.cadbridge.live;

import dev.cadbridge.platform.TaskHandle;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** One daemon thread, "CadBridge-Live". */
public final class ExecutorLiveScheduler implements LiveScheduler {
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "CadBridge-Live");
        thread.setDaemon(true);
        return thread;
    });

    @Override
    public TaskHandle schedule(Runnable task, Duration delay) {
        try {
            ScheduledFuture<?> future = executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
            return () -> future.cancel(false);
        } catch (RejectedExecutionException e) {
            return TaskHandle.NONE; // shut down: nothing more runs
        }
    }

    @Override
    public void shutdown(Duration wait) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
