package dev.cadbridge.live;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The units logged in to the CAD, by identifier id, as Sonoran's own game resource keeps them:
 * seeded from the active-units route when a session connects, kept current by unit login, logout
 * and status events and by the CAD's answers to our own attaches. Also knows which of them belong to players online here ({@link #onDuty()}),
 * recomputed when a unit or a player comes or goes, so the server thread only reads a map.
 */
public final class UnitCache {
    private final Map<Long, CadUnit> units = new ConcurrentHashMap<>();
    private final PlayerDirectory players;
    private volatile Map<UUID, CadUnit> onDuty = Map.of();

    public UnitCache(PlayerDirectory players) {
        this.players = players;
    }

    /** Replaces everything with what the CAD listed. */
    public void seed(Collection<CadUnit> listed) {
        units.clear();
        listed.forEach(unit -> units.put(unit.ident(), unit));
        refreshPlayers();
    }

    public void loggedIn(CadUnit unit) {
        units.put(unit.ident(), unit);
        refreshPlayers();
    }

    /**
     * The CAD answered our attach of the unit with this identifier id, so the unit is logged in.
     * A unit already known keeps what the seed or its login said of it; one the seed and events
     * missed becomes known by its identifier and communityUserId, so later events reach its player.
     */
    public void attachedAs(long ident, String communityUserId) {
        if (units.putIfAbsent(ident, new CadUnit(ident, "", communityUserId, "", "", -1)) == null) {
            refreshPlayers();
        }
    }

    public void loggedOut(long ident) {
        if (units.remove(ident) != null) {
            refreshPlayers();
        }
    }

    public void statusChanged(long ident, int status) {
        units.computeIfPresent(ident, (id, unit) -> unit.withStatus(status));
    }

    public Optional<CadUnit> unit(long ident) {
        return Optional.ofNullable(units.get(ident));
    }

    public int size() {
        return units.size();
    }

    public List<CadUnit> all() {
        return List.copyOf(units.values());
    }

    /** Online players whose units are logged in, with their unit. */
    public Map<UUID, CadUnit> onDuty() {
        return onDuty;
    }

    public Optional<UUID> playerOf(CadUnit unit) {
        return players.onlinePlayerOf(unit);
    }

    /** A player joined or left, or their stored link changed: who is on duty may have changed. */
    public synchronized void refreshPlayers() {
        Map<UUID, CadUnit> now = new ConcurrentHashMap<>();
        for (CadUnit unit : units.values()) {
            players.onlinePlayerOf(unit).ifPresent(player -> now.put(player, unit));
        }
        onDuty = Map.copyOf(now);
    }
}
