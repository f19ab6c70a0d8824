package dev.cadbridge.sandbox;

import static dev.cadbridge.sandbox.JsonShape.array;
import static dev.cadbridge.sandbox.JsonShape.integer;
import static dev.cadbridge.sandbox.JsonShape.object;
import static dev.cadbridge.sandbox.JsonShape.onlyKnownKeys;
import static dev.cadbridge.sandbox.JsonShape.optionalString;
import static dev.cadbridge.sandbox.JsonShape.requireAny;
import static dev.cadbridge.sandbox.JsonShape.requiredInteger;
import static dev.cadbridge.sandbox.JsonShape.requiredNonBlank;
import static dev.cadbridge.sandbox.JsonShape.string;
import static dev.cadbridge.sandbox.JsonShape.unitId;
import static dev.cadbridge.sandbox.JsonShape.unitIds;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import dev.cadbridge.sonoran.ApiGeneration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The current API ({@code /v2/...}): bearer auth, JSON bodies as each page documents them,
 * JSON answers, problem+json errors.
 *
 * <p>Decisions where the pages are silent: attaching to a call that does not exist or is closed
 * answers 404; unit targets other than {@code communityUserId(s)} (groupName, roblox, discord,
 * accountUuid, identIds) are accepted as documented but match no unit; in strict-link mode unlinked
 * users are left out of {@code identIds}/{@code kicked}, and a request none of whose users resolve
 * answers 404; units that are not logged in ({@link SonoranSandbox#logOff}) are left out of
 * {@code identIds}/{@code kicked} and not acted on (a 200 with an empty list when none is), and a
 * single kick of one answers 404; unknown call ids are left out of a close answer. With
 * {@link SonoranSandbox#setUnlinkedCheckStatus} a link check for an unlinked user answers that status
 * with {@code {"success":false}}.
 */
final class V2Protocol extends Protocol {
    private static final Pattern SERVER_ID = Pattern.compile("\\d{1,9}");
    private static final Pattern CALL_ID = Pattern.compile("[1-9]\\d{0,17}");
    private static final Set<String> UNIT_TARGETS =
            Set.of("groupName", "communityUserId", "communityUserIds", "roblox", "discord", "accountUuid", "identIds");
    private static final Set<String> KICK_KEYS = Set.of("communityUserId", "roblox", "discord", "reason");
    private static final Set<String> DISPATCH_TARGETS = Set.of("communityUserIds", "accounts", "roblox", "discord");
    private static final Set<String> DISPATCH_KEYS = Set.of("origin", "status", "priority", "block", "address",
            "postal", "title", "code", "description", "notes", "communityUserIds", "roblox", "discord", "accounts",
            "metaData", "deleteAfterMinutes");

    /** The documented UNIT_STATUS enum. */
    private static final Map<Integer, String> UNIT_STATUS_NAMES = Map.of(0, "UNAVAILABLE", 1, "BUSY", 2, "AVAILABLE", 3, "ENROUTE",
            4, "ON_SCENE", 100, "OFFLINE");

    V2Protocol(SonoranSandbox sandbox, SandboxState state) {
        super(sandbox, state);
    }

    // ---- the documentation check ----

    @Override
    void check(Exchange ex, JsonElement json) {
        SandboxEndpoint endpoint = ex.endpoint();
        if (endpoint == SandboxEndpoint.UNKNOWN) {
            throw new JsonShape.Violation("no documented v2 route is " + ex.path());
        }
        if (!endpoint.methods().contains(ex.method())) {
            throw new JsonShape.Violation(ex.method() + " " + ex.path() + ": the docs use " + endpoint.methods());
        }
        checkAuthorizationHeader(ex);
        checkPathParameters(ex);
        checkQuery(ex);
        if (ex.method().equals("GET") || endpoint == SandboxEndpoint.V2_REMOVE_911) {
            if (!ex.body().isEmpty()) {
                throw new JsonShape.Violation(ex.method() + " " + ex.path() + " must not have a body");
            }
            return;
        }
        if (json == null) {
            throw new JsonShape.Violation(ex.method() + " " + ex.path() + " needs a JSON body");
        }
        if (!ex.declaresJson()) {
            throw new JsonShape.Violation("Content-Type must be application/json, was " + ex.headers().values("Content-Type"));
        }
        switch (endpoint) {
            case V2_ATTACH, V2_DETACH -> checkUnitTargets(object(json, "body"));
            case V2_KICK -> checkKick(json);
            case V2_NEW_DISPATCH -> checkNewDispatch(object(json, "body"));
            case V2_CLOSE -> {
                JsonObject body = object(json, "body");
                onlyKnownKeys(body, "body", Set.of("callIds"));
                JsonShape.positiveIntegers(body, "body", "callIds");
            }
            case V2_LINK_CREATE, V2_LINK_CHECK -> {
                JsonObject body = object(json, "body");
                onlyKnownKeys(body, "body", Set.of("communityUserId"));
                unitId(body.get("communityUserId"), "body.communityUserId");
            }
            case V2_CALL_911 -> {
                JsonObject body = object(json, "body");
                onlyKnownKeys(body, "body", Set.of("isEmergency", "caller", "location", "description", "deleteAfterMinutes", "metaData"));
                JsonElement emergency = body.get("isEmergency");
                if (emergency == null || !emergency.isJsonPrimitive() || !emergency.getAsJsonPrimitive().isBoolean()) {
                    throw new JsonShape.Violation("body.isEmergency must be a boolean");
                }
                JsonShape.requiredNonBlank(body, "body", "caller");
                JsonShape.requiredNonBlank(body, "body", "location");
                JsonShape.requiredNonBlank(body, "body", "description");
                if (body.has("deleteAfterMinutes")) {
                    requiredInteger(body, "body", "deleteAfterMinutes", 1, Integer.MAX_VALUE);
                }
                JsonShape.stringMap(body, "body", "metaData");
            }
            case V2_CALL_NOTE -> {
                JsonObject body = object(json, "body");
                onlyKnownKeys(body, "body", Set.of("note", "noteType", "label"));
                requiredNonBlank(body, "body", "note");
                if (body.has("noteType")) {
                    String type = string(body.get("noteType"), "body.noteType");
                    if (!type.equals("text")) {
                        throw new JsonShape.Violation("body.noteType \"" + type + "\" is not a documented note type (text)");
                    }
                }
                optionalString(body, "body", "label");
            }
            case V2_HEARTBEAT -> {
                JsonObject body = object(json, "body");
                onlyKnownKeys(body, "body", Set.of("playerCount"));
                requiredInteger(body, "body", "playerCount", 0, Integer.MAX_VALUE);
            }
            case V2_UNIT_PANIC -> {
                JsonObject body = object(json, "body");
                checkUnitTargets(withoutKey(body, "isPanic"));
                JsonElement panic = body.get("isPanic");
                if (panic == null || !panic.isJsonPrimitive() || !panic.getAsJsonPrimitive().isBoolean()) {
                    throw new JsonShape.Violation("body.isPanic must be a boolean");
                }
            }
            case V2_UNIT_STATUS -> {
                JsonObject body = object(json, "body");
                checkUnitTargets(withoutKey(body, "status"));
                long status = requiredInteger(body, "body", "status", 0, 100);
                if (!UNIT_STATUS_NAMES.containsKey((int) status)) {
                    throw new JsonShape.Violation("body.status " + status + " is not a documented UNIT_STATUS");
                }
            }
            case V2_UNIT_LOCATIONS -> {
                JsonObject body = object(json, "body");
                onlyKnownKeys(body, "body", Set.of("updates"));
                JsonElement updates = body.get("updates");
                if (updates == null || !updates.isJsonArray() || updates.getAsJsonArray().isEmpty()) {
                    throw new JsonShape.Violation("body.updates must be a non-empty array");
                }
                for (JsonElement update : updates.getAsJsonArray()) {
                    if (!update.isJsonObject()) {
                        throw new JsonShape.Violation("body.updates[] must be objects");
                    }
                    JsonObject object = update.getAsJsonObject();
                    onlyKnownKeys(object, "body.updates[]", Set.of("communityUserId", "roblox", "discord", "location", "coordinates", "peerId", "vehicle"));
                    if (!object.has("communityUserId") && !object.has("roblox") && !object.has("discord")) {
                        throw new JsonShape.Violation("body.updates[] needs communityUserId, roblox or discord");
                    }
                    JsonShape.requiredNonBlank(object, "body.updates[]", "location");
                }
            }
            default -> throw new IllegalStateException("no body check for " + endpoint);
        }
    }

    private static void checkAuthorizationHeader(Exchange ex) {
        List<String> values = ex.headers().values("Authorization");
        if (values.isEmpty()) {
            throw new JsonShape.Violation("missing Authorization header");
        }
        if (values.size() > 1) {
            throw new JsonShape.Violation(values.size() + " Authorization headers; send exactly one");
        }
        String value = values.get(0);
        if (!value.startsWith("Bearer ") || value.length() == "Bearer ".length()
                || Character.isWhitespace(value.charAt("Bearer ".length())) || value.endsWith(" ")) {
            // The value is the key: describe the shape, never echo it.
            throw new JsonShape.Violation("Authorization header must be exactly \"Bearer <API key>\"");
        }
    }

    private static void checkPathParameters(Exchange ex) {
        String serverId = ex.route().serverId();
        if (serverId != null && !SERVER_ID.matcher(serverId).matches()) {
            throw new JsonShape.Violation("path serverId must be an integer, was \"" + serverId + "\"");
        }
        String callId = ex.route().callId();
        if (callId != null && !CALL_ID.matcher(callId).matches()) {
            throw new JsonShape.Violation("path callId must be a positive integer, was \"" + callId + "\"");
        }
    }

    private static void checkQuery(Exchange ex) {
        Map<String, String> documented = switch (ex.endpoint()) {
            case V2_UNITS -> Map.of("includeOffline", "boolean", "onlyUnits", "boolean", "limit", "integer", "offset", "integer");
            case V2_CALLS -> Map.of("closedLimit", "integer", "closedOffset", "integer", "type", "integer");
            default -> Map.of();
        };
        for (String name : ex.url().queryParameterNames()) {
            String type = documented.get(name);
            if (type == null) {
                throw new JsonShape.Violation("undocumented query parameter \"" + name + "\" on " + ex.path());
            }
            String value = String.valueOf(ex.url().queryParameter(name));
            boolean valid = type.equals("boolean") ? value.equals("true") || value.equals("false") : value.matches("\\d{1,9}");
            if (!valid) {
                throw new JsonShape.Violation("query parameter " + name + " must be a " + type + ", was \"" + value + "\"");
            }
        }
    }

    private static void checkUnitTargets(JsonObject body) {
        onlyKnownKeys(body, "body", UNIT_TARGETS);
        requireAny(body, "body", UNIT_TARGETS);
        if (body.has("communityUserId")) {
            unitId(body.get("communityUserId"), "body.communityUserId");
        }
        if (body.has("communityUserIds")) {
            unitIds(body, "body", "communityUserIds", false);
        }
        for (String field : List.of("groupName", "discord", "accountUuid")) {
            if (body.has(field)) {
                requiredNonBlank(body, "body", field);
            }
        }
        if (body.has("roblox")) {
            JsonElement roblox = body.get("roblox");
            if (!(roblox.isJsonPrimitive() && (roblox.getAsJsonPrimitive().isString() || roblox.getAsJsonPrimitive().isNumber()))) {
                throw new JsonShape.Violation("body.roblox must be a Roblox user id, was " + JsonShape.describe(roblox));
            }
        }
        if (body.has("identIds")) {
            JsonShape.positiveIntegers(body, "body", "identIds");
        }
    }

    private static void checkKick(JsonElement json) {
        if (json.isJsonArray()) {
            JsonArray items = json.getAsJsonArray();
            if (items.isEmpty()) {
                throw new JsonShape.Violation("body is an empty array; send at least one kick");
            }
            for (int i = 0; i < items.size(); i++) {
                checkKickItem(object(items.get(i), "body[" + i + "]"), "body[" + i + "]");
            }
        } else {
            checkKickItem(object(json, "body"), "body");
        }
    }

    private static void checkKickItem(JsonObject item, String where) {
        onlyKnownKeys(item, where, KICK_KEYS);
        requireAny(item, where, Set.of("communityUserId", "roblox", "discord"));
        if (item.has("communityUserId")) {
            unitId(item.get("communityUserId"), where + ".communityUserId");
        }
        if (item.has("roblox")) {
            integer(item.get("roblox"), where + ".roblox", 1, Long.MAX_VALUE);
        }
        if (item.has("discord")) {
            requiredNonBlank(item, where, "discord");
        }
        requiredNonBlank(item, where, "reason");
    }

    private static void checkNewDispatch(JsonObject body) {
        onlyKnownKeys(body, "body", DISPATCH_KEYS);
        requiredInteger(body, "body", "origin", 0, 3);
        requiredInteger(body, "body", "status", 0, 2);
        requiredInteger(body, "body", "priority", 1, 3);
        requiredNonBlank(body, "body", "title");
        for (String field : List.of("block", "address", "postal", "code", "description", "roblox", "discord")) {
            optionalString(body, "body", field);
        }
        if (body.has("notes")) {
            JsonArray notes = array(body.get("notes"), "body.notes");
            for (int i = 0; i < notes.size(); i++) {
                object(notes.get(i), "body.notes[" + i + "]");
            }
        }
        requireAny(body, "body", DISPATCH_TARGETS);
        if (body.has("communityUserIds")) {
            unitIds(body, "body", "communityUserIds", true);
        }
        if (body.has("accounts")) {
            JsonArray accounts = array(body.get("accounts"), "body.accounts");
            for (int i = 0; i < accounts.size(); i++) {
                string(accounts.get(i), "body.accounts[" + i + "]");
            }
        }
        JsonShape.stringMap(body, "body", "metaData");
        if (body.has("deleteAfterMinutes")) {
            requiredInteger(body, "body", "deleteAfterMinutes", 1, Integer.MAX_VALUE);
        }
    }

    // ---- the answer ----

    @Override
    Reply answer(Exchange ex, JsonElement json, String violation) {
        SandboxEndpoint endpoint = ex.endpoint();
        if (endpoint == SandboxEndpoint.UNKNOWN) {
            return problem(ex, 404, "No route matches " + ex.method() + " " + ex.path() + ".");
        }
        String authorization = ex.headers().get("Authorization");
        if (authorization == null) {
            return problem(ex, 401, "Missing Authorization header.");
        }
        if (!authorization.startsWith("Bearer ")) {
            return problem(ex, 401, "Authorization header is not using the Bearer scheme.");
        }
        String key = authorization.substring("Bearer ".length());
        if (!sandbox.acceptsKey(key)) {
            return problem(ex, 401, "API key is invalid.");
        }
        Optional<Reply> limited = sandbox.rateLimit(key, endpoint);
        if (limited.isPresent()) {
            return limited.get();
        }
        if (!endpoint.methods().contains(ex.method())) {
            return problem(ex, 405, ex.method() + " is not allowed on " + ex.path() + ".");
        }
        String serverIdText = ex.route().serverId();
        if (serverIdText != null && SERVER_ID.matcher(serverIdText).matches()
                && !sandbox.serverIds().contains(Integer.parseInt(serverIdText))) {
            return problem(ex, 404, "Server " + serverIdText + " is not configured for this community.");
        }
        SandboxPlan required = sandbox.requiredPlan(endpoint);
        if (!sandbox.plan().includes(required)) {
            return problem(ex, 402, "VERSION " + required + " REQUIRED");
        }
        if (violation != null) {
            return problem(ex, 400, violation);
        }
        int serverId = serverIdText == null ? 0 : Integer.parseInt(serverIdText);
        return apply(ex, endpoint, serverId, json);
    }

    private Reply apply(Exchange ex, SandboxEndpoint endpoint, int serverId, JsonElement json) {
        return switch (endpoint) {
            case V2_ATTACH -> attach(ex, serverId, Long.parseLong(ex.route().callId()), json.getAsJsonObject());
            case V2_DETACH -> detach(ex, serverId, json.getAsJsonObject());
            case V2_KICK -> json.isJsonArray() ? kickMany(serverId, json.getAsJsonArray()) : kickOne(ex, serverId, json.getAsJsonObject());
            case V2_NEW_DISPATCH -> newDispatch(serverId, json.getAsJsonObject());
            case V2_CLOSE -> close(serverId, json.getAsJsonObject());
            case V2_VERSION -> version();
            case V2_LINK_CREATE -> createLink(json.getAsJsonObject().get("communityUserId").getAsString());
            case V2_LINK_CHECK -> checkLink(json.getAsJsonObject().get("communityUserId").getAsString());
            case V2_UNITS -> units();
            case V2_CALL_NOTE -> note(ex, serverId, Long.parseLong(ex.route().callId()), json.getAsJsonObject());
            case V2_REMOVE_911 -> remove911(ex, serverId, Long.parseLong(ex.route().callId()));
            case V2_CALLS -> calls(serverId);
            case V2_CALL_911 -> call911(serverId, json.getAsJsonObject());
            case V2_HEARTBEAT -> heartbeat(ex, serverId, json.getAsJsonObject().get("playerCount").getAsInt());
            case V2_UNIT_PANIC -> unitPanic(ex, json.getAsJsonObject());
            case V2_UNIT_STATUS -> unitStatus(ex, json.getAsJsonObject());
            case V2_UNIT_LOCATIONS -> {
                JsonObject answer = new JsonObject();
                answer.addProperty("queued", json.getAsJsonObject().getAsJsonArray("updates").size());
                yield Reply.json(200, answer);
            }
            case V1_ATTACH, V1_DETACH, V1_KICK, V1_NEW_DISPATCH, V1_CLOSE, UNKNOWN ->
                    throw new IllegalStateException("not a v2 route: " + endpoint);
        };
    }

    private Reply attach(Exchange ex, int serverId, long callId, JsonObject body) {
        Optional<SandboxState.StoredCall> call = state.openCall(serverId, callId);
        if (call.isEmpty()) {
            return problem(ex, 404, "Dispatch call " + callId + " was not found among the active calls of server " + serverId + ".");
        }
        List<String> named = communityUserIds(body);
        Map<String, Integer> resolved = resolve(named);
        if (!named.isEmpty() && resolved.isEmpty()) {
            return problem(ex, 404, "None of the communityUserIds is linked to an account in this community.");
        }
        Map<String, Integer> onDuty = loggedIn(resolved);
        onDuty.keySet().forEach(unit -> state.attach(ApiGeneration.V2, call.get(), unit));
        JsonObject answer = new JsonObject();
        answer.addProperty("callId", callId);
        answer.add("identIds", numbers(onDuty.values()));
        return Reply.json(200, answer);
    }

    private Reply detach(Exchange ex, int serverId, JsonObject body) {
        List<String> named = communityUserIds(body);
        Map<String, Integer> resolved = resolve(named);
        if (!named.isEmpty() && resolved.isEmpty()) {
            return problem(ex, 404, "None of the communityUserIds is linked to an account in this community.");
        }
        Map<String, Integer> onDuty = loggedIn(resolved);
        onDuty.keySet().forEach(unit -> state.detach(ApiGeneration.V2, serverId, unit));
        JsonObject answer = new JsonObject();
        answer.add("identIds", numbers(onDuty.values()));
        return Reply.json(200, answer);
    }

    private Reply kickOne(Exchange ex, int serverId, JsonObject item) {
        String unit = kickTarget(item);
        String reason = item.get("reason").getAsString();
        Optional<Integer> identId = state.resolveUnit(unit);
        if (identId.isEmpty()) {
            return problem(ex, 404, unit + " is not linked to an account in this community.");
        }
        if (!state.loggedIn(unit)) {
            return problem(ex, 404, "No active unit for communityUserId " + unit + ".");
        }
        state.kick(ApiGeneration.V2, serverId, unit, reason);
        JsonObject answer = new JsonObject();
        answer.addProperty("identId", identId.get());
        answer.addProperty("reason", reason);
        return Reply.json(200, answer);
    }

    private Reply kickMany(int serverId, JsonArray items) {
        JsonArray kicked = new JsonArray();
        for (JsonElement element : items) {
            JsonObject item = element.getAsJsonObject();
            String unit = kickTarget(item);
            String reason = item.get("reason").getAsString();
            Optional<Integer> identId = state.resolveUnit(unit);
            if (identId.isEmpty() || !state.loggedIn(unit)) {
                continue;
            }
            state.kick(ApiGeneration.V2, serverId, unit, reason);
            JsonObject entry = new JsonObject();
            entry.addProperty("identId", identId.get());
            entry.addProperty("communityUserId", unit);
            entry.addProperty("reason", reason);
            kicked.add(entry);
        }
        JsonObject answer = new JsonObject();
        answer.addProperty("count", kicked.size());
        answer.add("kicked", kicked);
        return Reply.json(200, answer);
    }

    /** communityUserId if given, else the linked external account, named as the sandbox keys it. */
    private static String kickTarget(JsonObject item) {
        if (item.has("communityUserId")) {
            return item.get("communityUserId").getAsString();
        }
        return item.has("roblox") ? "roblox:" + item.get("roblox").getAsString() : "discord:" + item.get("discord").getAsString();
    }

    private Reply newDispatch(int serverId, JsonObject body) {
        SandboxState.NewCall spec = new SandboxState.NewCall(
                body.get("origin").getAsInt(), body.get("status").getAsInt(), body.get("priority").getAsInt(),
                body.get("title").getAsString(), optionalString(body, "body", "code"), optionalString(body, "body", "block"),
                optionalString(body, "body", "address"), optionalString(body, "body", "postal"),
                optionalString(body, "body", "description"),
                body.has("notes") ? body.get("notes").toString() : "[]",
                JsonShape.stringMap(body, "body", "metaData"));
        SandboxState.StoredCall call = state.createCall(serverId, spec, ApiGeneration.V2);
        List<String> named = body.has("communityUserIds") ? unitIds(body, "body", "communityUserIds", true) : List.of();
        call.units.addAll(resolve(named).keySet());
        return Reply.json(201, callJson(call));
    }

    private Reply close(int serverId, JsonObject body) {
        JsonArray closed = new JsonArray();
        for (long callId : JsonShape.positiveIntegers(body, "body", "callIds")) {
            if (state.close(ApiGeneration.V2, serverId, callId)) {
                closed.add(callId);
            }
        }
        JsonObject answer = new JsonObject();
        answer.add("callIds", closed);
        return Reply.json(200, answer);
    }

    /** A 911 call lands among the server's calls as a pending, priority-1 call from a caller. */
    private Reply call911(int serverId, JsonObject body) {
        boolean emergency = body.get("isEmergency").getAsBoolean();
        SandboxState.NewCall spec = new SandboxState.NewCall(0, 0, emergency ? 1 : 2, "911 call from " + body.get("caller").getAsString(),
                "", "", body.get("location").getAsString(), "", body.get("description").getAsString(), "[]",
                JsonShape.stringMap(body, "body", "metaData"));
        SandboxState.StoredCall call = state.createCall(serverId, spec, ApiGeneration.V2);
        state.mark911(call.callId, new SandboxState.Caller911(body.get("caller").getAsString(), emergency));
        JsonObject answer = new JsonObject();
        answer.addProperty("callId", call.callId);
        answer.addProperty("isEmergency", emergency);
        answer.addProperty("caller", body.get("caller").getAsString());
        answer.addProperty("location", body.get("location").getAsString());
        answer.addProperty("description", body.get("description").getAsString());
        if (body.has("metaData")) {
            answer.add("metaData", body.get("metaData"));
        }
        answer.addProperty("updated", call.created.toString());
        return Reply.json(201, answer);
    }

    /** A note lands on an open dispatch or 911 call of that server; any other call id answers 404. */
    private Reply note(Exchange ex, int serverId, long callId, JsonObject body) {
        Optional<SandboxState.StoredCall> call = state.openCall(serverId, callId);
        if (call.isEmpty()) {
            return problem(ex, 404, "Call " + callId + " was not found among the active calls of server " + serverId + ".");
        }
        String label = body.has("label") ? body.get("label").getAsString() : "API";
        state.addNote(call.get(), label, body.get("note").getAsString());
        JsonObject answer = new JsonObject();
        answer.addProperty("callId", callId);
        answer.addProperty("note", body.get("note").getAsString());
        return Reply.json(200, answer);
    }

    /** Only an open 911 call of that server can be removed; a dispatch call or an unknown id answers 404. */
    private Reply remove911(Exchange ex, int serverId, long callId) {
        Optional<SandboxState.StoredCall> call = state.openCall(serverId, callId);
        if (call.isEmpty() || state.caller911(callId).isEmpty()) {
            return problem(ex, 404, "911 call " + callId + " was not found on server " + serverId + ".");
        }
        state.close(ApiGeneration.V2, serverId, callId);
        JsonObject answer = new JsonObject();
        answer.addProperty("callId", callId);
        answer.addProperty("serverId", serverId);
        return Reply.json(200, answer);
    }

    /** Only units logged in to the CAD are updated; the answer counts them. */
    private Reply unitPanic(Exchange ex, JsonObject body) {
        List<String> named = communityUserIds(body);
        Map<String, Integer> resolved = resolve(named);
        if (!named.isEmpty() && resolved.isEmpty()) {
            return problem(ex, 404, "None of the communityUserIds is linked to an account in this community.");
        }
        Map<String, Integer> onDuty = loggedIn(resolved);
        onDuty.keySet().forEach(unit -> state.setPanic(unit, body.get("isPanic").getAsBoolean()));
        JsonObject answer = new JsonObject();
        answer.addProperty("updated", onDuty.size());
        answer.addProperty("isPanic", body.get("isPanic").getAsBoolean());
        return Reply.json(200, answer);
    }

    /** Only units logged in to the CAD are updated; the answer counts them and names the status. */
    private Reply unitStatus(Exchange ex, JsonObject body) {
        List<String> named = communityUserIds(body);
        Map<String, Integer> resolved = resolve(named);
        if (!named.isEmpty() && resolved.isEmpty()) {
            return problem(ex, 404, "None of the communityUserIds is linked to an account in this community.");
        }
        Map<String, Integer> onDuty = loggedIn(resolved);
        onDuty.keySet().forEach(unit -> state.setUnitStatus(unit, body.get("status").getAsInt()));
        JsonObject answer = new JsonObject();
        answer.addProperty("updated", onDuty.size());
        answer.addProperty("status", UNIT_STATUS_NAMES.get(body.get("status").getAsInt()));
        return Reply.json(200, answer);
    }

    /** A copy of {@code body} without {@code key}, for the checks shared with routes that lack it. */
    private static JsonObject withoutKey(JsonObject body, String key) {
        JsonObject copy = body.deepCopy();
        copy.remove(key);
        return copy;
    }

    private Reply heartbeat(Exchange ex, int serverId, int playerCount) {
        JsonObject answer = new JsonObject();
        answer.addProperty("serverId", serverId);
        answer.addProperty("playerCount", playerCount);
        answer.addProperty("receivedAtUtc", ex.time().toString());
        return Reply.json(200, answer);
    }

    private Reply version() {
        JsonObject answer = new JsonObject();
        answer.addProperty("version", sandbox.plan().version());
        answer.addProperty("name", sandbox.plan().name());
        return Reply.json(200, answer);
    }

    private Reply createLink(String communityUserId) {
        SandboxState.LinkCode code = state.createLinkCode(communityUserId);
        JsonObject answer = new JsonObject();
        answer.addProperty("code", code.code());
        answer.addProperty("communityUserId", communityUserId);
        answer.addProperty("communityUuid", sandbox.communityUuid());
        answer.addProperty("expiresAt", DateTimeFormatter.ISO_INSTANT.format(code.expiresAt()));
        answer.addProperty("expiresInSeconds", SandboxState.LINK_CODE_LIFETIME.toSeconds());
        return Reply.json(200, answer);
    }

    private Reply checkLink(String communityUserId) {
        Optional<String> account = state.accountFor(communityUserId);
        if (account.isEmpty() && sandbox.unlinkedCheckStatus() > 0) {
            JsonObject refusal = new JsonObject();
            refusal.addProperty("success", false);
            return Reply.json(sandbox.unlinkedCheckStatus(), refusal);
        }
        JsonObject answer = new JsonObject();
        answer.addProperty("communityUserId", communityUserId);
        answer.addProperty("linked", account.isPresent());
        answer.add("accountUuid", account.<JsonElement>map(com.google.gson.JsonPrimitive::new).orElse(JsonNull.INSTANCE));
        return Reply.json(200, answer);
    }

    /** The units logged in to the CAD, in identifier order, with the status and panic last set through the API. */
    private Reply units() {
        JsonArray units = new JsonArray();
        state.knownUnits().entrySet().stream()
                .sorted(Map.Entry.comparingByValue())
                .filter(unit -> state.loggedIn(unit.getKey()))
                .forEach(entry -> {
                    String unitId = entry.getKey();
                    JsonObject unit = new JsonObject();
                    unit.addProperty("id", entry.getValue());
                    unit.addProperty("accId", state.accountFor(unitId).orElse(null));
                    unit.addProperty("status", state.unitStatus(unitId));
                    unit.addProperty("isPanic", state.panicking(unitId));
                    unit.addProperty("location", "");
                    JsonObject data = new JsonObject();
                    SandboxState.UnitProfile profile = state.unitProfile(unitId, entry.getValue());
                    data.addProperty("unitNum", profile.unitNumber());
                    data.addProperty("name", profile.name());
                    data.addProperty("page", 0);
                    data.addProperty("communityUserId", unitId);
                    unit.add("data", data);
                    unit.addProperty("isDispatch", false);
                    units.add(unit);
                });
        return Reply.json(200, units);
    }

    /** Open dispatch calls under ActiveCalls, open 911 calls under EmergencyCalls in their own shape, closed calls last. */
    private Reply calls(int serverId) {
        JsonArray active = new JsonArray();
        JsonArray emergency = new JsonArray();
        JsonArray closed = new JsonArray();
        for (SandboxState.StoredCall call : state.storedCalls()) {
            if (call.serverId != serverId) {
                continue;
            }
            Optional<SandboxState.Caller911> caller = state.caller911(call.callId);
            if (caller.isPresent()) {
                if (call.status != SandboxCall.CLOSED) {
                    emergency.add(emergencyJson(call, caller.get()));
                }
            } else {
                (call.status == SandboxCall.CLOSED ? closed : active).add(callJson(call));
            }
        }
        JsonObject answer = new JsonObject();
        answer.add("ActiveCalls", active);
        answer.add("EmergencyCalls", emergency);
        answer.add("ClosedCalls", closed);
        answer.addProperty("ClosedCallCount", closed.size());
        return Reply.json(200, answer);
    }

    private static JsonObject emergencyJson(SandboxState.StoredCall call, SandboxState.Caller911 caller) {
        JsonObject json = new JsonObject();
        json.addProperty("callId", call.callId);
        json.addProperty("isEmergency", caller.emergency());
        json.addProperty("caller", caller.caller());
        json.addProperty("location", call.address);
        json.addProperty("description", call.description);
        JsonObject metaData = new JsonObject();
        call.metaData.forEach(metaData::addProperty);
        json.add("metaData", metaData);
        json.addProperty("updated", DateTimeFormatter.ISO_INSTANT.format(call.updated));
        return json;
    }

    private JsonObject callJson(SandboxState.StoredCall call) {
        JsonObject json = new JsonObject();
        json.addProperty("callId", call.callId);
        json.addProperty("origin", call.origin);
        json.addProperty("status", call.status);
        json.addProperty("priority", call.priority);
        json.addProperty("block", call.block);
        json.addProperty("address", call.address);
        json.addProperty("postal", call.postal);
        json.addProperty("title", call.title);
        json.addProperty("code", call.code);
        Integer primary = call.units.isEmpty() ? null : state.resolveUnit(call.units.get(0)).orElse(null);
        json.addProperty("primary", primary);
        json.addProperty("trackPrimary", false);
        json.addProperty("description", call.description);
        json.add("notes", call.notes.startsWith("[") ? JsonShape.parse(call.notes) : new JsonArray());
        json.add("idents", numbers(resolve(call.units).values()));
        JsonObject metaData = new JsonObject();
        call.metaData.forEach(metaData::addProperty);
        json.add("metaData", metaData);
        json.addProperty("updated", DateTimeFormatter.ISO_INSTANT.format(call.updated));
        return json;
    }

    private static List<String> communityUserIds(JsonObject body) {
        List<String> named = new ArrayList<>();
        if (body.has("communityUserId")) {
            named.add(body.get("communityUserId").getAsString());
        }
        if (body.has("communityUserIds")) {
            named.addAll(unitIds(body, "body", "communityUserIds", false));
        }
        return named;
    }

    private Map<String, Integer> loggedIn(Map<String, Integer> resolved) {
        Map<String, Integer> onDuty = new LinkedHashMap<>(resolved);
        onDuty.keySet().removeIf(unit -> !state.loggedIn(unit));
        return onDuty;
    }

    /** Each unit with its identId, in order, duplicates collapsed, unresolvable units left out. */
    private Map<String, Integer> resolve(List<String> unitIds) {
        Map<String, Integer> resolved = new LinkedHashMap<>();
        for (String unit : unitIds) {
            state.resolveUnit(unit).ifPresent(identId -> resolved.put(unit, identId));
        }
        return resolved;
    }

    private static JsonArray numbers(Iterable<? extends Number> values) {
        JsonArray array = new JsonArray();
        values.forEach(array::add);
        return array;
    }

    private Reply problem(Exchange ex, int status, String detail) {
        return sandbox.problem(ex, status, detail);
    }
}
