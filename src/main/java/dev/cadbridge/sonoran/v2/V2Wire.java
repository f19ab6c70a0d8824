package dev.cadbridge.sonoran.v2;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.cadbridge.sonoran.ApiGeneration;
import dev.cadbridge.sonoran.CadLinks;
import dev.cadbridge.sonoran.CadOperation;
import dev.cadbridge.sonoran.CadRequestException;
import dev.cadbridge.sonoran.FailureKind;
import dev.cadbridge.sonoran.OperationType;
import dev.cadbridge.sonoran.SonoranSettings;
import dev.cadbridge.sonoran.SonoranWire;
import dev.cadbridge.sonoran.V2Codec;
import dev.cadbridge.sonoran.WireOutcome;
import dev.cadbridge.sonoran.WireResponse;
import dev.cadbridge.sonoran.WireSupport;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
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

    private final V2Codec.Requests requests = this::send;

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
        return type.route().v2().request(requests, operations);
    }

    @Override
    public WireOutcome classify(OperationType type, List<CadOperation> operations, WireResponse response, Instant now) {
        if (response.code() < 200 || response.code() >= 300) {
            return failure(response, now);
        }
        return type.route().v2().answer(operations, response);
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

    private Request send(String method, String path, JsonElement body) {
        HttpUrl url = base.newBuilder().addPathSegments(path.replace("{serverId}", Integer.toString(settings.serverId()))).build();
        return builder(url).method(method, body == null ? null : RequestBody.create(body.toString(), WireSupport.JSON)).build();
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
