package dev.cadbridge.outbound;

import dev.cadbridge.sonoran.ActiveCall;
import dev.cadbridge.sonoran.ActiveCallsQuery;
import dev.cadbridge.sonoran.ActiveUnit;
import dev.cadbridge.sonoran.ActiveUnitsQuery;
import dev.cadbridge.sonoran.CadRequestException;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The v2 queries of what is active on this server, as request-response routes of the dispatcher:
 * paced within their tiny limits (units 3, calls 5 a minute) and failed at once, with a
 * {@link CadRequestException}, when they cannot be answered in time (or on v1, which has neither).
 */
public final class CadQueries {
    private CadQueries() {}

    /** {@code GET .../units}: the active units, as the CAD lists them. */
    @SuppressWarnings("unchecked")
    public static CompletableFuture<List<ActiveUnit>> activeUnits(CadDispatcher dispatcher) {
        return Answers.ask(dispatcher, ActiveUnitsQuery::new, List.class).thenApply(list -> (List<ActiveUnit>) list);
    }

    /** {@code GET .../calls}: the open dispatch calls, then the 911 calls. */
    @SuppressWarnings("unchecked")
    public static CompletableFuture<List<ActiveCall>> activeCalls(CadDispatcher dispatcher) {
        return Answers.ask(dispatcher, ActiveCallsQuery::new, List.class).thenApply(list -> (List<ActiveCall>) list);
    }
}
