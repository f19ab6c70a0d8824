package dev.cadbridge.live;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What the CAD's events do in the game. Called on the live session's threads, never the server
 * thread; implementations hop to a player's thread only to message them.
 */
public interface LiveGame {
    /** A player finished linking on the CAD's site. */
    void linkVerified(String communityUserId, String accountUuid);

    /** A dispatcher attached this player's unit to a call. */
    void attached(UUID player, CadUnit unit, CadCall call);

    /** A dispatcher detached this player's unit from a call. */
    void detached(UUID player, CadUnit unit, CadCall call);

    /** A new dispatch call was created in the CAD (not through this plugin). */
    void newCall(CadCall call);

    void new911(Cad911Call call);

    void removed911(List<Long> callIds);

    /** A call was closed; {@code attachedPlayers} are the online players whose units were on it. */
    void callClosed(CadCall call, Set<UUID> attachedPlayers);

    /**
     * A unit pressed (or cleared) its panic button. {@code player} is that unit's player when they
     * are on this server (they are not alerted about themselves); {@code onDuty} the online players
     * whose units are logged in.
     */
    void panic(CadUnit unit, UUID player, boolean on, Set<UUID> onDuty);
}
