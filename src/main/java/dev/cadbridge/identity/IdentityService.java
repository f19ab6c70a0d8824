package dev.cadbridge.identity;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Maps players to the id the CAD knows them by. A stored identity (linked, or set by the player
 * or staff) wins; otherwise the id is derived from the player by the configured rule.
 * Identities of online players are loaded off the server thread at join and cached, so looking
 * one up on the server thread is a map read.
 */
public final class IdentityService {
    private final IdentityRepository repository;
    private final Clock clock;
    private final ConcurrentMap<UUID, Session> online = new ConcurrentHashMap<>();
    private volatile IdentitySettings settings;
    /** Binds run one after another so two players cannot claim the same id at the same moment. */
    private CompletableFuture<?> bindQueue = CompletableFuture.completedFuture(null);

    public IdentityService(IdentityRepository repository, IdentitySettings settings, Clock clock) {
        this.repository = repository;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * A player's place in the cache. Only the stored CAD id is kept (null until the repository
     * answered, or when nothing is stored): it is all the server thread needs, and online players
     * are many. The full record is read from the repository when someone asks for it.
     */
    private static final class Session {
        final String name;
        volatile String storedCadId;
        /** The CAD account the stored link names, for telling which CAD unit is this player's. */
        volatile String accountUuid;

        Session(String name) {
            this.name = name;
        }
    }

    public void updateSettings(IdentitySettings newSettings) {
        this.settings = newSettings;
    }

    public IdentitySettings settings() {
        return settings;
    }

    /** Called at join: starts tracking the player and loads their stored identity in the background. */
    public CompletableFuture<Optional<CadIdentity>> playerJoined(UUID playerId, String name) {
        Session session = new Session(name);
        online.put(playerId, session);
        return repository.find(playerId).thenApply(found -> {
            found.ifPresent(identity -> {
                session.storedCadId = identity.cadId();
                session.accountUuid = identity.accountUuid();
            });
            return found;
        });
    }

    public void playerLeft(UUID playerId) {
        online.remove(playerId);
    }

    /** The id to send for this player: stored if any, else derived. */
    public String cadIdOf(UUID playerId, String name) {
        Session session = online.get(playerId);
        String stored = session == null ? null : session.storedCadId;
        return stored != null ? stored : settings.defaultCadId(playerId, name);
    }

    /** The stored identity of a player, read from the repository; a derived identity when nothing is stored. */
    public CompletableFuture<CadIdentity> describe(UUID playerId, String name) {
        return repository.find(playerId).thenApply(found -> found.orElseGet(() -> new CadIdentity(playerId,
                settings.defaultCadId(playerId, name), IdentitySource.DEFAULT, LinkState.UNKNOWN, null, null, null)));
    }

    /**
     * The online player the CAD knows by {@code cadId}, else the one whose stored link names the CAD
     * account {@code accountUuid}; either may be empty. Any thread; a walk over the online players.
     */
    public Optional<UUID> onlinePlayerOf(String cadId, String accountUuid) {
        if (cadId != null && !cadId.isEmpty()) {
            for (var entry : online.entrySet()) {
                if (cadIdOf(entry.getKey(), entry.getValue().name).equals(cadId)) {
                    return Optional.of(entry.getKey());
                }
            }
        }
        if (accountUuid != null && !accountUuid.isEmpty()) {
            for (var entry : online.entrySet()) {
                if (accountUuid.equalsIgnoreCase(entry.getValue().accountUuid)) {
                    return Optional.of(entry.getKey());
                }
            }
        }
        return Optional.empty();
    }

    public int onlineCount() {
        return online.size();
    }

    public CompletableFuture<Long> storedCount() {
        return repository.count();
    }

    /**
     * Stores {@code cadId} for the player unless another player, stored or online, already uses it.
     */
    public CompletableFuture<BindOutcome> bind(UUID playerId, String name, String cadId, IdentitySource source,
                                                LinkState linkState, String accountUuid) {
        synchronized (this) {
            CompletableFuture<BindOutcome> result = bindQueue.handle((ignored, error) -> null)
                    .thenCompose(ignored -> bindNow(playerId, name, cadId, source, linkState, accountUuid));
            bindQueue = result;
            return result;
        }
    }

    private CompletableFuture<BindOutcome> bindNow(UUID playerId, String name, String cadId, IdentitySource source,
                                                   LinkState linkState, String accountUuid) {
        Optional<BindOutcome> onlineClash = online.entrySet().stream()
                .filter(entry -> !entry.getKey().equals(playerId))
                .filter(entry -> cadIdOf(entry.getKey(), entry.getValue().name).equals(cadId))
                .findFirst()
                .map(entry -> new BindOutcome.Taken(cadId, entry.getKey(), entry.getValue().name));
        if (onlineClash.isPresent()) {
            return CompletableFuture.completedFuture(onlineClash.get());
        }
        Optional<UUID> defaultOwner = settings.defaultOwnerOf(cadId).filter(owner -> !owner.equals(playerId));
        if (defaultOwner.isPresent()) {
            Session ownerSession = online.get(defaultOwner.get());
            return CompletableFuture.completedFuture(new BindOutcome.Taken(cadId, defaultOwner.get(),
                    ownerSession == null ? defaultOwner.get().toString() : ownerSession.name));
        }
        return repository.findByCadId(cadId).thenCompose(existing -> {
            if (existing.isPresent() && !existing.get().playerId().equals(playerId)) {
                UUID other = existing.get().playerId();
                Session otherSession = online.get(other);
                return CompletableFuture.completedFuture(
                        new BindOutcome.Taken(cadId, other, otherSession == null ? other.toString() : otherSession.name));
            }
            CadIdentity identity = new CadIdentity(playerId, cadId, source, linkState, accountUuid,
                    linkState == LinkState.UNKNOWN ? null : clock.instant(), clock.instant());
            return repository.save(identity).thenApply(saved -> {
                Session session = online.get(playerId);
                if (session != null) {
                    session.storedCadId = identity.cadId();
                    session.accountUuid = identity.accountUuid();
                }
                return new BindOutcome.Bound(identity);
            });
        });
    }

    /** Forgets a stored id so the player is back on the derived one. True when something was stored. */
    public CompletableFuture<Boolean> unbind(UUID playerId) {
        return repository.delete(playerId).thenApply(removed -> {
            Session session = online.get(playerId);
            if (session != null) {
                session.storedCadId = null;
                session.accountUuid = null;
            }
            return removed;
        });
    }
}
