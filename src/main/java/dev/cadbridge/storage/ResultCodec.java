package dev.cadbridge.storage;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.cadbridge.sonoran.CadResult;
import dev.cadbridge.sonoran.FailureKind;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Outcomes as network mode stores them for the server that asked: JSON with the outcome's kind and
 * its fields. Queued operations never end {@link CadResult.Replied}, so it is not stored.
 */
final class ResultCodec {
    private ResultCodec() {}

    static String toJson(CadResult result) {
        JsonObject json = new JsonObject();
        switch (result) {
            case CadResult.Delivered delivered -> {
                json.addProperty("kind", "delivered");
                delivered.callId().ifPresent(id -> json.addProperty("callId", id));
                if (!delivered.unitIdents().isEmpty()) {
                    JsonObject idents = new JsonObject();
                    delivered.unitIdents().forEach(idents::addProperty);
                    json.add("unitIdents", idents);
                }
            }
            case CadResult.Failed failed -> {
                json.addProperty("kind", "failed");
                json.addProperty("failure", failed.kind().name());
                json.addProperty("message", failed.message());
                json.addProperty("traceId", failed.traceId());
            }
            case CadResult.LeftOut leftOut -> {
                json.addProperty("kind", "left-out");
                json.addProperty("done", leftOut.done());
                json.addProperty("named", leftOut.named());
                json.addProperty("message", leftOut.message());
            }
            case CadResult.Expired expired -> {
                json.addProperty("kind", "expired");
                json.addProperty("message", expired.message());
            }
            case CadResult.OutcomeUnknown unknown -> {
                json.addProperty("kind", "outcome-unknown");
                json.addProperty("message", unknown.message());
            }
            case CadResult.Replied replied -> {
                json.addProperty("kind", "outcome-unknown");
                json.addProperty("message", "the CAD answered; the answer could not be passed on between servers");
            }
        }
        return json.toString();
    }

    static CadResult fromJson(String text) {
        JsonObject json = JsonParser.parseString(text).getAsJsonObject();
        String message = json.has("message") && !json.get("message").isJsonNull() ? json.get("message").getAsString() : "";
        return switch (json.get("kind").getAsString()) {
            case "delivered" -> new CadResult.Delivered(json.has("callId") ? OptionalLong.of(json.get("callId").getAsLong()) : OptionalLong.empty(),
                    unitIdents(json));
            case "failed" -> new CadResult.Failed(FailureKind.valueOf(json.get("failure").getAsString()), message,
                    json.has("traceId") && !json.get("traceId").isJsonNull() ? json.get("traceId").getAsString() : null);
            case "left-out" -> new CadResult.LeftOut(json.get("done").getAsInt(), json.get("named").getAsInt(), message);
            case "expired" -> new CadResult.Expired(message);
            default -> new CadResult.OutcomeUnknown(message);
        };
    }

    /** Outcomes stored before unit identifiers were kept have none. */
    private static Map<String, Long> unitIdents(JsonObject json) {
        if (!json.has("unitIdents") || !json.get("unitIdents").isJsonObject()) {
            return Map.of();
        }
        Map<String, Long> idents = new HashMap<>();
        json.getAsJsonObject("unitIdents").entrySet().forEach(entry -> idents.put(entry.getKey(), entry.getValue().getAsLong()));
        return idents;
    }
}
