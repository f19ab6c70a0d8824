package dev.cadbridge.live;

import dev.cadbridge.platform.TaskHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs immediate work at once on one real thread, and holds delayed work until the test says:
 * {@link #runReconnects()} starts the held attempts, {@link #fireTimeouts()} the authentication
 * timeouts. Remembers every delay asked for.
 */
final class ManualLiveScheduler implements LiveScheduler {
    private final ExecutorService thread = Executors.newSingleThreadExecutor(task -> {
        Thread t = new Thread(task, "test-live");
        t.setDaemon(true);
        return t;
    });
    private final List<Held> held = new CopyOnWriteArrayList<>();
    final List<Duration> delays = new CopyOnWriteArrayList<>();

    private static final class Held {
        final Runnable task;
        final Duration delay;
        volatile boolean cancelled;

        Held(Runnable task, Duration delay) {
            this.task = task;
            this.delay = delay;
        }
    }

    @Override
    public TaskHandle schedule(Runnable task, Duration delay) {
        if (delay.isZero()) {
            thread.execute(task);
            return TaskHandle.NONE;
        }
        delays.add(delay);
        Held entry = new Held(task, delay);
        held.add(entry);
        return () -> entry.cancelled = true;
    }

    /** The reconnect delays asked for so far (every delay but the authentication timeout). */
    List<Duration> reconnectDelays() {
        return delays.stream().filter(d -> !d.equals(LiveSession.AUTHENTICATION_TIMEOUT)).toList();
    }

    int heldReconnects() {
        return (int) held.stream().filter(h -> !h.cancelled && !h.delay.equals(LiveSession.AUTHENTICATION_TIMEOUT)).count();
    }

    void runReconnects() {
        run(h -> !h.delay.equals(LiveSession.AUTHENTICATION_TIMEOUT));
    }

    void fireTimeouts() {
        run(h -> h.delay.equals(LiveSession.AUTHENTICATION_TIMEOUT));
    }

    private void run(java.util.function.Predicate<Held> which) {
        List<Held> due = new ArrayList<>();
        for (Held h : held) {
            if (which.test(h)) {
                due.add(h);
            }
        }
        held.removeAll(due);
        for (Held h : due) {
            if (!h.cancelled) {
                thread.execute(h.task);
            }
        }
    }

    @Override
    public void shutdown(Duration wait) {
        thread.shutdown();
        try {
            thread.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
