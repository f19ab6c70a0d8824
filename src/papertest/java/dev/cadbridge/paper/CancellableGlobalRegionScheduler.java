package dev.cadbridge.paper;

import io.papermc.paper.threadedregions.scheduler.GlobalRegionScheduler;
import io.papermc.paper.threadedregions.scheduler.ScheduledTask;
import java.util.function.Consumer;
import org.bukkit.plugin.Plugin;
import org.bukkit.scheduler.BukkitTask;
import org.mockbukkit.mockbukkit.scheduler.BukkitSchedulerMock;

/**
 * Paper's global region scheduler on MockBukkit's tick loop. MockBukkit's own one returns tasks
 * whose {@code cancel()} is not implemented; a real server's can be cancelled, and CadBridge
 * cancels its AFK timer and link polls, so this one keeps the Bukkit task to cancel.
 */
final class CancellableGlobalRegionScheduler implements GlobalRegionScheduler {
    private final BukkitSchedulerMock scheduler;

    CancellableGlobalRegionScheduler(BukkitSchedulerMock scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public void execute(Plugin plugin, Runnable run) {
        scheduler.runTask(plugin, run);
    }

    @Override
    public ScheduledTask run(Plugin plugin, Consumer<ScheduledTask> task) {
        Task scheduled = new Task(plugin, task, false);
        scheduled.bukkit = scheduler.runTask(plugin, scheduled::runOnce);
        return scheduled;
    }

    @Override
    public ScheduledTask runDelayed(Plugin plugin, Consumer<ScheduledTask> task, long delayTicks) {
        if (delayTicks < 1) {
            throw new IllegalArgumentException("Delay ticks may not be <= 0"); // as on Paper
        }
        Task scheduled = new Task(plugin, task, false);
        scheduled.bukkit = scheduler.runTaskLater(plugin, scheduled::runOnce, delayTicks);
        return scheduled;
    }

    @Override
    public ScheduledTask runAtFixedRate(Plugin plugin, Consumer<ScheduledTask> task, long initialDelayTicks, long periodTicks) {
        if (initialDelayTicks < 1 || periodTicks < 1) {
            throw new IllegalArgumentException("Initial delay and period ticks may not be <= 0"); // as on Paper
        }
        Task scheduled = new Task(plugin, task, true);
        scheduled.bukkit = scheduler.runTaskTimer(plugin, scheduled::runOnce, initialDelayTicks, periodTicks);
        return scheduled;
    }

    @Override
    public void cancelTasks(Plugin plugin) {
        scheduler.cancelTasks(plugin);
    }

    private static final class Task implements ScheduledTask {
        private final Plugin plugin;
        private final Consumer<ScheduledTask> body;
        private final boolean repeating;
        private volatile BukkitTask bukkit;
        private volatile ExecutionState state = ExecutionState.IDLE;

        Task(Plugin plugin, Consumer<ScheduledTask> body, boolean repeating) {
            this.plugin = plugin;
            this.body = body;
            this.repeating = repeating;
        }

        void runOnce() {
            if (state == ExecutionState.CANCELLED) {
                return;
            }
            state = ExecutionState.RUNNING;
            body.accept(this);
            if (state == ExecutionState.RUNNING) {
                state = repeating ? ExecutionState.IDLE : ExecutionState.FINISHED;
            } else if (state == ExecutionState.CANCELLED_RUNNING) {
                state = ExecutionState.CANCELLED;
            }
        }

        @Override
        public Plugin getOwningPlugin() {
            return plugin;
        }

        @Override
        public boolean isRepeatingTask() {
            return repeating;
        }

        @Override
        public CancelledState cancel() {
            ExecutionState before = state;
            switch (before) {
                case CANCELLED, CANCELLED_RUNNING -> {
                    return CancelledState.CANCELLED_ALREADY;
                }
                case FINISHED -> {
                    return CancelledState.ALREADY_EXECUTED;
                }
                default -> { }
            }
            state = before == ExecutionState.RUNNING ? ExecutionState.CANCELLED_RUNNING : ExecutionState.CANCELLED;
            BukkitTask underlying = bukkit;
            if (underlying != null) {
                underlying.cancel();
            }
            if (before == ExecutionState.RUNNING) {
                return repeating ? CancelledState.NEXT_RUNS_CANCELLED : CancelledState.RUNNING;
            }
            return CancelledState.CANCELLED_BY_CALLER;
        }

        @Override
        public ExecutionState getExecutionState() {
            return state;
        }
    }
}
