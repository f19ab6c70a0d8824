package dev.cadbridge.command;

import dev.cadbridge.outbound.CadDispatcher;
import dev.cadbridge.outbound.RateLimit;
import dev.cadbridge.sonoran.OperationType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The last list a CAD query answered ({@code /cad calls}, {@code /cad units}), kept for a short
 * while so that a busy staff team cannot spend a route of 3 or 5 requests a minute: asks within
 * {@link #maxAge()} get the kept list, and asks while a fetch runs share that fetch. Staff on
 * different Folia regions ask at once, so all of it is synchronized.
 */
final class ActiveListCache<T> {
    /** A list the CAD answered and when the answer arrived. */
    record Snapshot<T>(List<T> items, Instant fetchedAt) {}

    private final Clock clock;
    private final Supplier<Duration> configured;
    private final Duration shortest;
    private final Function<CadDispatcher, CompletableFuture<List<T>>> fetch;

    private Snapshot<T> latest;
    private CadDispatcher latestFrom;
    private CompletableFuture<Snapshot<T>> running;
    private CadDispatcher runningOn;

    /**
     * {@code route} sets the shortest age this cache accepts: one request per token of the route's
     * paced budget ({@link RateLimit#within}), so that an ask after that is never kept waiting for
     * a token: 15 s for calls (5 a minute), 30 s for units (3 a minute).
     */
    ActiveListCache(Clock clock, Supplier<Duration> configured, OperationType route,
                    Function<CadDispatcher, CompletableFuture<List<T>>> fetch) {
        this.clock = clock;
        this.configured = configured;
        this.shortest = Duration.ofMinutes(1).dividedBy(RateLimit.within(route.route().limitPerMinute()).perMinute());
        this.fetch = fetch;
    }

    /** How long a list is answered from the cache: the configured age, at least the route's shortest. */
    Duration maxAge() {
        Duration wanted = configured.get();
        return wanted.compareTo(shortest) < 0 ? shortest : wanted;
    }

    /**
     * The kept list while it is fresh, else the fetch already running, else a new fetch. A list
     * from another dispatcher (before a reload) is never answered.
     */
    synchronized CompletableFuture<Snapshot<T>> get(CadDispatcher dispatcher) {
        if (fresh(dispatcher)) {
            return CompletableFuture.completedFuture(latest);
        }
        if (running != null && runningOn == dispatcher) {
            return running;
        }
        CompletableFuture<Snapshot<T>> fetching = fetch.apply(dispatcher).thenApply(items -> new Snapshot<>(items, clock.instant()));
        running = fetching;
        runningOn = dispatcher;
        fetching.whenComplete((snapshot, error) -> finished(dispatcher, fetching, snapshot));
        return fetching;
    }

    /** Whether {@link #get} would answer at once, without asking the CAD. */
    synchronized boolean fresh(CadDispatcher dispatcher) {
        return latest != null && latestFrom == dispatcher
                && Duration.between(latest.fetchedAt(), clock.instant()).compareTo(maxAge()) < 0;
    }

    private synchronized void finished(CadDispatcher dispatcher, CompletableFuture<Snapshot<T>> fetching, Snapshot<T> snapshot) {
        if (running == fetching) {
            running = null;
            runningOn = null;
        }
        if (snapshot != null) {
            latest = snapshot;
            latestFrom = dispatcher;
        }
    }
}
