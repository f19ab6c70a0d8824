package dev.cadbridge.platform;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Everything the plugin needs from the server, so that the feature packages never see Bukkit and
 * can be tested with a fake. Folia has no single server thread: server-wide work runs on the
 * "global" thread ({@link #runOnMain}, {@link #runLater}, {@link #runRepeating}), and anything that
 * touches a player (their messages, permissions, state) on the thread that owns that player
 * ({@link #runFor}). On Paper both are the server thread.
 */
public interface Platform {

    Collection<? extends PlatformPlayer> onlinePlayers();

    Optional<PlatformPlayer> onlinePlayer(UUID id);

    /** Exact (case-insensitive) name match among online players. */
    Optional<PlatformPlayer> onlinePlayer(String name);

    /**
     * The player the server knows by this name (case-insensitive), online or not, from its own
     * cache of players it has seen; never a lookup over the network. Empty when the name is unknown here.
     */
    Optional<UUID> knownPlayerId(String name);

    /** Runs on the global server thread, on the next tick. Not for work on a player: see {@link #runFor}. */
    void runOnMain(Runnable task);

    /**
     * Runs {@code task} on the thread that owns {@code player}, on the next tick; dropped when the
     * player has left by then (and not joined again).
     */
    void runFor(PlatformPlayer player, Runnable task);

    /** Runs off the server thread; for I/O such as reading the config file. */
    void runAsync(Runnable task);

    /** Runs {@code task} on the global server thread after {@code delay}. */
    TaskHandle runLater(Runnable task, Duration delay);

    /** Runs {@code task} on the global server thread every {@code period}. */
    TaskHandle runRepeating(Runnable task, Duration period);

    Logger logger();

    /**
     * Tells other plugins an AFK kick is about to be sent, letting them veto it or change the reason.
     * Returns the reason to send, or empty when the kick was cancelled.
     */
    Optional<String> announceAfkKick(PlatformPlayer player, Duration idle, String reason);

    /**
     * True where the global thread owns every player too (Paper), so a pass over all players can
     * read them in one go; false on Folia, where each player is read on their own region ({@link #runFor}).
     */
    default boolean playersOnGlobalThread() {
        return true;
    }

    /**
     * Tells other plugins what the CAD pushed. Called off the server thread; the platform hops to
     * the thread its events need. Nothing by default (a platform without events).
     */
    default void announce(CadNews news) {}

    /**
     * Reads config.yml from disk into plain maps, lists and scalars. Blocking file I/O: call it
     * during startup or from {@link #runAsync}, never from a running server's main thread.
     */
    Map<String, Object> readConfigFile();

    /** Where the plugin's files live, for messages that point the owner at a file. */
    String configFileLocation();
}
