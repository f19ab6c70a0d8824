package dev.cadbridge.sonoran;

import dev.cadbridge.sonoran.Route.Merge;
import java.time.Duration;

/** The CAD operations, each with its route: the one table the dispatcher reads. */
public enum OperationType {
    ATTACH(new Route("attach", 10, Duration.ofMinutes(10), true, Merge.UNION_OF_UNITS, true)),
    DETACH(new Route("detach", 10, Duration.ofMinutes(10), true, Merge.UNION_OF_UNITS, true)),
    KICK(new Route("kick", 20, Duration.ofMinutes(2), true, Merge.DISTINCT_TARGETS, true)),
    NEW_DISPATCH(new Route("new dispatch", 20, Duration.ofMinutes(30), true, Merge.NONE, false)),
    CLOSE(new Route("close call", 20, Duration.ofMinutes(30), true, Merge.DISTINCT_TARGETS, true));

    private final Route route;

    OperationType(Route route) {
        this.route = route;
    }

    public Route route() {
        return route;
    }
}
