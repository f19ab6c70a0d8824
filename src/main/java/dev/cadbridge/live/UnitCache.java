package dev.cadbridge.live;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
    /**
     * Units that events or answers spoke of since the seed's request left: the seed's list is older
     * than those, so it must not bring back a unit that logged out or drop one that logged in meanwhile.
     */
    private final Set<Long> heardOfSinceSeedAsked = new HashSet<>();

    public UnitCache(PlayerDirectory players) {
        this.players = players;
    }

    /** Call just before asking the CAD for its active units, so events from then on outrank the list. */
    public synchronized void seedAsked() {
        heardOfSinceSeedAsked.clear();
    }

    /**
     * What the CAD listed, asked for at {@link #seedAsked()}: it replaces every unit no event has
     * spoken of since then.
     */
    public synchronized void seed(Collection<CadUnit> listed) {
        units.keySet().removeIf(ident -> !heardOfSinceSeedAsked.contains(ident));
        listed.stream()
                .filter(unit -> !heardOfSinceSeedAsked.contains(unit.ident()))
                .forEach(unit -> units.put(unit.ident(), unit));
        heardOfSinceSeedAsked.clear();
        refreshPlayers();
    }

    public synchronized void loggedIn(CadUnit unit) {
        heardOfSinceSeedAsked.add(unit.ident());
        units.put(unit.ident(), unit);
        refreshPlayers();
    }

    /**
     * The CAD answered our attach of the unit with this identifier id, so the unit is logged in.
     * A unit already known keeps what the seed or its login said of it; one the seed and events
     * missed becomes known by its identifier and communityUserId, so later events reach its player.
     */
    public synchronized void attachedAs(long ident, String communityUserId) {
        heardOfSinceSeedAsked.add(ident);
        if (units.putIfAbsent(ident, new CadUnit(ident, "", communityUserId, "", "", -1)) == null) {
            refreshPlayers();
        }
    }

    public synchronized void loggedOut(long ident) {
        heardOfSinceSeedAsked.add(ident);
        if (units.remove(ident) != null) {
            refreshPlayers();
        }
    }

    public synchronized void statusChanged(long ident, int status) {
        if (units.containsKey(ident)) {
            heardOfSinceSeedAsked.add(ident);
        }
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
