package dev.cadbridge.storage;

import dev.cadbridge.outbound.CadDispatcher;
import dev.cadbridge.outbound.DispatcherStatus;
import dev.cadbridge.outbound.PendingOperation;
import dev.cadbridge.sonoran.CadOperation;
import dev.cadbridge.sonoran.CadResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** Stands in for the dispatcher in outbox tests: records what the replay resubmits, sends nothing. */
final class RecordingDispatcher implements CadDispatcher {
    final List<PendingOperation> resubmitted = new CopyOnWriteArrayList<>();

    @Override
    public CompletableFuture<CadResult> submit(CadOperation operation) {
        throw new UnsupportedOperationException("the replay only resubmits");
    }

    @Override
    public CompletableFuture<CadResult> resubmit(PendingOperation operation) {
        resubmitted.add(operation);
        return new CompletableFuture<>();
    }

    @Override
    public DispatcherStatus status() {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<PendingOperation> close(Duration timeout) {
        return List.of();
    }
}
