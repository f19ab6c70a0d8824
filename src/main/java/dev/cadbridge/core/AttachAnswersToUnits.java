package dev.cadbridge.core;

import dev.cadbridge.live.UnitCache;
import dev.cadbridge.outbound.CadDispatcher;
import dev.cadbridge.outbound.DispatcherStatus;
import dev.cadbridge.outbound.PendingOperation;
import dev.cadbridge.sonoran.AttachUnits;
import dev.cadbridge.sonoran.CadOperation;
import dev.cadbridge.sonoran.CadResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

/**
 * The dispatcher as the server's code sees it, passing on every operation unchanged. The CAD's
 * answer to an attach names the identifier of a unit it attached alone; the unit cache learns it
 * before whoever submitted the attach hears back, so the CAD's later events about that identifier
 * reach the player even when the session's seed did not list the unit (the CAD does not push our
 * own attach back as an event).
 */
final class AttachAnswersToUnits implements CadDispatcher {
    private final CadDispatcher dispatcher;
    private final UnitCache units;

    AttachAnswersToUnits(CadDispatcher dispatcher, UnitCache units) {
        this.dispatcher = dispatcher;
        this.units = units;
    }

    boolean wraps(CadDispatcher candidate) {
        return dispatcher == candidate;
    }

    @Override
    public CompletableFuture<CadResult> submit(CadOperation operation) {
        return learnFrom(operation, dispatcher.submit(operation));
    }

    @Override
    public List<CompletableFuture<CadResult>> submitAll(List<? extends CadOperation> operations) {
        List<CompletableFuture<CadResult>> futures = dispatcher.submitAll(operations);
        return IntStream.range(0, operations.size())
                .mapToObj(i -> learnFrom(operations.get(i), futures.get(i))).toList();
    }

    @Override
    public CompletableFuture<CadResult> resubmit(PendingOperation operation) {
        return learnFrom(operation.operation(), dispatcher.resubmit(operation));
    }

    private CompletableFuture<CadResult> learnFrom(CadOperation operation, CompletableFuture<CadResult> answer) {
        if (!(operation instanceof AttachUnits)) {
            return answer;
        }
        return answer.whenComplete((result, error) -> {
            if (result instanceof CadResult.Delivered delivered) {
                delivered.unitIdents().forEach((communityUserId, ident) -> units.attachedAs(ident, communityUserId));
            }
        });
    }

    @Override
    public DispatcherStatus status() {
        return dispatcher.status();
    }

    @Override
    public List<PendingOperation> close(Duration timeout) {
        return dispatcher.close(timeout);
    }
}
