package dev.cadbridge.platform;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Something the CAD told the server over the live session, for other plugins: the paper package
 * fires one Bukkit event per kind (CadCallAssignedEvent and the rest).
 * Call details the CAD did not give are empty text.
 */
public sealed interface CadNews {

    /** A dispatcher attached ({@code attached}) or detached a player's unit. */
    record CallAssignment(UUID player, String unit, long callId, String title, String address, boolean attached) implements CadNews {}

    record CallCreated(long callId, String title, String address, String code, int priority) implements CadNews {}

    record CallClosed(long callId, String title, Set<UUID> attachedPlayers) implements CadNews {}

    record Emergency911(long callId, boolean emergency, String caller, String location, String description) implements CadNews {}

    record Emergency911Removed(List<Long> callIds) implements CadNews {}

    /** {@code player} is the unit's player when they are online here, else null. */
    record UnitPanic(long ident, String unit, UUID player, boolean on) implements CadNews {}

    record LinkVerified(String communityUserId, String accountUuid) implements CadNews {}
}
