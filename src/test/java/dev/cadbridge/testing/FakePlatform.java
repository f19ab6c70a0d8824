package dev.cadbridge.testing;

import dev.cadbridge.sandbox.MutableClock;
import dev.cadbridge.platform.Platform;
import dev.cadbridge.platform.PlatformPlayer;
import dev.cadbridge.platform.TaskHandle;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * A server for tests. "Main thread" work is queued and runs when the test calls
 * {@link #runMainTasks()} or {@link #advance(Duration)}, the way the real scheduler runs it on a
 * later tick; timed tasks follow a {@link MutableClock}.
 */
public final class FakePlatform implements Platform {
    private final MutableClock clock;
    private final Map<UUID, FakePlayer> online = new LinkedHashMap<>();
    /** Everyone who has joined, by lower-case name: the server's cache of players it has seen. */
    private final Map<String, UUID> seen = new LinkedHashMap<>();
    private final Queue<Runnable> mainQueue = new ConcurrentLinkedQueue<>();
    private final List<Scheduled> scheduled = new ArrayList<>();
    private final Logger logger;
    private final List<LogRecord> logRecords = new CopyOnWriteArrayList<>();
    private final List<String> afkKickEvents = new CopyOnWriteArrayList<>();
    private BiFunction<PlatformPlayer, String, Optional<String>> afkKickListener = (player, reason) -> Optional.of(reason);
    private volatile Map<String, Object> configFile = Map.of();
    private volatile RuntimeException configReadFailure;
    private volatile Executor asyncExecutor = Runnable::run;
    /** The player whose {@link #runFor} task is running, standing for "on that player's thread" (Folia). */
    private volatile UUID runningFor;

    private static final class Scheduled {
        Instant due;
        final Duration period;
        final Runnable task;
        boolean cancelled;

        Scheduled(Instant due, Duration period, Runnable task) {
            this.due = due;
            this.period = period;
            this.task = task;
        }
    }

    public FakePlatform(MutableClock clock) {
        this.clock = clock;
        this.logger = Logger.getAnonymousLogger();
        logger.setUseParentHandlers(false);
        logger.setLevel(Level.ALL);
        logger.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                logRecords.add(record);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        });
    }

    public MutableClock clock() {
        return clock;
    }

    // ---- players ----

    public FakePlayer join(FakePlayer player) {
        online.put(player.uniqueId(), player);
        seen.put(player.name().toLowerCase(Locale.ROOT), player.uniqueId());
        return player;
    }

    public void leave(FakePlayer player) {
        online.remove(player.uniqueId());
    }

    @Override
    public Collection<? extends PlatformPlayer> onlinePlayers() {
        return List.copyOf(online.values());
    }

    @Override
    public Optional<PlatformPlayer> onlinePlayer(UUID id) {
        return Optional.ofNullable(online.get(id));
    }

    @Override
    public Optional<PlatformPlayer> onlinePlayer(String name) {
        return online.values().stream()
                .filter(player -> player.name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)))
                .map(PlatformPlayer.class::cast)
                .findFirst();
    }

    @Override
    public Optional<UUID> knownPlayerId(String name) {
        return Optional.ofNullable(seen.get(name.toLowerCase(Locale.ROOT)));
    }

    // ---- scheduling ----

    @Override
    public void runOnMain(Runnable task) {
        mainQueue.add(task);
    }

    /** By default off-thread work runs at once; with this it goes to {@code executor}, as on a real server. */
    public void runAsyncOn(Executor executor) {
        this.asyncExecutor = executor;
    }

    /** Queued with the main-thread work: the fake has one thread for the server and every player. */
    @Override
    public void runFor(PlatformPlayer player, Runnable task) {
        mainQueue.add(() -> {
            if (online.containsKey(player.uniqueId())) {
                runningFor = player.uniqueId();
                try {
                    task.run();
                } finally {
                    runningFor = null;
                }
            }
        });
    }

    /** Whether the code running now was handed to {@link #runFor} for this player. */
    public boolean isRunningFor(UUID playerId) {
        return playerId.equals(runningFor);
    }

    @Override
    public void runAsync(Runnable task) {
        asyncExecutor.execute(task);
    }

    @Override
    public TaskHandle runLater(Runnable task, Duration delay) {
        Scheduled entry = new Scheduled(clock.instant().plus(delay), null, task);
        scheduled.add(entry);
        return () -> entry.cancelled = true;
    }

    @Override
    public TaskHandle runRepeating(Runnable task, Duration period) {
        Scheduled entry = new Scheduled(clock.instant().plus(period), period, task);
        scheduled.add(entry);
        return () -> entry.cancelled = true;
    }

    /** Runs queued main-thread work until none is left. */
    public void runMainTasks() {
        Runnable next;
        while ((next = mainQueue.poll()) != null) {
            next.run();
        }
    }

    /** Moves time forward in steps of at most one second, running what falls due on the way. */
    public void advance(Duration duration) {
        Instant end = clock.instant().plus(duration);
        runMainTasks();
        while (clock.instant().isBefore(end)) {
            Duration step = Duration.between(clock.instant(), end);
            if (step.compareTo(Duration.ofSeconds(1)) > 0) {
                step = Duration.ofSeconds(1);
            }
            clock.advance(step);
            runDueTasks();
            runMainTasks();
        }
    }

    private void runDueTasks() {
        List<Scheduled> due = scheduled.stream()
                .filter(entry -> !entry.cancelled && !entry.due.isAfter(clock.instant()))
                .sorted(Comparator.comparing(entry -> entry.due))
                .toList();
        for (Scheduled entry : due) {
            if (entry.period == null) {
                scheduled.remove(entry);
            } else {
                entry.due = entry.due.plus(entry.period);
            }
            entry.task.run();
        }
        scheduled.removeIf(entry -> entry.cancelled);
    }

    public long activeRepeatingTasks() {
        return scheduled.stream().filter(entry -> entry.period != null && !entry.cancelled).count();
    }

    // ---- logging ----

    @Override
    public Logger logger() {
        return logger;
    }

    public List<String> log() {
        return logRecords.stream().map(record -> record.getLevel() + " " + record.getMessage()
                + (record.getThrown() == null ? "" : " " + record.getThrown())).toList();
    }

    public String logText() {
        return String.join("\n", log());
    }

    // ---- AFK event ----

    /** {@code listener} gets the player and reason; returns the reason to send, or empty to cancel. */
    public void onAfkKick(BiFunction<PlatformPlayer, String, Optional<String>> listener) {
        this.afkKickListener = listener;
    }

    @Override
    public Optional<String> announceAfkKick(PlatformPlayer player, Duration idle, String reason) {
        afkKickEvents.add(player.name());
        return afkKickListener.apply(player, reason);
    }

    public List<String> afkKickEvents() {
        return afkKickEvents;
    }

    // ---- config ----

    public void configFile(Map<String, Object> tree) {
        this.configFile = tree;
        this.configReadFailure = null;
    }

    public void configFileUnreadable(RuntimeException failure) {
        this.configReadFailure = failure;
    }

    @Override
    public Map<String, Object> readConfigFile() {
        if (configReadFailure != null) {
            throw configReadFailure;
        }
        return configFile;
    }

    @Override
    public String configFileLocation() {
        return "plugins/CadBridge/config.yml";
    }
}
