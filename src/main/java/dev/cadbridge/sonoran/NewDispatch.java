package dev.cadbridge.sonoran;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Request;

/**
 * Create a dispatch call. Optional text fields are empty strings, never null; {@code units} may be
 * empty for an unassigned call (the first unit becomes the call's primary).
 */
public record NewDispatch(
        CallOrigin origin,
        CallStatus status,
        int priority,
        String title,
        String code,
        String block,
        String address,
        String postal,
        String description,
        String notes,
        Map<String, String> metaData,
        List<String> units) implements CadOperation {

    private static final Pattern CREATED = Pattern.compile("NEW DISPATCH CREATED\\s*-\\s*ID:\\s*(\\d+)", Pattern.CASE_INSENSITIVE);

    static final V1Codec V1 = new V1Codec() {
        @Override
        public String endpoint() {
            return "new_dispatch";
        }

        @Override
        public JsonObject data(CadOperation operation, int serverId) {
            NewDispatch dispatch = (NewDispatch) operation;
            JsonObject item = new JsonObject();
            item.addProperty("serverId", serverId);
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
            return item;
        }

        @Override
        public WireOutcome success(List<CadOperation> operations, String text, String traceId) {
            if (!text.toUpperCase(Locale.ROOT).contains("NEW DISPATCH CREATED")) {
                // A 2xx reached the CAD: the call may exist, and a "failed" result would invite a second one.
                return new WireOutcome.Answered(List.of(new CadResult.OutcomeUnknown("the CAD answered '" + text
                        + "' instead of a NEW DISPATCH CREATED confirmation; the call may have been created, so it is not sent again. Check the CAD.")));
            }
            Matcher matcher = CREATED.matcher(text);
            OptionalLong callId = OptionalLong.empty();
            if (matcher.find()) {
                try {
                    callId = OptionalLong.of(Long.parseLong(matcher.group(1)));
                } catch (NumberFormatException tooLarge) {
                    callId = OptionalLong.empty();
                }
            }
            return new WireOutcome.Answered(List.of(new CadResult.Delivered(callId)));
        }
    };

    static final V2Codec V2 = new V2Codec() {
        @Override
        public Request request(Requests to, List<CadOperation> operations) {
            return to.send("POST", "v2/emergency/servers/{serverId}/dispatch-calls", v2Body((NewDispatch) WireSupport.single(operations)));
        }

        @Override
        public WireOutcome answer(List<CadOperation> operations, WireResponse response, Instant now) {
            return WireSupport.createdCallAnswer(response, "call id", "dispatching");
        }
    };

    /**
     * The page documents {@code notes} only as "note objects" and shows {@code []} in every request, so
     * the note text goes into the description instead of guessing an object shape the API might reject
     * as malformed. Empty optional strings are left out; {@code communityUserIds} is always sent
     * because the API needs at least one target key ({@code []} makes an unassigned call).
     */
    static JsonObject v2Body(NewDispatch dispatch) {
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

    public NewDispatch {
        if (origin == null) {
            throw new InvalidOperationException("origin", "is missing");
        }
        if (status == null) {
            throw new InvalidOperationException("status", "is missing");
        }
        if (priority < 1 || priority > 3) {
            throw new InvalidOperationException("priority", priority + " is out of range; use 1, 2 or 3");
        }
        title = OperationLimits.requiredText("title", title, OperationLimits.MAX_TITLE_LENGTH);
        code = OperationLimits.optionalText("code", code, OperationLimits.MAX_CODE_LENGTH);
        block = OperationLimits.optionalText("block", block, OperationLimits.MAX_BLOCK_LENGTH);
        address = OperationLimits.optionalText("address", address, OperationLimits.MAX_ADDRESS_LENGTH);
        postal = OperationLimits.optionalText("postal", postal, OperationLimits.MAX_POSTAL_LENGTH);
        description = OperationLimits.optionalText("description", description, OperationLimits.MAX_DESCRIPTION_LENGTH);
        notes = OperationLimits.optionalText("notes", notes, OperationLimits.MAX_NOTES_LENGTH);
        metaData = validMetaData(metaData);
        units = OperationLimits.unitIds("units", units == null ? List.of() : units, true);
    }

    static Map<String, String> validMetaData(Map<String, String> metaData) {
        if (metaData == null || metaData.isEmpty()) {
            return Map.of();
        }
        if (metaData.size() > OperationLimits.MAX_METADATA_ENTRIES) {
            throw new InvalidOperationException("metaData", metaData.size() + " entries; the limit is " + OperationLimits.MAX_METADATA_ENTRIES);
        }
        Map<String, String> copy = new LinkedHashMap<>();
        metaData.forEach((key, value) -> {
            String k = OperationLimits.requiredText("metaData key", key, OperationLimits.MAX_METADATA_KEY_LENGTH);
            String v = OperationLimits.optionalText("metaData." + k, Objects.requireNonNullElse(value, ""), OperationLimits.MAX_METADATA_VALUE_LENGTH);
            copy.put(k, v);
        });
        return java.util.Collections.unmodifiableMap(copy);
    }

    @Override
    public OperationType type() {
        return OperationType.NEW_DISPATCH;
    }

    @Override
    public List<String> targets() {
        return Targets.of(List.of(), units);
    }
}
