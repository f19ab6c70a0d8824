package dev.cadbridge.identity;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Where identities are kept. In memory for tests, SQL (H2, MariaDB, PostgreSQL) in the plugin.
 * Every method returns at once; the work happens off the server thread.
 */
public interface IdentityRepository {

    CompletableFuture<Optional<CadIdentity>> find(UUID playerId);

    /** Used to refuse binding one CAD id to two players. */
    CompletableFuture<Optional<CadIdentity>> findByCadId(String cadId);

    /** Inserts or replaces the identity for {@code identity.playerId()}. */
    CompletableFuture<Void> save(CadIdentity identity);

    /** True when something was removed. */
    CompletableFuture<Boolean> delete(UUID playerId);

    CompletableFuture<Long> count();
}
