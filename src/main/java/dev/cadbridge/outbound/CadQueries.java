package dev.cadbridge.outbound;

import dev.cadbridge.sonoran.ActiveCall;
import dev.cadbridge.sonoran.ActiveCallsQuery;
import dev.cadbridge.sonoran.ActiveUnit;
import dev.cadbridge.sonoran.ActiveUnitsQuery;
import dev.cadbridge.sonoran.CadLinks;
import dev.cadbridge.sonoran.CadRequestException;
import dev.cadbridge.sonoran.CheckLink;
import dev.cadbridge.sonoran.CreateLink;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The v2 queries of what is active on this server, and the link flow, as request-response routes of a dispatcher:
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

    /**
     * The account-link flow over any dispatcher: in network mode the network's, so link requests of
     * every server share the route's per-key limit.
     */
    public static CadLinks links(CadDispatcher dispatcher) {
        return new CadLinks() {
            @Override
            public CompletableFuture<CadLinks.LinkCode> createLink(String communityUserId) {
                return Answers.ask(dispatcher, () -> new CreateLink(communityUserId), CadLinks.LinkCode.class);
            }

            @Override
            public CompletableFuture<CadLinks.LinkCheck> checkLink(String communityUserId) {
                return Answers.ask(dispatcher, () -> new CheckLink(communityUserId), CadLinks.LinkCheck.class);
            }
        };
    }

    /** {@code GET .../calls}: the open dispatch calls, then the 911 calls. */
    @SuppressWarnings("unchecked")
    public static CompletableFuture<List<ActiveCall>> activeCalls(CadDispatcher dispatcher) {
        return Answers.ask(dispatcher, ActiveCallsQuery::new, List.class).thenApply(list -> (List<ActiveCall>) list);
    }
}
