package dev.cadbridge.storage;

import dev.cadbridge.outbound.PendingOperation;
import dev.cadbridge.sonoran.CadResult;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What a start-up replay of this server's outbox did.
 *
 * @param resubmitted    handed to the dispatcher again, each with the dispatcher's future
 * @param expired        deadline passed while the server was down; removed, never sent
 * @param outcomeUnknown new dispatches that were on the wire when the server died: they may or may
 *                       not exist at the CAD, and are not sent again (the API has no idempotency key)
 * @param unreadable     rows that no longer form a valid operation; removed, never sent
 */
public record ReplayReport(
        List<Resubmitted> resubmitted,
        List<PendingOperation> expired,
        List<PendingOperation> outcomeUnknown,
        int unreadable) {

    public record Resubmitted(PendingOperation operation, CompletableFuture<CadResult> result) {}

    public ReplayReport {
        resubmitted = List.copyOf(resubmitted);
        expired = List.copyOf(expired);
        outcomeUnknown = List.copyOf(outcomeUnknown);
    }
}
