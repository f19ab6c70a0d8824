package dev.cadbridge.live;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One event the CAD pushed: {@code {key, type, data}}. The payload may come as an object or as a
 * JSON string of one, and {@code data} as an object or inside an array: each object of the array
 * is an item, so the handlers see the same shape either way.
 */
record PushEvent(String key, String type, List<JsonObject> items) {

    /** Empty when the payload is not a push event at all. */
    static Optional<PushEvent> read(JsonElement payload) {
        JsonElement element = payload;
        try {
            if (element != null && element.isJsonPrimitive() && element.getAsJsonPrimitive().isString()) {
                element = JsonParser.parseString(element.getAsString());
            }
        } catch (JsonParseException e) {
            return Optional.empty();
        }
        if (element == null || !element.isJsonObject()) {
            return Optional.empty();
        }
        JsonObject event = element.getAsJsonObject();
        String type = Json.text(event, "type");
        if (type.isEmpty()) {
            return Optional.empty();
        }
        List<JsonObject> items = new ArrayList<>();
        JsonElement data = event.get("data");
        if (data != null && data.isJsonObject()) {
            items.add(data.getAsJsonObject());
        } else if (data != null && data.isJsonArray()) {
            data.getAsJsonArray().forEach(item -> {
                if (item.isJsonObject()) {
                    items.add(item.getAsJsonObject());
                }
            });
        }
        return Optional.of(new PushEvent(Json.text(event, "key"), type, items));
    }
}
