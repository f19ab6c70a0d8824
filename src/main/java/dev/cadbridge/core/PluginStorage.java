package dev.cadbridge.core;

import dev.cadbridge.outbound.CadDispatcher;
import dev.cadbridge.outbound.OutboxListener;
import dev.cadbridge.outbound.PendingOperation;
import dev.cadbridge.identity.IdentityRepository;
import dev.cadbridge.storage.NetworkStore;
import dev.cadbridge.storage.ReplayReport;
import dev.cadbridge.storage.Storage;
import dev.cadbridge.storage.StorageStatus;
import dev.cadbridge.storage.StorageType;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What the core keeps across restarts: identities and the outbox. In the plugin this is the SQL
 * {@link Storage}; tests that are not about durability use {@link #inMemory}, which keeps
 * identities in memory and no outbox.
 */
public interface PluginStorage {

    IdentityRepository identities();

    /** The dispatcher's listener; it records every accepted operation until it is finished. */
    OutboxListener outbox();

    /** Whether operations left unsent survive a restart (false: they are lost). */
    boolean keepsOperations();

    /** Resubmits what earlier runs left in the outbox; call once, after the dispatcher exists. */
    CompletableFuture<ReplayReport> replay(CadDispatcher dispatcher);

    /**
     * Records operations a dispatcher handed back when it was closed while the server keeps
     * running (the connection was switched off), as not sent, so the next start sends them.
     */
    void keepForNextStart(List<PendingOperation> handedBack);

    /** The state for /cad status; empty when nothing is stored. */
    Optional<StorageStatus> status();

    /** Network mode's use of the database; empty when nothing is shared (in memory, H2). */
    default Optional<NetworkStore> network() {
        return Optional.empty();
    }

    /** At disable: stores {@code stillPending}, writes what is outstanding, and stops; blocks at most {@code timeout}. */
    void close(List<PendingOperation> stillPending, Duration timeout);

    static PluginStorage sql(Storage storage) {
        return new PluginStorage() {
            @Override
            public IdentityRepository identities() {
                return storage.identities();
            }

            @Override
            public OutboxListener outbox() {
                return storage.outbox();
            }

            @Override
            public boolean keepsOperations() {
                return true;
            }

            @Override
            public CompletableFuture<ReplayReport> replay(CadDispatcher dispatcher) {
                return storage.outbox().replay(dispatcher);
            }

            @Override
            public void keepForNextStart(List<PendingOperation> handedBack) {
                storage.outbox().persistPending(handedBack);
            }

            @Override
            public Optional<StorageStatus> status() {
                return Optional.of(storage.status());
            }

            @Override
            public Optional<NetworkStore> network() {
                return storage.type() == StorageType.H2 ? Optional.empty() : Optional.of(storage.network());
            }

            @Override
            public void close(List<PendingOperation> stillPending, Duration timeout) {
                storage.close(stillPending, timeout);
            }
        };
    }

    static PluginStorage inMemory(IdentityRepository identities) {
        return new PluginStorage() {
            @Override
            public IdentityRepository identities() {
                return identities;
            }

            @Override
            public OutboxListener outbox() {
                return OutboxListener.NONE;
            }

            @Override
            public boolean keepsOperations() {
                return false;
            }

            @Override
            public CompletableFuture<ReplayReport> replay(CadDispatcher dispatcher) {
                return CompletableFuture.completedFuture(new ReplayReport(List.of(), List.of(), List.of(), 0));
            }

            @Override
            public void keepForNextStart(List<PendingOperation> handedBack) {}

            @Override
            public Optional<StorageStatus> status() {
                return Optional.empty();
            }

            @Override
            public void close(List<PendingOperation> stillPending, Duration timeout) {}
        };
    }
}
