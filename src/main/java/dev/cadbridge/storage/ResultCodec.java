package dev.cadbridge.storage;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.TypeAdapter;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import dev.cadbridge.sonoran.ActiveCall;
import dev.cadbridge.sonoran.ActiveUnit;
import dev.cadbridge.sonoran.CadLinks;
import dev.cadbridge.sonoran.CadResult;
import dev.cadbridge.sonoran.FailureKind;
import java.io.IOException;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Outcomes as network mode stores them for the server that asked: JSON with the outcome's kind and
 * its fields; for a request-response route, its answer.
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
                String answerType = answerType(replied.answer());
                if (answerType == null) {
                    json.addProperty("kind", "outcome-unknown");
                    json.addProperty("message", "the CAD answered; the answer could not be passed on between servers");
                } else {
                    json.addProperty("kind", "replied");
                    json.addProperty("answerType", answerType);
                    json.add("answer", GSON.toJsonTree(replied.answer()));
                }
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
            case "replied" -> replied(json);
            default -> new CadResult.OutcomeUnknown(message);
        };
    }

    /**
     * The answers of the request-response routes, by the name stored with them. An empty list
     * reads back the same whichever list it was.
     */
    private static final Map<String, Type> ANSWERS = Map.of(
            "link-code", CadLinks.LinkCode.class,
            "link-check", CadLinks.LinkCheck.class,
            "active-units", TypeToken.getParameterized(List.class, ActiveUnit.class).getType(),
            "active-calls", TypeToken.getParameterized(List.class, ActiveCall.class).getType());

    /** Instants as ISO-8601 text: Gson cannot read the JDK's own fields. */
    private static final Gson GSON = new GsonBuilder().registerTypeAdapter(Instant.class, new TypeAdapter<Instant>() {
        @Override
        public void write(JsonWriter out, Instant value) throws IOException {
            if (value == null) {
                out.nullValue();
            } else {
                out.value(value.toString());
            }
        }

        @Override
        public Instant read(JsonReader in) throws IOException {
            if (in.peek() == JsonToken.NULL) {
                in.nextNull();
                return null;
            }
            return Instant.parse(in.nextString());
        }
    }).create();

    private static String answerType(Object answer) {
        return switch (answer) {
            case CadLinks.LinkCode code -> "link-code";
            case CadLinks.LinkCheck check -> "link-check";
            case List<?> list when list.isEmpty() -> "active-units";
            case List<?> list when list.stream().allMatch(ActiveUnit.class::isInstance) -> "active-units";
            case List<?> list when list.stream().allMatch(ActiveCall.class::isInstance) -> "active-calls";
            default -> null;
        };
    }

    private static CadResult replied(JsonObject json) {
        Type type = ANSWERS.get(json.get("answerType").getAsString());
        if (type == null) {
            return new CadResult.OutcomeUnknown("the CAD answered; the answer could not be read on this server");
        }
        return new CadResult.Replied(GSON.fromJson(json.get("answer"), type));
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
