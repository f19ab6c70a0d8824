package dev.cadbridge.live;

import com.google.gson.JsonArray;
import dev.cadbridge.platform.Platform;
import dev.cadbridge.platform.PlatformPlayer;
import dev.cadbridge.platform.PositionSample;
import dev.cadbridge.platform.TaskHandle;
import dev.cadbridge.sonoran.UpdateUnitLocations.UnitLocation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Streams the positions of online players whose CAD units are logged in to the CAD's live map.
 *
 * <p>Sampling ({@link #samplePass}) runs on the server thread, or on each player's region on Folia:
 * it reads each on-duty player's position into a reused {@link PositionSample} and, only when they
 * moved, queues a new update, replacing any older one of theirs not yet sent. A player who did not
 * move costs a few comparisons and no allocation.
 *
 * <p>Sending runs on the live session's own thread: through the hub's {@code unitLocation}, at most
 * {@value #MAX_PER_CALL} updates per call and one call per {@link #HUB_PACE}, oldest-queued first;
 * while the hub is down, through the HTTP route (12 a minute) once per {@link #REST_PACE} with the
 * newest position of each player.
 */
public final class LiveMap {
    public static final int MAX_PER_CALL = 25;
    static final Duration HUB_PACE = Duration.ofMillis(250);
    static final Duration REST_PACE = Duration.ofSeconds(5);
    /** Most updates one HTTP request carries; more wait for the next one. */
    static final int MAX_PER_REQUEST = 100;
    /** Smaller moves than this (blocks) and turns (degrees) are not worth an update. */
    static final double MOVE_THRESHOLD = 0.5;
    static final float TURN_THRESHOLD = 15f;

    private final Platform platform;
    private final UnitCache units;
    private final Function<PlatformPlayer, String> cadIdOf;
    private volatile LiveSettings.MapSettings settings;

    /** Where a player was when last sampled; the location text is written on the sending thread, not the server's. */
    private record Position(String cadId, String world, double x, double y, double z, float yaw) {}

    private final Map<UUID, Position> newest = new ConcurrentHashMap<>();
    private final Queue<UUID> order = new ConcurrentLinkedQueue<>();

    // server thread only
    private Map<UUID, CadUnit> trackedFrom = Map.of();
    private Tracker[] trackers = new Tracker[0];

    public LiveMap(Platform platform, UnitCache units, Function<PlatformPlayer, String> cadIdOf, LiveSettings.MapSettings settings) {
        this.platform = platform;
        this.units = units;
        this.cadIdOf = cadIdOf;
        this.settings = settings;
    }

    public void updateSettings(LiveSettings.MapSettings newSettings) {
        this.settings = newSettings;
    }

    /** One player's sampler; runs on the thread that owns the player. */
    private final class Tracker implements Runnable {
        final PlatformPlayer player;
        final UUID playerId;
        final String cadId;
        final PositionSample sample = new PositionSample();
        String lastWorld;
        double lastX;
        double lastY;
        double lastZ;
        float lastYaw;

        Tracker(PlatformPlayer player, String cadId) {
            this.player = player;
            this.playerId = player.uniqueId();
            this.cadId = cadId;
        }

        @Override
        public void run() {
            PositionSample at = sample;
            player.samplePosition(at);
            if (at.world == lastWorld && Math.abs(at.x - lastX) < MOVE_THRESHOLD && Math.abs(at.y - lastY) < MOVE_THRESHOLD
                    && Math.abs(at.z - lastZ) < MOVE_THRESHOLD && Math.abs(at.yaw - lastYaw) < TURN_THRESHOLD) {
                return;
            }
            lastWorld = at.world;
            lastX = at.x;
            lastY = at.y;
            lastZ = at.z;
            lastYaw = at.yaw;
            queue(playerId, new Position(cadId, at.world, at.x, at.y, at.z, at.yaw));
        }
    }

    /** The CAD's map is flat (x, y) with height z; Minecraft's height is y. Facing 0-360, 0 = south, clockwise. */
    private UnitLocation toUpdate(Position at) {
        LiveSettings.MapSettings current = settings;
        String template = current.locationTemplate();
        if (template.contains("{place}")) {
            template = template.replace("{place}", current.nearestPlace(at.x(), at.z()));
        }
        String location = template
                .replace("{world}", at.world())
                .replace("{x}", Long.toString((long) Math.floor(at.x())))
                .replace("{y}", Long.toString((long) Math.floor(at.y())))
                .replace("{z}", Long.toString((long) Math.floor(at.z())));
        return new UnitLocation(at.cadId(), location, at.x(), at.z(), at.y(), heading(at.yaw()));
    }

    private static double heading(float yaw) {
        double degrees = yaw % 360;
        return degrees < 0 ? degrees + 360 : degrees;
    }

    private void queue(UUID playerId, Position update) {
        if (newest.put(playerId, update) == null) {
            order.add(playerId);
        }
    }

    /**
     * One sampling pass over the on-duty players. Server (global) thread; allocates only when the
     * set of on-duty players changed or a player moved.
     */
    public void samplePass() {
        if (!settings.enabled()) {
            return;
        }
        Map<UUID, CadUnit> onDuty = units.onDuty();
        if (onDuty != trackedFrom) {
            retrack(onDuty);
        }
        Tracker[] current = trackers;
        if (platform.playersOnGlobalThread()) {
            for (Tracker tracker : current) {
                tracker.run();
            }
        } else {
            for (Tracker tracker : current) {
                platform.runFor(tracker.player, tracker);
            }
        }
    }

    /** Keeps the trackers of players still on duty (their last position), adds the new ones, drops the rest. */
    private void retrack(Map<UUID, CadUnit> onDuty) {
        Map<UUID, Tracker> old = new HashMap<>();
        for (Tracker tracker : trackers) {
            old.put(tracker.playerId, tracker);
        }
        List<Tracker> next = new ArrayList<>();
        for (Map.Entry<UUID, CadUnit> entry : onDuty.entrySet()) {
            Tracker kept = old.remove(entry.getKey());
            if (kept != null) {
                next.add(kept);
                continue;
            }
            platform.onlinePlayer(entry.getKey()).ifPresent(player -> {
                String cadId = entry.getValue().communityUserId().isEmpty() ? cadIdOf.apply(player) : entry.getValue().communityUserId();
                next.add(new Tracker(player, cadId));
            });
        }
        old.keySet().forEach(newest::remove);
        trackers = next.toArray(new Tracker[0]);
        trackedFrom = onDuty;
    }

    /** Updates waiting to be sent. */
    public int pending() {
        return newest.size();
    }

    /** At most {@code max} queued updates, oldest-queued first, each the newest of its player. */
    List<UnitLocation> take(int max) {
        List<UnitLocation> batch = new ArrayList<>(Math.min(max, newest.size()));
        UUID next;
        while (batch.size() < max && (next = order.poll()) != null) {
            Position update = newest.remove(next);
            if (update != null) {
                batch.add(toUpdate(update));
            }
        }
        return batch;
    }

    /**
     * Starts sending for one live session, on its scheduler, until that scheduler stops. {@code rest}
     * sends a batch over HTTP while the hub is down.
     */
    public void startSending(LiveScheduler scheduler, Supplier<LiveSession> session,
                             Function<List<UnitLocation>, CompletableFuture<?>> rest) {
        new Sender(scheduler, session, rest).next(HUB_PACE);
    }

    private final class Sender {
        final LiveScheduler scheduler;
        final Supplier<LiveSession> session;
        final Function<List<UnitLocation>, CompletableFuture<?>> rest;
        CompletableFuture<?> inFlight = CompletableFuture.completedFuture(null);
        long inFlightSinceNanos;
        long lastRestNanos = System.nanoTime() - REST_PACE.toNanos();

        Sender(LiveScheduler scheduler, Supplier<LiveSession> session, Function<List<UnitLocation>, CompletableFuture<?>> rest) {
            this.scheduler = scheduler;
            this.session = session;
            this.rest = rest;
        }

        void next(Duration delay) {
            TaskHandle ignored = scheduler.schedule(this::tick, delay);
        }

        void tick() {
            try {
                send();
            } finally {
                next(HUB_PACE);
            }
        }

        private void send() {
            long now = System.nanoTime();
            // a call the hub never answers does not stop the stream: after a few seconds the next one goes
            boolean waiting = !inFlight.isDone() && now - inFlightSinceNanos < REST_PACE.toNanos();
            if (waiting || newest.isEmpty()) {
                return;
            }
            LiveSession live = session.get();
            if (live != null && live.connected()) {
                JsonArray updates = new JsonArray();
                take(MAX_PER_CALL).forEach(update -> updates.add(update.toJson()));
                inFlight = live.invoke("unitLocation", updates);
                inFlightSinceNanos = now;
                return;
            }
            if (now - lastRestNanos < REST_PACE.toNanos()) {
                return;
            }
            lastRestNanos = now;
            inFlight = rest.apply(take(MAX_PER_REQUEST));
            inFlightSinceNanos = now;
        }
    }
}
