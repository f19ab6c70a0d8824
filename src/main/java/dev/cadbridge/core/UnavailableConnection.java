package dev.cadbridge.core;

import dev.cadbridge.outbound.CadDispatcher;
import dev.cadbridge.outbound.DispatcherStatus;
import dev.cadbridge.outbound.PendingOperation;
import dev.cadbridge.sonoran.ApiGeneration;
import dev.cadbridge.sonoran.CadLinks;
import dev.cadbridge.sonoran.CadOperation;
import dev.cadbridge.sonoran.CadResult;
import dev.cadbridge.sonoran.FailureKind;
import dev.cadbridge.sonoran.SonoranSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Stands in while the CAD cannot be reached with the current configuration (for example no API
 * key): every operation fails at once with {@link FailureKind#NOT_CONFIGURED} and the reason.
 */
final class UnavailableConnection implements CadConnection, CadDispatcher, CadLinks {
    private final String reason;
    private final ApiGeneration generation;
    private final String baseUrl;

    UnavailableConnection(String reason, ApiGeneration generation, String baseUrl) {
        this.reason = reason;
        this.generation = generation;
        this.baseUrl = baseUrl;
    }

    String reason() {
        return reason;
    }

    @Override
    public CadDispatcher dispatcher() {
        return this;
    }

    @Override
    public CadLinks links() {
        return this;
    }

    @Override
    public void reconfigure(SonoranSettings settings) {
        throw new IllegalStateException("an unavailable connection cannot be reconfigured; open a new one");
    }

    @Override
    public CompletableFuture<CadResult> submit(CadOperation operation) {
        return CompletableFuture.completedFuture(new CadResult.Failed(FailureKind.NOT_CONFIGURED, reason, null));
    }

    @Override
    public CompletableFuture<CadResult> resubmit(PendingOperation operation) {
        return submit(operation.operation());
    }

    @Override
    public DispatcherStatus status() {
        return new DispatcherStatus(generation, baseUrl, DispatcherStatus.CircuitState.OPEN, reason, null, null,
                Map.of(), Map.of(), new DispatcherStatus.Counters(0, 0, 0, 0, 0, 0));
    }

    @Override
    public List<PendingOperation> close(Duration timeout) {
        return List.of();
    }

    @Override
    public CompletableFuture<LinkCode> createLink(String communityUserId) {
        return CompletableFuture.failedFuture(new IllegalStateException(reason));
    }

    @Override
    public CompletableFuture<LinkCheck> checkLink(String communityUserId) {
        return CompletableFuture.failedFuture(new IllegalStateException(reason));
    }
}
