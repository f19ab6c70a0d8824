package dev.cadbridge.sonoran;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** Reads the fields of a CAD answer leniently: a missing or mistyped field is absent, never an error. */
final class AnswerFields {
    private AnswerFields() {}

    /** The text of {@code member}, "" when absent, null or not a string or number. */
    static String text(JsonObject json, String member) {
        JsonElement value = json == null ? null : json.get(member);
        return value != null && value.isJsonPrimitive() && !value.getAsJsonPrimitive().isBoolean() ? value.getAsString() : "";
    }

    /** A whole number, or null when absent or not one. */
    static Long number(JsonObject json, String member) {
        JsonElement value = json == null ? null : json.get(member);
        if (value == null || !value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()) {
            return null;
        }
        try {
            return value.getAsBigDecimal().longValueExact();
        } catch (ArithmeticException notWhole) {
            return null;
        }
    }

    static boolean flag(JsonObject json, String member) {
        JsonElement value = json == null ? null : json.get(member);
        return value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isBoolean() && value.getAsBoolean();
    }

    static JsonObject object(JsonObject json, String member) {
        JsonElement value = json == null ? null : json.get(member);
        return value != null && value.isJsonObject() ? value.getAsJsonObject() : null;
    }
}
