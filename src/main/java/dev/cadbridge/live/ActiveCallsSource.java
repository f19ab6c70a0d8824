package dev.cadbridge.live;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The dispatch calls the CAD has open, with the identifiers of the units on them, asked once per
 * connected session so that an attach or close of a call opened before the session can name it.
 */
public interface ActiveCallsSource {
    ActiveCallsSource NONE = () -> CompletableFuture.completedFuture(List.of());

    CompletableFuture<List<OpenCall>> activeCalls();

    /** One open call and the CAD identifier ids of its units. */
    record OpenCall(CadCall call, List<Long> idents) {
        public OpenCall {
            idents = List.copyOf(idents);
        }
    }
}
