package dev.cadbridge.afk;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Decides who is away. Activity is recorded from event handlers (chat arrives off the server
 * thread, so recording is a lock-free write); {@link #check} runs on the server thread, once per
 * check interval, and is the only place episodes advance: one warning, then one kick, per episode.
 * An episode ends with the next activity.
 */
public final class AfkTracker {

    /** What {@link #check} wants done for a player. */
    public enum Decision { NOTHING, WARN, KICK }

    private final Clock clock;
    private final ConcurrentMap<UUID, Tracked> tracked = new ConcurrentHashMap<>();
    private volatile AfkSettings settings;

    private static final class Tracked {
        volatile long lastActivityMillis;
        /** Only touched by {@link #check} on the server thread. */
        boolean exempt;
        boolean warned;
        boolean kicked;

        Tracked(long now, boolean exempt) {
            this.lastActivityMillis = now;
            this.exempt = exempt;
        }
    }

    public AfkTracker(AfkSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    public void updateSettings(AfkSettings newSettings) {
        this.settings = newSettings;
    }

    public AfkSettings settings() {
        return settings;
    }

    /** A player joined: they start active. */
    public void track(UUID playerId, boolean exempt) {
        tracked.put(playerId, new Tracked(clock.millis(), exempt));
    }

    public void untrack(UUID playerId) {
        tracked.remove(playerId);
    }

    public boolean isTracked(UUID playerId) {
        return tracked.containsKey(playerId);
    }

    /** O(1) and allocation-free: called for every block a player walks into. Safe from any thread. */
    public void recordActivity(UUID playerId) {
        Tracked state = tracked.get(playerId);
        if (state != null) {
            state.lastActivityMillis = clock.millis();
        }
    }

    /**
     * Looks at one player. {@code serverIdle} is the server's own idle timer when it has one; the
     * player counts as active when either it or our own record says so.
     */
    public Decision check(UUID playerId, boolean exempt, Optional<Duration> serverIdle) {
        AfkSettings current = settings;
        Tracked state = tracked.get(playerId);
        if (state == null || !current.enabled()) {
            return Decision.NOTHING;
        }
        state.exempt = exempt;
        long idleMillis = clock.millis() - state.lastActivityMillis;
        if (serverIdle.isPresent()) {
            idleMillis = Math.min(idleMillis, serverIdle.get().toMillis());
        }
        if (idleMillis < current.warnAt().toMillis()) {
            state.warned = false;
            state.kicked = false;
            return Decision.NOTHING;
        }
        if (state.exempt || state.kicked) {
            return Decision.NOTHING;
        }
        if (idleMillis >= current.timeout().toMillis()) {
            state.kicked = true;
            state.warned = true;
            return Decision.KICK;
        }
        if (!state.warned && !current.warnBefore().isZero()) {
            state.warned = true;
            return Decision.WARN;
        }
        return Decision.NOTHING;
    }

    /** How long the player has been idle by our own record, for the warning text and the kick event. */
    public Duration idleFor(UUID playerId) {
        Tracked state = tracked.get(playerId);
        return state == null ? Duration.ZERO : Duration.ofMillis(clock.millis() - state.lastActivityMillis);
    }
}
