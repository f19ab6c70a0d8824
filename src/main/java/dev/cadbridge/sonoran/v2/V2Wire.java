package dev.cadbridge.sonoran.v2;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.cadbridge.sonoran.ApiGeneration;
import dev.cadbridge.sonoran.AttachUnits;
import dev.cadbridge.sonoran.CadLinks;
import dev.cadbridge.sonoran.CadOperation;
import dev.cadbridge.sonoran.CadRequestException;
import dev.cadbridge.sonoran.CadResult;
import dev.cadbridge.sonoran.CloseCall;
import dev.cadbridge.sonoran.DetachUnits;
import dev.cadbridge.sonoran.FailureKind;
import dev.cadbridge.sonoran.KickUnit;
import dev.cadbridge.sonoran.NewDispatch;
import dev.cadbridge.sonoran.OperationType;
import dev.cadbridge.sonoran.SonoranSettings;
import dev.cadbridge.sonoran.SonoranWire;
import dev.cadbridge.sonoran.WireOutcome;
import dev.cadbridge.sonoran.WireResponse;
import dev.cadbridge.sonoran.WireSupport;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.OptionalLong;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * The current API: {@code Authorization: Bearer <key>}, JSON in and out, problem+json errors.
 * Routes and bodies follow the v2 pages under shared/sonoran-api/v2.
 */
public final class V2Wire implements SonoranWire {
    private static final Pattern UNIT_WORDS =
            Pattern.compile("\\b(UNITS?|LINKED|COMMUNITYUSERIDS?)\\b");
    private static final Pattern CALL_WORDS = Pattern.compile("\\bCALLS?\\b");
    private static final Pattern SERVER_WORDS = Pattern.compile("\\bSERVER(ID)?S?\\b");
    /** A path or URL in an error text names the route, not what was missing. */
    private static final Pattern PATHS = Pattern.compile("\\S*/\\S*");
    private static final String LINK_PAGE = "https://sonorancad.com/id?code=";
    private static final Duration LINK_LIFETIME = Duration.ofSeconds(600);

    private final SonoranSettings settings;
    private final HttpUrl base;

    public V2Wire(SonoranSettings settings) {
        this.settings = settings;
        this.base = HttpUrl.get(settings.baseUrl().toString());
    }

    @Override
    public ApiGeneration generation() {
        return ApiGeneration.V2;
    }

    @Override
    public Request request(OperationType type, List<CadOperation> operations) {
        return switch (type) {
            case KICK -> post(serverPath("units/kick"), kickBody(operations));
            case CLOSE -> post(serverPath("dispatch-calls/close"), closeBody(operations));
            case ATTACH -> {
                AttachUnits attach = (AttachUnits) single(operations);
                JsonObject body = new JsonObject();
                body.add("communityUserIds", WireSupport.strings(attach.unitIds()));
                yield post(serverPath("dispatch-calls/" + attach.callId() + "/attachments"), body);
            }
            case DETACH -> {
                JsonObject body = new JsonObject();
                body.add("communityUserIds", WireSupport.strings(((DetachUnits) single(operations)).unitIds()));
                yield builder(serverPath("dispatch-calls/attachments"))
                        .delete(RequestBody.create(body.toString(), WireSupport.JSON)).build();
            }
            case NEW_DISPATCH -> post(serverPath("dispatch-calls"), dispatchBody((NewDispatch) single(operations)));
        };
    }

    /** One kick goes as the single object the vendor's SDK sends; several go as the documented array. */
    private static JsonElement kickBody(List<CadOperation> operations) {
        if (operations.size() == 1) {
            return kickObject((KickUnit) operations.get(0));
        }
        JsonArray array = new JsonArray();
        operations.forEach(op -> array.add(kickObject((KickUnit) op)));
        return array;
    }

    private static JsonObject kickObject(KickUnit kick) {
        JsonObject object = new JsonObject();
        object.addProperty("communityUserId", kick.unitId());
        object.addProperty("reason", kick.reason());
        return object;
    }

    private static JsonObject closeBody(List<CadOperation> operations) {
        JsonArray callIds = new JsonArray();
        operations.forEach(op -> callIds.add(((CloseCall) op).callId()));
        JsonObject body = new JsonObject();
        body.add("callIds", callIds);
        return body;
    }

