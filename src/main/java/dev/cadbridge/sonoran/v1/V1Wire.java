package dev.cadbridge.sonoran.v1;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.cadbridge.sonoran.ApiGeneration;
import dev.cadbridge.sonoran.CadOperation;
import dev.cadbridge.sonoran.FailureKind;
import dev.cadbridge.sonoran.OperationType;
import dev.cadbridge.sonoran.SonoranSettings;
import dev.cadbridge.sonoran.SonoranWire;
import dev.cadbridge.sonoran.V1Codec;
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
 * The legacy API: {@code POST {base}/emergency/<endpoint>} with {@code {id, key, type, data:[...]}}
 * and plain-text answers. Endpoint and type names are the ones Sonoran's maintained SDK sends
 * (the older seed pages show {@code ATTACH_UNITS} at {@code /emergency}; see the API README).
 */
public final class V1Wire implements SonoranWire {

    private final SonoranSettings settings;
    private final HttpUrl base;

    public V1Wire(SonoranSettings settings) {
        this.settings = settings;
        this.base = HttpUrl.get(settings.baseUrl().toString());
    }

    @Override
    public ApiGeneration generation() {
        return ApiGeneration.V1;
    }

    @Override
    public Request request(OperationType type, List<CadOperation> operations) {
        V1Codec codec = codec(type);
        JsonArray data = new JsonArray();
        operations.forEach(op -> data.add(codec.data(op, settings.serverId())));
        JsonObject body = new JsonObject();
        body.addProperty("id", settings.communityId());
        body.addProperty("key", settings.apiKey().reveal());
        body.addProperty("type", codec.endpoint().toUpperCase(Locale.ROOT));
        body.add("data", data);
        return new Request.Builder()
                .url(base.newBuilder().addPathSegment("emergency").addPathSegment(codec.endpoint()).build())
                .post(RequestBody.create(body.toString(), WireSupport.JSON))
                .build();
    }

    /** Routes v1 does not have never reach the wire: the dispatcher refuses them under v1. */
    private static V1Codec codec(OperationType type) {
        V1Codec codec = type.route().v1();
        if (codec == null) {
            throw new IllegalArgumentException(type + " has no v1 route");
        }
        return codec;
    }

    @Override
    public WireOutcome classify(OperationType type, List<CadOperation> operations, WireResponse response, Instant now) {
        String text = redact(response.body());
        String upper = text.toUpperCase(Locale.ROOT);
        String traceId = WireSupport.traceId(response, null);
        WireOutcome shared = WireSupport.rateLimitOrServerError(response, now, text.isEmpty() ? "" : ": " + text);
        if (shared != null) {
            return shared;
        }
        if (upper.contains("INVALID API KEY") || upper.contains("INVALID COMMUNITY ID")
                || upper.contains("IS NOT ENABLED FOR THIS COMMUNITY")) {
            return new WireOutcome.Rejected(FailureKind.CREDENTIALS, "the CAD refused the credentials: " + text
                    + " (check sonoran.api-key and sonoran.community-id, and that the API is enabled)", traceId);
        }
        if (upper.endsWith("REQUIRED")) {
            return new WireOutcome.Rejected(FailureKind.PLAN, "your Sonoran CAD plan does not include this: " + text, traceId);
        }
        if (upper.contains("BACKEND SERVICE REACHED")) {
            return new WireOutcome.Rejected(FailureKind.UNEXPECTED_RESPONSE, "the CAD answered '" + text
                    + "', which means the endpoint /emergency/" + codec(type).endpoint() + " does not exist; check sonoran.base-url", traceId);
        }
        if (upper.contains("NOT LINKED TO AN ACCOUNT")) {
            return new WireOutcome.Rejected(FailureKind.TARGET_NOT_FOUND, "the CAD answered: " + text, traceId);
        }
        if (response.code() >= 400) {
            return new WireOutcome.Rejected(FailureKind.MALFORMED, "the CAD rejected the request (HTTP "
                    + response.code() + (text.isEmpty() ? "" : ": " + text) + ")", traceId);
        }
        if (response.code() < 200 || response.code() >= 300) {
            return new WireOutcome.Rejected(FailureKind.UNEXPECTED_RESPONSE, "the CAD answered HTTP " + response.code(), traceId);
        }
        return codec(type).success(operations, text, traceId);
    }

    @Override
    public String redact(String text) {
        return WireSupport.redact(text, settings.apiKey());
    }

    @Override
    public String toString() {
        return "V1Wire[" + base + ", community " + settings.communityId() + ", server " + settings.serverId() + "]";
    }
}
