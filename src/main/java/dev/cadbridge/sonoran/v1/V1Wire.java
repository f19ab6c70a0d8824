package dev.cadbridge.sonoran.v1;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.cadbridge.sonoran.ApiGeneration;
import dev.cadbridge.sonoran.AttachUnits;
import dev.cadbridge.sonoran.CadOperation;
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
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
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
    private static final Pattern CREATED = Pattern.compile("NEW DISPATCH CREATED\\s*-\\s*ID:\\s*(\\d+)", Pattern.CASE_INSENSITIVE);

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

    /** The SDK's endpoint path segment; the request type is the same name in upper case. */
    static String endpoint(OperationType type) {
        return switch (type) {
            case ATTACH -> "attach_unit";
            case DETACH -> "detach_unit";
            case KICK -> "kick_unit";
            case NEW_DISPATCH -> "new_dispatch";
            case CLOSE -> "close_call";
        };
    }

    @Override
    public Request request(OperationType type, List<CadOperation> operations) {
        JsonArray data = new JsonArray();
        operations.forEach(op -> data.add(dataItem(op)));
        JsonObject body = new JsonObject();
        body.addProperty("id", settings.communityId());
        body.addProperty("key", settings.apiKey().reveal());
        body.addProperty("type", endpoint(type).toUpperCase(Locale.ROOT));
        body.add("data", data);
        return new Request.Builder()
                .url(base.newBuilder().addPathSegment("emergency").addPathSegment(endpoint(type)).build())
                .post(RequestBody.create(body.toString(), WireSupport.JSON))
                .build();
    }

    private JsonObject dataItem(CadOperation operation) {
        JsonObject item = new JsonObject();
        switch (operation) {
            case KickUnit kick -> {
                item.addProperty("apiId", kick.unitId());
                item.addProperty("reason", kick.reason());
                item.addProperty("serverId", settings.serverId());
            }
            case CloseCall close -> {
                item.addProperty("serverId", settings.serverId());
                item.addProperty("callId", close.callId());
            }
            case AttachUnits attach -> {
                item.addProperty("serverId", settings.serverId());
                item.addProperty("callId", attach.callId());
                item.add("units", WireSupport.strings(attach.unitIds()));
            }
            case DetachUnits detach -> {
                item.addProperty("serverId", settings.serverId());
                item.add("units", WireSupport.strings(detach.unitIds()));
            }
            case NewDispatch dispatch -> {
                item.addProperty("serverId", settings.serverId());
                item.addProperty("origin", dispatch.origin().wireValue());
                item.addProperty("status", dispatch.status().wireValue());
                item.addProperty("priority", dispatch.priority());
                item.addProperty("block", dispatch.block());
                item.addProperty("address", dispatch.address());
                item.addProperty("postal", dispatch.postal());
                item.addProperty("title", dispatch.title());
                item.addProperty("code", dispatch.code());
                item.addProperty("description", WireSupport.descriptionWithNotes(dispatch));
                // an array, as the current page and Sonoran's clients send it (the old seed page shows a string)
                item.add("notes", new JsonArray());
                JsonObject meta = new JsonObject();
                dispatch.metaData().forEach(meta::addProperty);
                item.add("metaData", meta);
                item.add("units", WireSupport.strings(dispatch.units()));
            }
        }
        return item;
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
                    + "', which means the endpoint /emergency/" + endpoint(type) + " does not exist; check sonoran.base-url", traceId);
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
        return success(type, operations, text, upper, traceId);
    }

    private static WireOutcome success(OperationType type, List<CadOperation> operations, String text, String upper, String traceId) {
        String expected = switch (type) {
            case KICK -> "KICKED";
            case ATTACH -> "ATTACHED";
            case DETACH -> "DETACHED";
            case NEW_DISPATCH -> "NEW DISPATCH CREATED";
            // close_call's page documents the wrong success text, so any 200 that is not an error counts.
            case CLOSE -> "";
        };
        if (type == OperationType.NEW_DISPATCH && !upper.contains(expected)) {
            // A 2xx reached the CAD: the call may exist, and a "failed" result would invite a second one.
            return new WireOutcome.Answered(List.of(new CadResult.OutcomeUnknown("the CAD answered '" + text
                    + "' instead of a " + expected + " confirmation; the call may have been created, so it is not sent again. Check the CAD.")));
        }
        if (!upper.contains(expected)) {
            return new WireOutcome.Rejected(FailureKind.UNEXPECTED_RESPONSE,
                    "the CAD answered '" + text + "' instead of a " + expected + " confirmation", traceId);
        }
        if (type == OperationType.NEW_DISPATCH) {
            Matcher matcher = CREATED.matcher(text);
            OptionalLong callId = matcher.find() ? parse(matcher.group(1)) : OptionalLong.empty();
            return new WireOutcome.Answered(List.of(new CadResult.Delivered(callId)));
        }
        return WireSupport.allDelivered(operations);
    }

    private static OptionalLong parse(String digits) {
        try {
            return OptionalLong.of(Long.parseLong(digits));
        } catch (NumberFormatException tooLarge) {
            return OptionalLong.empty();
        }
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
