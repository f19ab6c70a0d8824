package dev.cadbridge.afk;

import dev.cadbridge.config.Message;
import dev.cadbridge.config.Messages;
import dev.cadbridge.outbound.CadDispatcher;
import dev.cadbridge.identity.IdentityService;
import dev.cadbridge.platform.DebugLog;
import dev.cadbridge.platform.Platform;
import dev.cadbridge.platform.PlatformPlayer;
import dev.cadbridge.sonoran.CadResult;
import dev.cadbridge.sonoran.InvalidOperationException;
import dev.cadbridge.sonoran.KickUnit;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;

/** Runs the AFK check over online players and turns its decisions into a warning or a CAD kick. */
public final class AfkService {
    public static final String EXEMPT_PERMISSION = "cadbridge.afk.exempt";

    private final Platform platform;
    private final AfkTracker tracker;
    private final IdentityService identities;
    private final Supplier<CadDispatcher> dispatcher;
    private final BooleanSupplier connected;
    private final Supplier<Messages> messages;
    private final DebugLog debug;

    /** {@code connected}: whether the CAD can be reached with the current configuration. */
    public AfkService(Platform platform, AfkTracker tracker, IdentityService identities, Supplier<CadDispatcher> dispatcher,
                      BooleanSupplier connected, Supplier<Messages> messages, DebugLog debug) {
        this.connected = connected;
        this.debug = debug;
        this.platform = platform;
        this.tracker = tracker;
        this.identities = identities;
        this.dispatcher = dispatcher;
        this.messages = messages;
    }

    public AfkTracker tracker() {
        return tracker;
    }

    public void playerJoined(PlatformPlayer player) {
        tracker.track(player);
    }

    public void playerLeft(PlatformPlayer player) {
        tracker.untrack(player.uniqueId());
    }

    /**
     * One pass over online players, on the global timer every check interval. It reads only our own
     * activity record; a player who may be away is looked at on their own thread, where their idle
     * timer, permissions and messages may be touched (Folia). While the CAD cannot be reached the
     * pass still runs (it dates activity), but nobody is warned or kicked: the warning would
     * promise, and the kick message report, something that cannot happen.
     */
    public void checkOnlinePlayers() {
        AfkTracker.Pass pass = tracker.beginPass();
        boolean canReachTheCad = connected.getAsBoolean();
        // The players kept from their join: no lookup and no wrapper per player per pass.
        for (AfkTracker.Session session : tracker.sessions()) {
            PlatformPlayer player = session.player();
            if (player != null && tracker.needsLook(pass, session)) {
                platform.runFor(player, () -> check(pass, session, player, canReachTheCad));
            }
        }
    }

    private void check(AfkTracker.Pass pass, AfkTracker.Session session, PlatformPlayer player, boolean canReachTheCad) {
        AfkTracker.Decision decision = tracker.check(pass, session, player::idleDuration, () -> player.hasPermission(EXEMPT_PERMISSION));
        if (!canReachTheCad) {
            return;
        }
        switch (decision) {
            case WARN -> player.sendMessage(messages.get().render(Message.AFK_WARNING,
                    Messages.text("seconds", tracker.settings().warnBefore().toSeconds())));
            case KICK -> kick(player);
            case NOTHING -> { }
        }
    }

    private void kick(PlatformPlayer player) {
        Optional<Duration> serverIdle = player.idleDuration();
        Duration idle = tracker.idleFor(player.uniqueId());
        if (serverIdle.isPresent() && serverIdle.get().compareTo(idle) < 0) {
            idle = serverIdle.get();
        }
        Optional<String> reason = platform.announceAfkKick(player, idle, tracker.settings().kickReason());
        if (reason.isEmpty()) {
            debug.log(() -> "AFK kick of " + player.name() + " was cancelled by another plugin");
            return;
        }
        KickUnit kick;
        try {
            kick = new KickUnit(identities.cadIdOf(player.uniqueId(), player.name()), reason.get());
        } catch (InvalidOperationException e) {
            platform.logger().warning("Not sending the AFK kick for " + player.name() + ": " + e.getMessage());
            return;
        }
        String name = player.name();
        UUID playerId = player.uniqueId();
        dispatcher.get().submit(kick).whenComplete((result, error) -> {
            if (error != null) {
                platform.logger().log(Level.WARNING, "AFK kick of " + name + " failed", error);
            } else if (result instanceof CadResult.Delivered) {
                // Said once the CAD did it, not before: a kick can fail or expire.
                platform.runFor(player, () -> platform.onlinePlayer(playerId)
                        .ifPresent(online -> online.sendMessage(messages.get().render(Message.AFK_KICKED))));
            } else {
                debug.log(() -> "AFK kick of " + name + " was not delivered: " + result);
            }
        });
    }
}
