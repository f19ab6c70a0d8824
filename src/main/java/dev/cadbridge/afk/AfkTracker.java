package dev.cadbridge.afk;

import dev.cadbridge.config.AfkSettings;
import dev.cadbridge.platform.PlatformPlayer;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Decides who is away. Activity is recorded from event handlers (chat arrives off the server
 * thread, so recording is a lock-free write); once per check interval {@link #needsLook} picks,
 * from our own record alone, the players {@link #check} must look at on their own thread. That
 * check is the only place episodes advance: one warning, then one kick, per episode. An episode
 * ends with the next activity.
 */
public final class AfkTracker {

    /** What {@link #check} wants done for a player. */
    public enum Decision { NOTHING, WARN, KICK }

    private final Clock clock;
    private final ConcurrentMap<UUID, Session> tracked = new ConcurrentHashMap<>();
    private volatile AfkSettings settings;
    /** The clock at the latest {@link #beginPass()} (or construction); what activity is stamped with. */
    private volatile long lastPassMillis;

    /** One player's AFK state for as long as they are online. */
    public static final class Session {
        /** The player as the platform handed it over at join; null when tracked by id alone (tests). */
        private final PlatformPlayer player;
        volatile long lastActivityMillis;
        /** Written only by {@link #check}, on the player's thread; read by {@link #needsLook} on the timer's. */
        volatile boolean warned;
        volatile boolean kicked;

        Session(PlatformPlayer player, long now) {
            this.player = player;
            this.lastActivityMillis = now;
        }

        public PlatformPlayer player() {
            return player;
        }
    }

    public AfkTracker(AfkSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.lastPassMillis = clock.millis();
    }

    public void updateSettings(AfkSettings newSettings) {
        this.settings = newSettings;
    }

    public AfkSettings settings() {
        return settings;
    }

    /** A player known by id alone (tests and tools): they start active; {@link Session#player()} is null. */
    public void track(UUID playerId) {
        tracked.put(playerId, new Session(null, clock.millis()));
    }

    /** A player joined: they start active, and {@link #sessions()} hands them back for each pass. */
    public void track(PlatformPlayer player) {
        tracked.put(player.uniqueId(), new Session(player, clock.millis()));
    }

    /** The tracked players with their sessions, for one pass; a live view, no copy. */
    public Iterable<Session> sessions() {
        return tracked.values();
    }

    public void untrack(UUID playerId) {
        tracked.remove(playerId);
    }

    public boolean isTracked(UUID playerId) {
        return tracked.containsKey(playerId);
    }

    /**
     * O(1) and allocation-free: called for every block a player walks into. Safe from any thread.
     * Stamps the time of the latest pass rather than reading the clock: the clock read would be
     * most of the handler's cost, and a stamp at most one check interval old cannot matter to a
     * timer measured in minutes.
     */
    public void recordActivity(UUID playerId) {
        Session state = tracked.get(playerId);
        if (state != null) {
            state.lastActivityMillis = lastPassMillis;
        }
    }

    /**
     * The clock reading and thresholds for one pass over online players, taken once so that the
     * per-player work is a map lookup and a few comparisons.
     */
    public record Pass(boolean enabled, long nowMillis, long warnAtMillis, long timeoutMillis, boolean warns) {}

    public Pass beginPass() {
        AfkSettings current = settings;
        long now = clock.millis();
        lastPassMillis = now;
        return new Pass(current.enabled(), now, current.warnAt().toMillis(), current.timeout().toMillis(),
                !current.warnBefore().isZero());
    }

    /**
     * Whether {@link #check} could decide anything other than "nothing" for this session, or has
     * flags to clear: our own record says the player has been idle long enough to be warned, or
     * they were warned or kicked. Reads no player state, so it is safe on the timer's thread.
     */
    public boolean needsLook(Pass pass, Session state) {
        return pass.enabled()
                && (pass.nowMillis() - state.lastActivityMillis >= pass.warnAtMillis() || state.warned || state.kicked);
    }

    /** One player outside a pass; tests and one-off checks. */
    public Decision check(UUID playerId, boolean exempt, Optional<Duration> serverIdle) {
        return check(beginPass(), playerId, serverIdle, () -> exempt);
    }

    /**
     * Looks at one player. {@code serverIdle} is the server's own idle timer when it has one; the
     * player counts as active when either it or our own record says so. {@code exempt} is only
     * asked once the player has been idle long enough to be warned, so active players cost no
     * permission lookup.
     */
    public Decision check(Pass pass, UUID playerId, Optional<Duration> serverIdle, BooleanSupplier exempt) {
        Session state = tracked.get(playerId);
        return state == null ? Decision.NOTHING : check(pass, state, () -> serverIdle, exempt);
    }

    /**
     * As {@link #check(Pass, UUID, Optional, BooleanSupplier)}, for a session from {@link #sessions()}.
     * The server's idle timer is only asked when our own record says the player has been idle long
     * enough to be warned: it can only make a player more active, never less.
     */
    public Decision check(Pass pass, Session state, Supplier<Optional<Duration>> serverIdle, BooleanSupplier exempt) {
        if (!pass.enabled()) {
            return Decision.NOTHING;
        }
        long idleMillis = pass.nowMillis() - state.lastActivityMillis;
        if (idleMillis >= pass.warnAtMillis()) {
            Optional<Duration> serverIdleNow = serverIdle.get();
            if (serverIdleNow.isPresent()) {
                idleMillis = Math.min(idleMillis, serverIdleNow.get().toMillis());
            }
        }
        if (idleMillis < pass.warnAtMillis()) {
            state.warned = false;
            state.kicked = false;
            return Decision.NOTHING;
        }
        if (state.kicked || exempt.getAsBoolean()) {
            return Decision.NOTHING;
        }
        if (idleMillis >= pass.timeoutMillis()) {
            state.kicked = true;
            state.warned = true;
            return Decision.KICK;
        }
        if (!state.warned && pass.warns()) {
            state.warned = true;
            return Decision.WARN;
        }
        return Decision.NOTHING;
    }

    /** How long the player has been idle by our own record, for the warning text and the kick event. */
    public Duration idleFor(UUID playerId) {
        Session state = tracked.get(playerId);
        return state == null ? Duration.ZERO : Duration.ofMillis(clock.millis() - state.lastActivityMillis);
    }
}
