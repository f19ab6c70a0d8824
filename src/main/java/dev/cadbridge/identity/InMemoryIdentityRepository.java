package dev.cadbridge.identity;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Identities kept only while the server runs; for tests and until durable storage is configured. */
public final class InMemoryIdentityRepository implements IdentityRepository {
    private final ConcurrentMap<UUID, CadIdentity> byPlayer = new ConcurrentHashMap<>();

    @Override
    public CompletableFuture<Optional<CadIdentity>> find(UUID playerId) {
        return CompletableFuture.completedFuture(Optional.ofNullable(byPlayer.get(playerId)));
    }

    @Override
    public CompletableFuture<Optional<CadIdentity>> findByCadId(String cadId) {
        return CompletableFuture.completedFuture(byPlayer.values().stream()
                .filter(identity -> identity.cadId().equals(cadId))
                .findFirst());
    }

    @Override
    public CompletableFuture<Void> save(CadIdentity identity) {
        byPlayer.put(identity.playerId(), identity);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Boolean> delete(UUID playerId) {
        return CompletableFuture.completedFuture(byPlayer.remove(playerId) != null);
    }

    @Override
    public CompletableFuture<Long> count() {
        return CompletableFuture.completedFuture((long) byPlayer.size());
    }
}
