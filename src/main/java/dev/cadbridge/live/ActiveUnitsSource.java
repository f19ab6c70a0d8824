package dev.cadbridge.live;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The units the CAD lists as logged in ({@code GET .../units}, 3 a minute): asked once per
 * connected session, to seed the unit cache. Events keep it current afterwards.
 */
@FunctionalInterface
public interface ActiveUnitsSource {
    ActiveUnitsSource NONE = () -> CompletableFuture.completedFuture(List.of());

    CompletableFuture<List<CadUnit>> activeUnits();
}
