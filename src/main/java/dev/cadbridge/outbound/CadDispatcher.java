package dev.cadbridge.outbound;

import dev.cadbridge.sonoran.CadOperation;
import dev.cadbridge.sonoran.CadResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The only way CAD operations leave the plugin. {@link #submit} never blocks and may be called
 * from the server thread; all I/O happens on the dispatcher's own worker thread.
 */
public interface CadDispatcher {

    /** Queues the operation; the future completes when the CAD answers, the deadline passes, or it fails. */
    CompletableFuture<CadResult> submit(CadOperation operation);

    /**
     * Queues all of {@code operations} at once: the worker sees none of them before it can see all,
     * so operations that merge leave in as few requests as the batch rules allow. The futures are in
     * the order of {@code operations}.
     */
    default List<CompletableFuture<CadResult>> submitAll(List<? extends CadOperation> operations) {
        return operations.stream().map(this::submit).toList();
    }

    /** Re-queues an operation persisted by an earlier run, keeping its id and deadline. */
    CompletableFuture<CadResult> resubmit(PendingOperation operation);

    DispatcherStatus status();

    /** Stops intake, drains what it can within {@code timeout}, and returns what is still pending. */
    List<PendingOperation> close(Duration timeout);
}