    /**
     * The page documents {@code notes} only as "note objects" and shows {@code []} in every request, so
     * the note text goes into the description instead of guessing an object shape the API might reject
     * as malformed. Empty optional strings are left out; {@code communityUserIds} is always sent
     * because the API needs at least one target key ({@code []} makes an unassigned call).
     */
    static JsonObject dispatchBody(NewDispatch dispatch) {
        JsonObject body = new JsonObject();
        body.addProperty("origin", dispatch.origin().wireValue());
        body.addProperty("status", dispatch.status().wireValue());
        body.addProperty("priority", dispatch.priority());
        optional(body, "block", dispatch.block());
        optional(body, "address", dispatch.address());
        optional(body, "postal", dispatch.postal());
        body.addProperty("title", dispatch.title());
        optional(body, "code", dispatch.code());
        optional(body, "description", WireSupport.descriptionWithNotes(dispatch));
        body.add("notes", new JsonArray());
        body.add("communityUserIds", WireSupport.strings(dispatch.units()));
        if (!dispatch.metaData().isEmpty()) {
            JsonObject meta = new JsonObject();
            dispatch.metaData().forEach(meta::addProperty);
            body.add("metaData", meta);
        }
        return body;
    }

    private static void optional(JsonObject body, String name, String value) {
        if (!value.isEmpty()) {
            body.addProperty(name, value);
        }
    }

    private static CadOperation single(List<CadOperation> operations) {
        if (operations.size() != 1) {
            throw new IllegalArgumentException("this request carries exactly one operation, got " + operations.size());
        }
        return operations.get(0);
    }

    @Override
    public WireOutcome classify(OperationType type, List<CadOperation> operations, WireResponse response, Instant now) {
        if (response.code() < 200 || response.code() >= 300) {
            return failure(response, now);
        }
        return switch (type) {
            case KICK -> operations.size() == 1 ? WireSupport.allDelivered(operations) : kickAnswer(operations, response);
            case NEW_DISPATCH -> dispatchAnswer(response);
            case ATTACH, DETACH -> unitsAnswer(single(operations), response);
            case CLOSE -> closeAnswer(operations, response);
        };
    }

    /** A 2xx without the list that says what was done: the CAD may have acted, but nothing tells. */
    private static WireOutcome unclear(List<CadOperation> operations, WireResponse response, String list, String what) {
        CadResult unknown = new CadResult.OutcomeUnknown("the CAD answered HTTP " + response.code() + " without the '"
                + list + "' list that says which " + what + "; check the CAD");
        List<CadResult> results = new ArrayList<>();
        operations.forEach(op -> results.add(unknown));
        return new WireOutcome.Answered(results);
    }

    /**
     * Attach and detach answer the CAD identifier ids ({@code identIds}) of the units they acted on,
     * not the communityUserIds sent, so the answer can only be counted: fewer ids than units means
     * some were not logged in to the CAD, and unless none was, the answer does not say which.
     */
    private static WireOutcome unitsAnswer(CadOperation operation, WireResponse response) {
        List<String> units = operation instanceof AttachUnits attach ? attach.unitIds() : ((DetachUnits) operation).unitIds();
        JsonObject json = WireSupport.jsonObject(response.body());
        JsonElement identIds = json == null ? null : json.get("identIds");
        if (identIds == null || !identIds.isJsonArray()) {
            return unclear(List.of(operation), response, "identIds", "units it "
                    + (operation instanceof AttachUnits ? "attached" : "detached"));
        }
        Set<String> actedOn = new HashSet<>();
        identIds.getAsJsonArray().forEach(id -> actedOn.add(id.toString()));
        int named = new HashSet<>(units).size();
        return new WireOutcome.Answered(List.of(actedOn.size() >= named
                ? new CadResult.Delivered(OptionalLong.empty()) : WireSupport.leftOut(operation, actedOn.size())));
    }

    /** Maps {@code callIds} back to each call; a call the CAD did not list was not closed (it has no such call). */
    private static WireOutcome closeAnswer(List<CadOperation> operations, WireResponse response) {
        JsonObject json = WireSupport.jsonObject(response.body());
        JsonElement callIds = json == null ? null : json.get("callIds");
        if (callIds == null || !callIds.isJsonArray()) {
            return unclear(operations, response, "callIds", "calls it closed");
        }
        Set<String> closed = new HashSet<>();
        for (JsonElement id : callIds.getAsJsonArray()) {
            if (id.isJsonPrimitive()) {
                closed.add(id.getAsString());
            }
        }
        List<CadResult> results = new ArrayList<>();
        for (CadOperation operation : operations) {
            results.add(closed.contains(Long.toString(((CloseCall) operation).callId()))
                    ? new CadResult.Delivered(OptionalLong.empty()) : WireSupport.leftOut(operation, 0));
        }
        return new WireOutcome.Answered(results);
    }

