package dev.cadbridge.doctor;

import dev.cadbridge.outbound.CadDispatcher;
import dev.cadbridge.outbound.DispatcherStatus;
import dev.cadbridge.live.LiveStatus;
import dev.cadbridge.sonoran.ApiGeneration;
import dev.cadbridge.sonoran.ActiveCallsQuery;
import dev.cadbridge.sonoran.CadLinks;
import dev.cadbridge.sonoran.CadRequestException;
import dev.cadbridge.sonoran.CadResult;
import dev.cadbridge.sonoran.CadVersion;
import dev.cadbridge.sonoran.FailureKind;
import dev.cadbridge.sonoran.OperationType;
import dev.cadbridge.sonoran.VersionCheck;
import dev.cadbridge.storage.StorageStatus;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * What the checks of one {@code /cad doctor} run read. The dispatcher status is a snapshot taken
 * before any check asked the CAD, so the rate-limit line shows the room there was, and every request
 * is made only when that snapshot shows room on its route: the doctor never waits for a rate limit
 * and never causes a 429. The version check's answer is shared by the checks that read it (key,
 * plan, clock), so one run asks it at most once.
 */
public final class DoctorContext {
    private final Setup setup;
    private final CadDispatcher dispatcher;
    private final CadLinks links;
    private final DispatcherStatus status;
    private final Optional<StorageStatus> storage;
    private final Supplier<CompletableFuture<Long>> storageQuery;
    private final Optional<String> senderCadId;
    private final Clock clock;
    private final LiveStatus live;
    private final String liveOffReason;
    private CompletableFuture<Asked<CadVersion>> version;

    /**
     * @param storageQuery  a harmless read of the database (counting stored identities)
     * @param senderCadId   the CAD id the sender is sent as; empty for the console
     * @param live          the live session as it is now
     * @param liveOffReason why there is no live session, shown when {@code live} is {@code OFF}
     */
    public DoctorContext(Setup setup, CadDispatcher dispatcher, CadLinks links, Optional<StorageStatus> storage,
            Supplier<CompletableFuture<Long>> storageQuery, Optional<String> senderCadId, Clock clock,
            LiveStatus live, String liveOffReason) {
        this.setup = setup;
        this.dispatcher = dispatcher;
        this.links = links;
        this.status = dispatcher.status();
        this.storage = storage;
        this.storageQuery = storageQuery;
        this.senderCadId = senderCadId;
        this.clock = clock;
        this.live = live;
        this.liveOffReason = liveOffReason;
    }

    public LiveStatus live() {
        return live;
    }

    public String liveOffReason() {
        return liveOffReason;
    }

    public Setup setup() {
        return setup;
    }

    public ApiGeneration generation() {
        return setup.config().generation();
    }

    /** The dispatcher as it was when the doctor started. */
    public DispatcherStatus status() {
        return status;
    }

    public Optional<StorageStatus> storage() {
        return storage;
    }

    public CompletableFuture<Long> queryStorage() {
        return storageQuery.get();
    }

    public Optional<String> senderCadId() {
        return senderCadId;
    }

    public Clock clock() {
        return clock;
    }

    /** Whether {@code route} could send a request right now without waiting; unknown counts as no. */
    public boolean hasRoom(OperationType route) {
        return status.headroom().getOrDefault(route, 0) >= 1;
    }

    /** Why nothing may be asked of the CAD on {@code route} now, or empty when it may. */
    public Optional<String> cannotAsk(OperationType route) {
        if (setup.notConnected().isPresent()) {
            return Optional.of("needs a working connection to the CAD (see API key)");
        }
        if (!hasRoom(route)) {
            return Optional.of("the " + route.route().description() + " may send " + route.route().limitPerMinute()
                    + " requests a minute and has no room right now, so the doctor sent nothing there; try again in a minute");
        }
        return Optional.empty();
    }

    /** {@code GET /v2/general/version}, asked at most once per run and only with room on its route. */
    public synchronized CompletableFuture<Asked<CadVersion>> version() {
        if (version == null) {
            version = generation() != ApiGeneration.V2
                    ? CompletableFuture.completedFuture(new Asked.Skipped<>("the v1 API has no harmless request to ask"))
                    : ask(OperationType.VERSION, () -> dispatcher.submit(new VersionCheck()), CadVersion.class);
        }
        return version;
    }

    /**
     * Whether the CAD knows the configured server id, by reading the server's calls
     * ({@code GET .../servers/{serverId}/calls}, which answers 404 for a server the CAD does not have).
     * The calls themselves are not used.
     */
    public CompletableFuture<Asked<List<?>>> serverKnown() {
        return ask(OperationType.ACTIVE_CALLS, () -> dispatcher.submit(new ActiveCallsQuery()), List.class);
    }

    /** Whether {@code communityUserId} is linked to a CAD account (v2). */
    public CompletableFuture<Asked<CadLinks.LinkCheck>> linkOf(String communityUserId) {
        Optional<String> blocked = cannotAsk(OperationType.LINK_CHECK);
        if (blocked.isPresent()) {
            return CompletableFuture.completedFuture(new Asked.Skipped<>(blocked.get()));
        }
        return links.checkLink(communityUserId).handle((check, error) -> {
            if (error == null) {
                return new Asked.Answer<>(check);
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof CadRequestException failure) {
                return new Asked.Refused<>(failure.kind(), failure.getMessage(), failure.traceId());
            }
            return new Asked.Refused<>(FailureKind.UNEXPECTED_RESPONSE.name(), String.valueOf(cause.getMessage()), null);
        });
    }

    @SuppressWarnings("unchecked")
    private <T> CompletableFuture<Asked<T>> ask(OperationType route, Supplier<CompletableFuture<CadResult>> request, Class<? super T> answer) {
        Optional<String> blocked = cannotAsk(route);
        if (blocked.isPresent()) {
            return CompletableFuture.completedFuture(new Asked.Skipped<>(blocked.get()));
        }
        return request.get().handle((result, error) -> {
            if (error != null) {
                return new Asked.Refused<>(FailureKind.UNEXPECTED_RESPONSE.name(), String.valueOf(error.getMessage()), null);
            }
            return switch (result) {
                case CadResult.Replied replied when answer.isInstance(replied.answer()) -> new Asked.Answer<>((T) replied.answer());
                case CadResult.Failed failed -> new Asked.Refused<>(failed.kind().name(), failed.message(), failed.traceId());
                case CadResult.Expired expired -> new Asked.Refused<>(FailureKind.UNREACHABLE.name(), expired.message(), null);
                default -> new Asked.Refused<>(FailureKind.UNEXPECTED_RESPONSE.name(), "unexpected answer " + result, null);
            };
        });
    }
}
