package dev.cadbridge.sandbox;

import static dev.cadbridge.sandbox.JsonShape.array;
import static dev.cadbridge.sandbox.JsonShape.object;
import static dev.cadbridge.sandbox.JsonShape.onlyKnownKeys;
import static dev.cadbridge.sandbox.JsonShape.optionalString;
import static dev.cadbridge.sandbox.JsonShape.requiredInteger;
import static dev.cadbridge.sandbox.JsonShape.requiredNonBlank;
import static dev.cadbridge.sandbox.JsonShape.unitId;
import static dev.cadbridge.sandbox.JsonShape.unitIds;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.cadbridge.sonoran.ApiGeneration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The legacy API: {@code POST /emergency/<endpoint>} with {@code {id, key, type, data:[...]}},
 * plain-text answers, endpoint and type names as Sonoran's maintained SDK sends them.
 *
 * <p>Decisions where the pages are silent (each answer is 400 text unless said): a serverId that is
 * not configured answers {@code INVALID SERVER ID}; a call that does not exist or is closed answers
 * 404 {@code CALL NOT FOUND}; in strict-link mode an unlinked apiId answers 404 {@code API ID NOT
 * LINKED TO AN ACCOUNT IN THIS COMMUNITY} (the README's text); a plan below the endpoint's tier
 * answers {@code VERSION <PLAN> REQUIRED}; data that breaks the page's shape answers
 * {@code INVALID REQUEST TYPE}. A request is all-or-nothing: nothing is applied unless every data
 * item can be. NEW_DISPATCH takes exactly one data item, because its answer carries one call id.
 * Close answers {@code CALL CLOSED} (the page's own text is a copy-paste error). Units that are not
 * logged in are left alone while the answer text stays the same, as v1 answers carry no ids. NEW_DISPATCH
 * {@code notes} must be an array, as the current page and Sonoran's clients send it.
 */
final class V1Protocol extends Protocol {
    static final String BACKEND_REACHED = "Backend Service Reached";
    static final String INVALID_REQUEST_TYPE = "INVALID REQUEST TYPE";
    static final String INVALID_COMMUNITY_ID = "INVALID COMMUNITY ID";
    static final String API_NOT_ENABLED = "API IS NOT ENABLED FOR THIS COMMUNITY";
    static final String INVALID_API_KEY = "INVALID API KEY";
    static final String NOT_LINKED = "API ID NOT LINKED TO AN ACCOUNT IN THIS COMMUNITY";
    static final String CALL_NOT_FOUND = "CALL NOT FOUND";
    static final String INVALID_SERVER_ID = "INVALID SERVER ID";

    private static final Set<String> ENVELOPE = Set.of("id", "key", "type", "data");
    private static final Set<String> DISPATCH_KEYS = Set.of("serverId", "origin", "status", "priority", "block",
            "address", "postal", "title", "code", "description", "notes", "metaData", "units");

    V1Protocol(SonoranSandbox sandbox, SandboxState state) {
        super(sandbox, state);
    }

    // ---- the documentation check ----

    @Override
    void check(Exchange ex, JsonElement json) {
        SandboxEndpoint endpoint = ex.endpoint();
        if (endpoint == SandboxEndpoint.UNKNOWN) {
            throw new JsonShape.Violation("no documented v1 endpoint is " + ex.path()
                    + " (the SDK uses /emergency/attach_unit, detach_unit, kick_unit, new_dispatch, close_call)");
        }
        if (!ex.method().equals("POST")) {
            throw new JsonShape.Violation(ex.method() + " " + ex.path() + ": v1 calls are POST");
        }
        if (ex.url().querySize() > 0) {
            throw new JsonShape.Violation("v1 calls take no query string, got \"" + ex.url().encodedQuery() + "\"");
        }
        if (json == null) {
            throw new JsonShape.Violation("v1 calls need a JSON body {id, key, type, data}");
        }
        if (!ex.declaresJson()) {
            throw new JsonShape.Violation("Content-Type must be application/json, was " + ex.headers().values("Content-Type"));
        }
        JsonObject envelope = checkEnvelope(json);
        String type = envelope.get("type").getAsString();
        if (!type.equals(endpoint.v1Type())) {
            throw new JsonShape.Violation("type \"" + type + "\" does not belong at " + ex.path() + "; the SDK sends " + endpoint.v1Type());
        }
        JsonArray data = array(envelope.get("data"), "data");
        if (data.isEmpty()) {
            throw new JsonShape.Violation("data must not be empty");
        }
        if (endpoint == SandboxEndpoint.V1_NEW_DISPATCH && data.size() != 1) {
            throw new JsonShape.Violation("NEW_DISPATCH takes exactly one data item (its answer carries one call id), got " + data.size());
        }
        for (int i = 0; i < data.size(); i++) {
            checkItem(endpoint, object(data.get(i), "data[" + i + "]"), "data[" + i + "]");
        }
    }

    /** id, key, type strings and a data array; the key's value is never echoed in a message. */
    private static JsonObject checkEnvelope(JsonElement json) {
        JsonObject envelope = object(json, "body");
        onlyKnownKeys(envelope, "body", ENVELOPE);
        for (String field : List.of("id", "key", "type")) {
            JsonElement value = envelope.get(field);
            if (value == null || !value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString() || value.getAsString().isBlank()) {
                throw new JsonShape.Violation("body." + field + " must be a non-blank string");
            }
        }
        array(envelope.get("data"), "body.data");
        return envelope;
    }

    private static void checkItem(SandboxEndpoint endpoint, JsonObject item, String where) {
        switch (endpoint) {
            case V1_ATTACH -> {
                onlyKnownKeys(item, where, Set.of("serverId", "callId", "units"));
                serverId(item, where);
                requiredInteger(item, where, "callId", 1, Long.MAX_VALUE);
                unitIds(item, where, "units", false);
            }
            case V1_DETACH -> {
                onlyKnownKeys(item, where, Set.of("serverId", "units"));
                serverId(item, where);
                unitIds(item, where, "units", false);
            }
            case V1_KICK -> {
                onlyKnownKeys(item, where, Set.of("apiId", "reason", "serverId"));
                unitId(item.get("apiId"), where + ".apiId");
                requiredNonBlank(item, where, "reason");
                serverId(item, where);
            }
            case V1_NEW_DISPATCH -> {
                onlyKnownKeys(item, where, DISPATCH_KEYS);
                serverId(item, where);
                requiredInteger(item, where, "origin", 0, 3);
                requiredInteger(item, where, "status", 0, 2);
                requiredInteger(item, where, "priority", 1, 3);
                requiredNonBlank(item, where, "title");
                for (String field : List.of("block", "address", "postal", "code", "description")) {
                    optionalString(item, where, field);
                }
                if (item.has("notes")) {
                    // The current page and Sonoran's clients send an array ([] for none); the old seed page's string is wrong.
                    JsonArray notes = array(item.get("notes"), where + ".notes");
                    for (int i = 0; i < notes.size(); i++) {
                        JsonElement note = notes.get(i);
                        if (!note.isJsonObject() && !(note.isJsonPrimitive() && note.getAsJsonPrimitive().isString())) {
                            throw new JsonShape.Violation(where + ".notes[" + i + "] must be a note, was " + JsonShape.describe(note));
                        }
                    }
                }
                JsonShape.stringMap(item, where, "metaData");
                if (item.has("units")) {
                    unitIds(item, where, "units", true);
                }
            }
            case V1_CLOSE -> {
                onlyKnownKeys(item, where, Set.of("serverId", "callId"));
                serverId(item, where);
                requiredInteger(item, where, "callId", 1, Long.MAX_VALUE);
            }
            default -> throw new IllegalStateException("not a v1 route: " + endpoint);
        }
    }

    private static void serverId(JsonObject item, String where) {
        requiredInteger(item, where, "serverId", 0, Integer.MAX_VALUE);
    }

    // ---- the answer ----

    @Override
    Reply answer(Exchange ex, JsonElement json, String violation) {
        SandboxEndpoint endpoint = ex.endpoint();
        if (endpoint == SandboxEndpoint.UNKNOWN || !ex.method().equals("POST")) {
            return Reply.text(200, BACKEND_REACHED);
        }
        Optional<JsonObject> envelope = readableEnvelope(json);
        if (envelope.isEmpty()) {
            return Reply.text(400, INVALID_REQUEST_TYPE);
        }
        if (!envelope.get().get("id").getAsString().equals(sandbox.communityId())) {
            return Reply.text(400, INVALID_COMMUNITY_ID);
        }
        if (sandbox.plan() == SandboxPlan.FREE) {
            return Reply.text(400, API_NOT_ENABLED);
        }
        String key = envelope.get().get("key").getAsString();
        if (!sandbox.acceptsKey(key)) {
            return Reply.text(400, INVALID_API_KEY);
        }
        Optional<Reply> limited = sandbox.rateLimit(key, endpoint);
        if (limited.isPresent()) {
            return limited.get();
        }
        if (violation != null) {
            return Reply.text(400, INVALID_REQUEST_TYPE);
        }
        SandboxPlan required = sandbox.requiredPlan(endpoint);
        if (!sandbox.plan().includes(required)) {
            return Reply.text(400, "VERSION " + required + " REQUIRED");
        }
        List<JsonObject> items = new ArrayList<>();
        envelope.get().getAsJsonArray("data").forEach(item -> items.add(item.getAsJsonObject()));
        Optional<Reply> refused = refusal(endpoint, items);
        if (refused.isPresent()) {
            return refused.get();
        }
        return apply(endpoint, items);
    }

    /** The envelope if id, key and type can be read at all; otherwise the API cannot tell what was meant. */
    private static Optional<JsonObject> readableEnvelope(JsonElement json) {
        if (json == null || !json.isJsonObject()) {
            return Optional.empty();
        }
        JsonObject envelope = json.getAsJsonObject();
        for (String field : List.of("id", "key", "type")) {
            JsonElement value = envelope.get(field);
            if (value == null || !value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
                return Optional.empty();
            }
        }
        return Optional.of(envelope);
    }

    /** Checks state before applying anything, so a request is applied whole or not at all. */
    private Optional<Reply> refusal(SandboxEndpoint endpoint, List<JsonObject> items) {
        for (JsonObject item : items) {
            int serverId = item.get("serverId").getAsInt();
            if (!sandbox.serverIds().contains(serverId)) {
                return Optional.of(Reply.text(400, INVALID_SERVER_ID));
            }
            boolean callMissing = switch (endpoint) {
                case V1_ATTACH -> state.openCall(serverId, item.get("callId").getAsLong()).isEmpty();
                case V1_CLOSE -> state.storedCall(item.get("callId").getAsLong()).filter(call -> call.serverId == serverId).isEmpty();
                default -> false;
            };
            if (callMissing) {
                return Optional.of(Reply.text(404, CALL_NOT_FOUND));
            }
            for (String unit : units(endpoint, item)) {
                if (state.resolveUnit(unit).isEmpty()) {
                    return Optional.of(Reply.text(404, NOT_LINKED));
                }
            }
        }
        return Optional.empty();
    }

    private static List<String> units(SandboxEndpoint endpoint, JsonObject item) {
        if (endpoint == SandboxEndpoint.V1_KICK) {
            return List.of(item.get("apiId").getAsString());
        }
        if (item.has("units")) {
            return unitIds(item, "data", "units", true);
        }
        return List.of();
    }

    private Reply apply(SandboxEndpoint endpoint, List<JsonObject> items) {
        String answer = switch (endpoint) {
            case V1_ATTACH -> {
                for (JsonObject item : items) {
                    SandboxState.StoredCall call = state.openCall(item.get("serverId").getAsInt(), item.get("callId").getAsLong()).orElseThrow();
                    units(endpoint, item).stream().filter(state::loggedIn).forEach(unit -> state.attach(ApiGeneration.V1, call, unit));
                }
                yield "UNITS ATTACHED";
            }
            case V1_DETACH -> {
                for (JsonObject item : items) {
                    int serverId = item.get("serverId").getAsInt();
                    units(endpoint, item).stream().filter(state::loggedIn).forEach(unit -> state.detach(ApiGeneration.V1, serverId, unit));
                }
                yield "UNITS DETACHED";
            }
            case V1_KICK -> {
                for (JsonObject item : items) {
                    if (state.loggedIn(item.get("apiId").getAsString())) {
                        state.kick(ApiGeneration.V1, item.get("serverId").getAsInt(), item.get("apiId").getAsString(),
                                item.get("reason").getAsString());
                    }
                }
                yield "UNIT KICKED";
            }
            case V1_NEW_DISPATCH -> "NEW DISPATCH CREATED - ID: " + newDispatch(items.get(0));
            case V1_CLOSE -> {
                for (JsonObject item : items) {
                    state.close(ApiGeneration.V1, item.get("serverId").getAsInt(), item.get("callId").getAsLong());
                }
                yield "CALL CLOSED";
            }
            default -> throw new IllegalStateException("not a v1 route: " + endpoint);
        };
        return Reply.text(200, answer);
    }

    private long newDispatch(JsonObject item) {
        SandboxState.NewCall spec = new SandboxState.NewCall(
                item.get("origin").getAsInt(), item.get("status").getAsInt(), item.get("priority").getAsInt(),
                item.get("title").getAsString(), optionalString(item, "data", "code"), optionalString(item, "data", "block"),
                optionalString(item, "data", "address"), optionalString(item, "data", "postal"),
                optionalString(item, "data", "description"), item.has("notes") ? item.get("notes").toString() : "[]",
                JsonShape.stringMap(item, "data", "metaData"));
        SandboxState.StoredCall call = state.createCall(item.get("serverId").getAsInt(), spec, ApiGeneration.V1);
        call.units.addAll(units(SandboxEndpoint.V1_NEW_DISPATCH, item).stream().distinct().toList());
        return call.callId;
    }
}
