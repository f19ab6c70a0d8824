package dev.cadbridge.sandbox;

import dev.cadbridge.sonoran.ApiGeneration;
import dev.cadbridge.sonoran.OperationType;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every route the sandbox knows, with the method and per-minute limit the documentation gives.
 * v2 routes carry their path template; v1 routes their fixed path and the SDK's {@code type}
 * string. {@link #UNKNOWN} stands for any other path.
 */
public enum SandboxEndpoint {
    V2_ATTACH(ApiGeneration.V2, OperationType.ATTACH, 10, Set.of("POST"),
            "/v2/emergency/servers/([^/]+)/dispatch-calls/([^/]+)/attachments", null),
    V2_DETACH(ApiGeneration.V2, OperationType.DETACH, 10, Set.of("DELETE"),
            "/v2/emergency/servers/([^/]+)/dispatch-calls/attachments", null),
    /** The page keeps DELETE on the same route for legacy callers, so both methods are valid. */
    V2_KICK(ApiGeneration.V2, OperationType.KICK, 20, Set.of("POST", "DELETE"),
            "/v2/emergency/servers/([^/]+)/units/kick", null),
    V2_NEW_DISPATCH(ApiGeneration.V2, OperationType.NEW_DISPATCH, 20, Set.of("POST"),
            "/v2/emergency/servers/([^/]+)/dispatch-calls", null),
    V2_CLOSE(ApiGeneration.V2, OperationType.CLOSE, 20, Set.of("POST"),
            "/v2/emergency/servers/([^/]+)/dispatch-calls/close", null),
    V2_VERSION(ApiGeneration.V2, null, 10, Set.of("GET"), "/v2/general/version", null),
    V2_LINK_CREATE(ApiGeneration.V2, null, 30, Set.of("POST"), "/v2/general/links", null),
    V2_LINK_CHECK(ApiGeneration.V2, null, 30, Set.of("POST"), "/v2/general/links/check", null),
    V2_UNITS(ApiGeneration.V2, OperationType.ACTIVE_UNITS, 3, Set.of("GET"), "/v2/emergency/servers/([^/]+)/units", null),
    V2_CALLS(ApiGeneration.V2, OperationType.ACTIVE_CALLS, 5, Set.of("GET"), "/v2/emergency/servers/([^/]+)/calls", null),
    V2_HEARTBEAT(ApiGeneration.V2, OperationType.HEARTBEAT, 10, Set.of("POST"), "/v2/general/servers/([^/]+)/heartbeat", null),
    V2_CALL_911(ApiGeneration.V2, OperationType.EMERGENCY_911, 10, Set.of("POST"), "/v2/emergency/servers/([^/]+)/calls/911", null),
    V2_UNIT_STATUS(ApiGeneration.V2, OperationType.UNIT_STATUS, 30, Set.of("PATCH"), "/v2/emergency/servers/([^/]+)/units/status", null),
    V2_UNIT_PANIC(ApiGeneration.V2, OperationType.UNIT_PANIC, 20, Set.of("PATCH"), "/v2/emergency/servers/([^/]+)/units/panic", null),
    V2_CALL_NOTE(ApiGeneration.V2, OperationType.CALL_NOTE, 60, Set.of("POST"), "/v2/emergency/servers/([^/]+)/dispatch-calls/([^/]+)/notes", null),
    V2_REMOVE_911(ApiGeneration.V2, OperationType.REMOVE_911, 10, Set.of("DELETE"), "/v2/emergency/servers/([^/]+)/calls/911/([^/]+)", null),
    V2_UNIT_LOCATIONS(ApiGeneration.V2, OperationType.UNIT_LOCATIONS, 12, Set.of("PATCH"), "/v2/emergency/servers/([^/]+)/unit-locations", null),

    V1_ATTACH(ApiGeneration.V1, OperationType.ATTACH, 0, Set.of("POST"), "/emergency/attach_unit", "ATTACH_UNIT"),
    V1_DETACH(ApiGeneration.V1, OperationType.DETACH, 0, Set.of("POST"), "/emergency/detach_unit", "DETACH_UNIT"),
    V1_KICK(ApiGeneration.V1, OperationType.KICK, 0, Set.of("POST"), "/emergency/kick_unit", "KICK_UNIT"),
    V1_NEW_DISPATCH(ApiGeneration.V1, OperationType.NEW_DISPATCH, 0, Set.of("POST"), "/emergency/new_dispatch", "NEW_DISPATCH"),
    V1_CLOSE(ApiGeneration.V1, OperationType.CLOSE, 0, Set.of("POST"), "/emergency/close_call", "CLOSE_CALL"),

    /** A path no documented route matches (v1 answers it with {@code Backend Service Reached}). */
    UNKNOWN(null, null, 0, Set.of(), null, null);

    private final ApiGeneration generation;
    private final OperationType operation;
    private final int documentedPerMinute;
    private final Set<String> methods;
    private final Pattern path;
    private final String v1Type;

    SandboxEndpoint(ApiGeneration generation, OperationType operation, int documentedPerMinute,
            Set<String> methods, String pathRegex, String v1Type) {
        this.generation = generation;
        this.operation = operation;
        this.documentedPerMinute = documentedPerMinute;
        this.methods = methods;
        this.path = pathRegex == null ? null : Pattern.compile(pathRegex);
        this.v1Type = v1Type;
    }

    /** V1, V2, or null for {@link #UNKNOWN}. */
    public ApiGeneration generation() {
        return generation;
    }

    /** The CAD operation this route performs, if the plugin queues it as one. */
    public Optional<OperationType> operation() {
        return Optional.ofNullable(operation);
    }

    /** The documented v2 limit per API key per minute; 0 for v1 routes (v1 publishes none). */
    public int documentedPerMinute() {
        return documentedPerMinute;
    }

    /** The HTTP methods the documentation accepts on this route. */
    public Set<String> methods() {
        return methods;
    }

    /** The v1 {@code type} string the SDK sends to this route; null for v2 routes. */
    public String v1Type() {
        return v1Type;
    }

    /** The route for a v1 {@code type} string, if the SDK has one. */
    public static Optional<SandboxEndpoint> forV1Type(String type) {
        for (SandboxEndpoint endpoint : values()) {
            if (endpoint.v1Type != null && endpoint.v1Type.equals(type)) {
                return Optional.of(endpoint);
            }
        }
        return Optional.empty();
    }

    /** The route matching {@code encodedPath} exactly (no trailing slash), with its path parameters. */
    static Route route(String encodedPath) {
        for (SandboxEndpoint endpoint : values()) {
            if (endpoint.path == null) {
                continue;
            }
            Matcher matcher = endpoint.path.matcher(encodedPath);
            if (matcher.matches()) {
                String serverId = matcher.groupCount() >= 1 ? matcher.group(1) : null;
                String callId = matcher.groupCount() >= 2 ? matcher.group(2) : null;
                return new Route(endpoint, serverId, callId);
            }
        }
        return new Route(UNKNOWN, null, null);
    }

    /** A matched route; {@code serverId} and {@code callId} are the raw path segments, or null. */
    record Route(SandboxEndpoint endpoint, String serverId, String callId) {}
}
