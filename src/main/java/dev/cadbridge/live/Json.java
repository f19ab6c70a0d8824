package dev.cadbridge.live;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.List;

/** Lenient reading of the CAD's event fields: a missing or mistyped field is empty, never an exception. */
final class Json {
    private Json() {}

    static String text(JsonObject json, String field) {
        JsonElement value = json == null ? null : json.get(field);
        if (value == null || !value.isJsonPrimitive()) {
            return "";
        }
        return value.getAsString();
    }

    /** A whole number, from a number or a numeric string; null otherwise. */
    static Long number(JsonObject json, String field) {
        JsonElement value = json == null ? null : json.get(field);
        return number(value);
    }

    static Long number(JsonElement value) {
        if (value == null || !value.isJsonPrimitive()) {
            return null;
        }
        JsonPrimitive primitive = value.getAsJsonPrimitive();
        try {
            if (primitive.isNumber()) {
                double d = primitive.getAsDouble();
                return d == Math.rint(d) ? (long) d : null;
            }
            if (primitive.isString()) {
                return Long.parseLong(primitive.getAsString().strip());
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return null;
    }

    static boolean flag(JsonObject json, String field) {
        JsonElement value = json == null ? null : json.get(field);
        return value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isBoolean() && value.getAsBoolean();
    }

    static JsonObject object(JsonObject json, String field) {
        JsonElement value = json == null ? null : json.get(field);
        return value != null && value.isJsonObject() ? value.getAsJsonObject() : null;
    }

    /** The numbers of {@code field}: an array of them, or a single one. */
    static List<Long> numbers(JsonObject json, String field) {
        JsonElement value = json == null ? null : json.get(field);
        List<Long> numbers = new ArrayList<>();
        if (value != null && value.isJsonArray()) {
            JsonArray array = value.getAsJsonArray();
            array.forEach(element -> {
                Long n = number(element);
                if (n != null) {
                    numbers.add(n);
                }
            });
        } else {
            Long n = number(value);
            if (n != null) {
                numbers.add(n);
            }
        }
        return numbers;
    }
}