    /** Maps {@code kicked[].communityUserId} back to each target; a target the CAD did not list was not kicked. */
    private static WireOutcome kickAnswer(List<CadOperation> operations, WireResponse response) {
        JsonObject json = WireSupport.jsonObject(response.body());
        JsonElement kicked = json == null ? null : json.get("kicked");
        if (kicked == null || !kicked.isJsonArray()) {
            return unclear(operations, response, "kicked", "units it kicked");
        }
        Set<String> kickedIds = new HashSet<>();
        for (JsonElement element : kicked.getAsJsonArray()) {
            if (element.isJsonObject()) {
                String id = WireSupport.string(element.getAsJsonObject(), "communityUserId");
                if (id != null) {
                    kickedIds.add(id);
                }
            }
        }
        List<CadResult> results = new ArrayList<>();
        for (CadOperation operation : operations) {
            results.add(kickedIds.contains(((KickUnit) operation).unitId())
                    ? new CadResult.Delivered(OptionalLong.empty()) : WireSupport.leftOut(operation, 0));
        }
        return new WireOutcome.Answered(results);
    }

    private static WireOutcome dispatchAnswer(WireResponse response) {
        JsonObject json = WireSupport.jsonObject(response.body());
        JsonElement callId = json == null ? null : json.get("callId");
        if (callId != null && callId.isJsonPrimitive() && callId.getAsJsonPrimitive().isNumber()) {
            return new WireOutcome.Answered(List.of(new CadResult.Delivered(OptionalLong.of(callId.getAsLong()))));
        }
        // A 2xx means the call was probably created, but without its id nothing can refer to it.
        return new WireOutcome.Answered(List.of(new CadResult.OutcomeUnknown(
                "the CAD answered HTTP " + response.code() + " without a call id; check the CAD before dispatching again")));
    }

    /** Any non-2xx answer, for operations and for the link and version requests alike. */
    public WireOutcome failure(WireResponse response, Instant now) {
        JsonObject problem = WireSupport.jsonObject(response.body());
        String detail = problemText(response, problem);
        String traceId = WireSupport.traceId(response, problem);
        WireOutcome shared = WireSupport.rateLimitOrServerError(response, now, detail.isEmpty() ? "" : ": " + detail);
        if (shared != null) {
            return shared;
        }
        int code = response.code();
        String upper = detail.toUpperCase(Locale.ROOT);
        if (code == 402 || upper.contains("REQUIRED") && upper.contains("VERSION")) {
            return new WireOutcome.Rejected(FailureKind.PLAN, "your Sonoran CAD plan does not include this ("
                    + code + (detail.isEmpty() ? "" : ": " + detail) + ")", traceId);
        }
        if (code == 401 || code == 403) {
            return new WireOutcome.Rejected(FailureKind.CREDENTIALS, "the CAD rejected the API key (HTTP " + code
                    + (detail.isEmpty() ? "" : ": " + detail) + "); check sonoran.api-key", traceId);
        }
        if (code == 404) {
            // The documented 404 is an unknown serverId, which pauses everything; a 404 about a unit or
            // a call is only this operation's problem, and one that names nothing proves nothing alone.
            String named = PATHS.matcher(upper).replaceAll(" ");
            if (UNIT_WORDS.matcher(named).find()) {
                return new WireOutcome.Rejected(FailureKind.TARGET_NOT_FOUND, "the CAD does not know that unit: " + detail, traceId);
            }
            if (CALL_WORDS.matcher(named).find()) {
                return new WireOutcome.Rejected(FailureKind.TARGET_NOT_FOUND, "the CAD has no such call: " + detail, traceId);
            }
            if (SERVER_WORDS.matcher(named).find()) {
                return new WireOutcome.Rejected(FailureKind.CREDENTIALS, "the CAD does not know server id "
                        + settings.serverId() + " (HTTP 404" + (detail.isEmpty() ? "" : ": " + detail)
                        + "); check sonoran.server-id", traceId);
            }
            return new WireOutcome.NotFound("the CAD answered 404 (not found) without saying what it did not find"
                    + (detail.isEmpty() ? "" : ": " + detail), traceId);
        }
        if (code >= 400) {
            return new WireOutcome.Rejected(FailureKind.MALFORMED, "the CAD rejected the request (HTTP " + code
                    + (detail.isEmpty() ? "" : ": " + detail) + ")", traceId);
        }
        return new WireOutcome.Rejected(FailureKind.UNEXPECTED_RESPONSE, "the CAD answered HTTP " + code
                + " which this plugin does not expect" + (detail.isEmpty() ? "" : ": " + detail), traceId);
    }

    private String problemText(WireResponse response, JsonObject problem) {
        String text = null;
        if (problem != null) {
            text = WireSupport.string(problem, "detail");
            if (text == null) {
                text = WireSupport.string(problem, "title");
            }
            if (text == null) {
                text = WireSupport.string(problem, "message");
            }
        }
        if (text == null) {
            text = response.body();
        }
        return redact(text);
    }

    // ----- links and credential check -----

