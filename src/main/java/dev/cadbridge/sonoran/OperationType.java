package dev.cadbridge.sonoran;

import dev.cadbridge.sonoran.Route.Kind;
import dev.cadbridge.sonoran.Route.Merge;
import java.time.Duration;

/** The CAD operations, each with its route: the one table the dispatcher reads. */
public enum OperationType {
    ATTACH(new Route("attach", AttachUnits.class, Kind.QUEUED, 10, Duration.ofMinutes(10), true, Merge.UNION_OF_UNITS, true, AttachUnits.V1, AttachUnits.V2)),
    DETACH(new Route("detach", DetachUnits.class, Kind.QUEUED, 10, Duration.ofMinutes(10), true, Merge.UNION_OF_UNITS, true, DetachUnits.V1, DetachUnits.V2)),
    KICK(new Route("kick", KickUnit.class, Kind.QUEUED, 20, Duration.ofMinutes(2), true, Merge.DISTINCT_TARGETS, true, KickUnit.V1, KickUnit.V2)),
    NEW_DISPATCH(new Route("new dispatch", NewDispatch.class, Kind.QUEUED, 20, Duration.ofMinutes(30), true, Merge.NONE, false, NewDispatch.V1, NewDispatch.V2)),
    CLOSE(new Route("close call", CloseCall.class, Kind.QUEUED, 20, Duration.ofMinutes(30), true, Merge.DISTINCT_TARGETS, true, CloseCall.V1, CloseCall.V2)),
    HEARTBEAT(new Route("heartbeat", ServerHeartbeat.class, Kind.QUEUED, 10, Duration.ofMinutes(1), false, Merge.LATEST_PER_TARGET, true, null, ServerHeartbeat.V2)),
    EMERGENCY_911(new Route("911 call", Emergency911.class, Kind.QUEUED, 10, Duration.ofMinutes(5), false, Merge.NONE, false, null, Emergency911.V2)),
    // A panic is time-critical: after a minute, or after a restart, it no longer says what is happening now.
    UNIT_PANIC(new Route("unit panic", SetUnitPanic.class, Kind.QUEUED, 20, Duration.ofMinutes(1), false, Merge.UNION_OF_UNITS, true, null, SetUnitPanic.V2)),
    // A status is what the unit does now: replayed after a restart it could undo a newer one set in the CAD.
    UNIT_STATUS(new Route("unit status", SetUnitStatus.class, Kind.QUEUED, 30, Duration.ofMinutes(2), false, Merge.UNION_OF_UNITS, true, null, SetUnitStatus.V2)),
    // A note is not idempotent (sent twice, it shows twice) and is written for the moment.
    CALL_NOTE(new Route("call note", CallNote.class, Kind.QUEUED, 60, Duration.ofMinutes(5), false, Merge.NONE, false, null, CallNote.V2)),
    REMOVE_911(new Route("911 call removal", Remove911.class, Kind.QUEUED, 10, Duration.ofMinutes(5), false, Merge.NONE, true, null, Remove911.V2)),
    LINK_CREATE(new Route("link code request", CreateLink.class, Kind.REQUEST_RESPONSE, 30, Duration.ofSeconds(30), false, Merge.NONE, true, null, CreateLink.V2)),
    LINK_CHECK(new Route("link check", CheckLink.class, Kind.REQUEST_RESPONSE, 30, Duration.ofSeconds(30), false, Merge.NONE, true, null, CheckLink.V2)),
    ACTIVE_UNITS(new Route("active units query", ActiveUnitsQuery.class, Kind.REQUEST_RESPONSE, 3, Duration.ofSeconds(30), false, Merge.NONE, true, null, ActiveUnitsQuery.V2)),
    ACTIVE_CALLS(new Route("active calls query", ActiveCallsQuery.class, Kind.REQUEST_RESPONSE, 5, Duration.ofSeconds(30), false, Merge.NONE, true, null, ActiveCallsQuery.V2)),
    // Live map positions while the hub is down: a position older than a few seconds is not worth sending.
    UNIT_LOCATIONS(new Route("unit locations", UpdateUnitLocations.class, Kind.QUEUED, 12, Duration.ofSeconds(15), false, Merge.NONE, true, null, UpdateUnitLocations.V2)),
    VERSION(new Route("version check", VersionCheck.class, Kind.PROBE, 10, Duration.ofSeconds(30), false, Merge.NONE, true, null, VersionCheck.V2));

    private final Route route;

    OperationType(Route route) {
        this.route = route;
    }

    public Route route() {
        return route;
    }
}
