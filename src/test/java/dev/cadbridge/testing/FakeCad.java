package dev.cadbridge.testing;

import dev.cadbridge.core.CadConnection;
import dev.cadbridge.outbound.CadDispatcher;
import dev.cadbridge.outbound.DispatcherStatus;
import dev.cadbridge.outbound.PendingOperation;
import dev.cadbridge.sonoran.ApiGeneration;
import dev.cadbridge.sonoran.CadLinks;
import dev.cadbridge.sonoran.CadOperation;
import dev.cadbridge.sonoran.CadResult;
import dev.cadbridge.sonoran.NewDispatch;
import dev.cadbridge.sonoran.OperationType;
import dev.cadbridge.sonoran.SonoranSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * An in-memory CAD: records every operation, answers with {@code Delivered} (new calls get
 * numbers from 1001) unless told otherwise, and plays the link endpoints.
 */
public final class FakeCad implements CadConnection, CadDispatcher, CadLinks {
    private final Clock clock;
    private final List<CadOperation> received = new CopyOnWriteArrayList<>();
    private final AtomicLong nextCallId = new AtomicLong(1001);
    private volatile Function<CadOperation, CompletableFuture<CadResult>> answer = this::deliver;
    private final List<CompletableFuture<CadResult>> held = new CopyOnWriteArrayList<>();
    private final Set<String> linkedIds = ConcurrentHashMap.newKeySet();
    private final List<String> linkCodesCreated = new CopyOnWriteArrayList<>();
    private final AtomicLong linkChecks = new AtomicLong();
    private volatile RuntimeException linkFailure;
    private final List<SonoranSettings> reconfigurations = new CopyOnWriteArrayList<>();
    private volatile boolean closed;
    private volatile DispatcherStatus status = new DispatcherStatus(ApiGeneration.V2, "https://api.sonorancad.com",
            DispatcherStatus.CircuitState.CLOSED, null, Instant.parse("2026-01-01T11:59:00Z"),
            new DispatcherStatus.LastFailure(Instant.parse("2026-01-01T11:00:00Z"), "RATE_LIMITED", "API rate limit exceeded", "trace-123"),
            Map.of(OperationType.KICK, 2), Map.of(), new DispatcherStatus.Counters(10, 8, 1, 7, 1, 0));

    public FakeCad(Clock clock) {
        this.clock = clock;
    }

    private CompletableFuture<CadResult> deliver(CadOperation operation) {
        if (operation instanceof dev.cadbridge.sonoran.ActiveCallsQuery || operation instanceof dev.cadbridge.sonoran.ActiveUnitsQuery) {
            return CompletableFuture.completedFuture(new CadResult.Replied(List.of()));
        }
        OptionalLong callId = operation instanceof NewDispatch ? OptionalLong.of(nextCallId.getAndIncrement()) : OptionalLong.empty();
        return CompletableFuture.completedFuture(new CadResult.Delivered(callId));
    }

    /** Every later operation gets this result. */
    public void answerWith(CadResult result) {
        answer = operation -> CompletableFuture.completedFuture(result);
    }

    /** Later operations stay unanswered until {@link #releaseHeld} is called. */
    public void holdAnswers() {
        answer = operation -> {
            CompletableFuture<CadResult> future = new CompletableFuture<>();
            held.add(future);
            return future;
        };
    }

    public void releaseHeld(CadResult result) {
        held.forEach(future -> future.complete(result));
        held.clear();
    }

    public List<CadOperation> received() {
        return List.copyOf(received);
    }

    public <T extends CadOperation> List<T> received(Class<T> type) {
        List<T> out = new ArrayList<>();
        received.stream().filter(type::isInstance).map(type::cast).forEach(out::add);
        return out;
    }

    public void clearReceived() {
        received.clear();
    }

    public void link(String cadId) {
        linkedIds.add(cadId);
    }

    public void failLinkEndpoints() {
        failLinkEndpointsWith(new dev.cadbridge.sonoran.CadRequestException("SERVER_ERROR", "the CAD answered 500", null));
    }

    public void failLinkEndpointsWith(RuntimeException failure) {
        linkFailure = failure;
    }

    public List<String> linkCodesCreatedFor() {
        return List.copyOf(linkCodesCreated);
    }

    public long linkChecks() {
        return linkChecks.get();
    }

    public List<SonoranSettings> reconfigurations() {
        return reconfigurations;
    }

    public boolean isClosed() {
        return closed;
    }

    // ---- CadConnection ----

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
        reconfigurations.add(settings);
    }

    // ---- CadDispatcher ----

    @Override
    public CompletableFuture<CadResult> submit(CadOperation operation) {
        received.add(operation);
        return answer.apply(operation);
    }

    @Override
    public CompletableFuture<CadResult> resubmit(PendingOperation operation) {
        return submit(operation.operation());
    }

    /** What {@link #status()} answers from now on. */
    public void reportStatus(DispatcherStatus status) {
        this.status = status;
    }

    @Override
    public DispatcherStatus status() {
        return status;
    }

    @Override
    public List<PendingOperation> close(Duration timeout) {
        closed = true;
        return List.of();
    }

    // ---- CadLinks ----

    @Override
    public CompletableFuture<LinkCode> createLink(String communityUserId) {
        if (linkFailure != null) {
            return CompletableFuture.failedFuture(linkFailure);
        }
        linkCodesCreated.add(communityUserId);
        return CompletableFuture.completedFuture(
                new LinkCode("AB12", "https://sonorancad.com/id?code=AB12", clock.instant().plusSeconds(600)));
    }

    @Override
    public CompletableFuture<LinkCheck> checkLink(String communityUserId) {
        linkChecks.incrementAndGet();
        if (linkFailure != null) {
            return CompletableFuture.failedFuture(linkFailure);
        }
        boolean linked = linkedIds.contains(communityUserId);
        return CompletableFuture.completedFuture(new LinkCheck(linked, linked ? "acc-" + communityUserId : null));
    }
}