    public Request createLinkRequest(String communityUserId) {
        return post(base.newBuilder().addPathSegments("v2/general/links").build(), linkBody(communityUserId));
    }

    public Request checkLinkRequest(String communityUserId) {
        return post(base.newBuilder().addPathSegments("v2/general/links/check").build(), linkBody(communityUserId));
    }

    public Request versionRequest() {
        return builder(base.newBuilder().addPathSegments("v2/general/version").build()).get().build();
    }

    private static JsonObject linkBody(String communityUserId) {
        JsonObject body = new JsonObject();
        body.addProperty("communityUserId", communityUserId);
        return body;
    }

    /** A 2xx link answer; the expiry comes from expiresAt, else expiresInSeconds, else the documented 600 s. */
    public CadLinks.LinkCode linkCode(WireResponse response, Instant now) {
        JsonObject json = WireSupport.jsonObject(response.body());
        String code = json == null ? null : WireSupport.string(json, "code");
        if (code == null || code.isBlank()) {
            throw new CadRequestException(FailureKind.UNEXPECTED_RESPONSE.name(),
                    "the CAD answered the link request without a code", WireSupport.traceId(response, json));
        }
        Instant expiresAt = now.plus(LINK_LIFETIME);
        String expiresText = WireSupport.string(json, "expiresAt");
        String expiresIn = WireSupport.string(json, "expiresInSeconds");
        try {
            if (expiresText != null) {
                expiresAt = Instant.parse(expiresText);
            } else if (expiresIn != null) {
                expiresAt = now.plusSeconds(Long.parseLong(expiresIn));
            }
        } catch (DateTimeParseException | NumberFormatException unreadable) {
            expiresAt = now.plus(LINK_LIFETIME);
        }
        return new CadLinks.LinkCode(code, LINK_PAGE + code, expiresAt);
    }

    /**
     * A refused link check that means "not linked yet": Sonoran's own game resource says the check
     * sometimes answers a non-2xx status with {@code {"success":false}} for a user who has not linked.
     * A 429 or 5xx stays what it is.
     */
    public boolean isNotLinkedRefusal(WireResponse response) {
        int code = response.code();
        if (code < 400 || code == 429 || code >= 500) {
            return false;
        }
        return saysNotSuccessful(WireSupport.jsonObject(response.body()));
    }

    private static boolean saysNotSuccessful(JsonObject json) {
        JsonElement success = json == null ? null : json.get("success");
        return success != null && success.isJsonPrimitive() && success.getAsJsonPrimitive().isBoolean() && !success.getAsBoolean();
    }

    /** A link-check answer: {@code linked}, or a {@code {"success":false}} refusal meaning not linked yet. */
    public CadLinks.LinkCheck linkCheck(WireResponse response) {
        JsonObject json = WireSupport.jsonObject(response.body());
        if (json != null && !json.has("linked") && saysNotSuccessful(json)) {
            return new CadLinks.LinkCheck(false, null);
        }
        JsonElement linked = json == null ? null : json.get("linked");
        if (linked == null || !linked.isJsonPrimitive() || !linked.getAsJsonPrimitive().isBoolean()) {
            throw new CadRequestException(FailureKind.UNEXPECTED_RESPONSE.name(),
                    "the CAD answered the link check without 'linked'", WireSupport.traceId(response, json));
        }
        boolean isLinked = linked.getAsBoolean();
        return new CadLinks.LinkCheck(isLinked, isLinked ? WireSupport.string(json, "accountUuid") : null);
    }

    /** The plan name from a 2xx version answer, e.g. "PLUS (version 2)". */
    public String planName(WireResponse response) {
        JsonObject json = WireSupport.jsonObject(response.body());
        String name = json == null ? null : WireSupport.string(json, "name");
        String version = json == null ? null : WireSupport.string(json, "version");
        if (name == null) {
            return "plan unknown";
        }
        return version == null ? name : name + " (version " + version + ")";
    }

    // ----- plumbing -----

    private HttpUrl serverPath(String rest) {
        return base.newBuilder().addPathSegments("v2/emergency/servers/" + settings.serverId() + "/" + rest).build();
    }

    private Request post(HttpUrl url, JsonElement body) {
        return builder(url).post(RequestBody.create(body.toString(), WireSupport.JSON)).build();
    }

    private Request.Builder builder(HttpUrl url) {
        return new Request.Builder()
                .url(url)
                .header("Authorization", "Bearer " + settings.apiKey().reveal())
                .header("Accept", "application/json");
    }

    @Override
    public String redact(String text) {
        return WireSupport.redact(text, settings.apiKey());
    }

    @Override
    public String toString() {
        return "V2Wire[" + base + ", server " + settings.serverId() + "]";
    }
}
