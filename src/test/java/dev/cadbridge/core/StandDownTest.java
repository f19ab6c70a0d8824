package dev.cadbridge.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cadbridge.outbound.CadDispatcher;
import dev.cadbridge.outbound.OutboxListener;
import dev.cadbridge.outbound.PendingOperation;
import dev.cadbridge.identity.IdentityRepository;
import dev.cadbridge.identity.InMemoryIdentityRepository;
import dev.cadbridge.sonoran.CadLinks;
import dev.cadbridge.sonoran.KickUnit;
import dev.cadbridge.sonoran.SonoranSettings;
import dev.cadbridge.storage.ReplayReport;
import dev.cadbridge.storage.StorageStatus;
import dev.cadbridge.testing.Harness;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A connection switched off by /cad reload drains off the server thread; disable must not leave before it is done. */
class StandDownTest {
    private final ExecutorService async = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopThreads() {
        async.shutdownNow();
    }

    @Test
    void disableWaitsForTheWholeCloseOfAConnectionSwitchedOffByReloadSoItsUnsentWorkIsStored() {
        Harness h = new Harness();
        PendingOperation kick = new PendingOperation(UUID.randomUUID(), new KickUnit("unit-1", "Left the game"),
                Instant.now(), Instant.now().plus(Duration.ofMinutes(2)));
        // Closing drains for the shutdown timeout and then waits for the worker thread to stop (SonoranDispatcher: up to 2 s).
        Duration workerStop = Duration.ofMillis(1500);
        h.connectionFactory = (sonoran, dispatcher, outbox) -> new SlowToClose(h.cad, workerStop, kick);
        RecordingStorage storage = new RecordingStorage();
        h.storageFactory = config -> storage;
        h.configure("dispatcher.shutdown-timeout", "0s").start();

        h.platform.runAsyncOn(async);
        h.configure("sonoran.api-key", "", "dispatcher.shutdown-timeout", "0s");
        CompletableFuture<?> reloaded = h.core.reload();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            h.platform.runMainTasks();
            return reloaded.isDone();
        });
        h.core.disable();

        assertThat(storage.calls).containsExactly("keepForNextStart " + kick.id(), "close 0");
        assertThat(h.platform.logText()).doesNotContain("may be lost");
    }

    /** A working connection whose close takes {@code beyondTimeout} longer than asked and hands {@code left} back. */
    private record SlowToClose(CadConnection real, Duration beyondTimeout, PendingOperation left) implements CadConnection {
        @Override
        public CadDispatcher dispatcher() {
            return real.dispatcher();
        }

        @Override
        public CadLinks links() {
            return real.links();
        }

        @Override
        public void reconfigure(SonoranSettings settings) {
            real.reconfigure(settings);
        }

        @Override
        public List<PendingOperation> close(Duration timeout) {
            try {
                Thread.sleep(timeout.plus(beyondTimeout).toMillis()); // the close itself being slow, not a test waiting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.of(left);
        }
    }

    /** Keeps operations, in the order storage was asked to. */
    private static final class RecordingStorage implements PluginStorage {
        final List<String> calls = new CopyOnWriteArrayList<>();
        private final IdentityRepository identities = new InMemoryIdentityRepository();

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
            return true;
        }

        @Override
        public CompletableFuture<ReplayReport> replay(CadDispatcher dispatcher) {
            return CompletableFuture.completedFuture(new ReplayReport(List.of(), List.of(), List.of(), 0));
        }

        @Override
        public void keepForNextStart(List<PendingOperation> handedBack) {
            handedBack.forEach(operation -> calls.add("keepForNextStart " + operation.id()));
        }

        @Override
        public Optional<StorageStatus> status() {
            return Optional.empty();
        }

        @Override
        public void close(List<PendingOperation> stillPending, Duration timeout) {
            calls.add("close " + stillPending.size());
        }
    }
}
