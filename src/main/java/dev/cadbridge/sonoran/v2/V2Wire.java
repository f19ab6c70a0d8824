package dev.cadbridge.sonoran.v2;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.cadbridge.sonoran.ApiGeneration;
import dev.cadbridge.sonoran.CadOperation;
import dev.cadbridge.sonoran.FailureKind;
import dev.cadbridge.sonoran.OperationType;
import dev.cadbridge.sonoran.SonoranSettings;
import dev.cadbridge.sonoran.SonoranWire;
import dev.cadbridge.sonoran.V2Codec;
import dev.cadbridge.sonoran.WireOutcome;
import dev.cadbridge.sonoran.WireResponse;
import dev.cadbridge.sonoran.WireSupport;
import java.time.Instant;
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
        V2Codec codec = type.route().v2();
        if ((response.code() < 200 || response.code() >= 300) && !codec.isAnswer(response)) {
            WireOutcome failure = failure(response, now);
            if (response.code() == 404 && !codec.notFoundMayMeanTheServer()
                    && failure instanceof WireOutcome.Rejected rejected && rejected.kind() == FailureKind.CREDENTIALS) {
                // Its path names no server: whatever the 404 says, it is about this request alone.
                return new WireOutcome.Rejected(FailureKind.TARGET_NOT_FOUND, rejected.message(), rejected.traceId());
            }
            return failure;
        }
        return codec.answer(operations, response, now);
    }

    /** Any non-2xx answer. */
    private WireOutcome failure(WireResponse response, Instant now) {
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
