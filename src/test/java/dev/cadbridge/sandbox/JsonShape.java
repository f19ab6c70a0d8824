package dev.cadbridge.sandbox;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a request body against the shape a documentation page gives. Every check throws
 * {@link Violation} with a message naming the field and what was wrong, which becomes the
 * problem {@code detail} and the recorded violation.
 */
final class JsonShape {
    static final int MAX_UNIT_ID_LENGTH = 255;

    private JsonShape() {}

    /** A request that breaks the documented shape. */
    static final class Violation extends RuntimeException {
        Violation(String message) {
            super(message, null, false, false);
        }
    }

    /** Strict RFC 8259 JSON (no comments, single quotes or trailing data); null for an empty body. */
    static JsonElement parse(String text) {
        if (text.isEmpty()) {
            return null;
        }
        try (JsonReader reader = new JsonReader(new StringReader(text))) {
            reader.setStrictness(Strictness.STRICT);
            JsonElement element = JsonParser.parseReader(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new Violation("body is not valid JSON: data after the end of the document");
            }
            return element;
        } catch (IOException | RuntimeException e) {
            if (e instanceof Violation violation) {
                throw violation;
            }
            throw new Violation("body is not valid JSON: " + e.getMessage());
        }
    }

    static JsonObject object(JsonElement element, String where) {
        if (element == null || !element.isJsonObject()) {
            throw new Violation(where + " must be a JSON object, was " + describe(element));
        }
        return element.getAsJsonObject();
    }

    static JsonArray array(JsonElement element, String where) {
        if (element == null || !element.isJsonArray()) {
            throw new Violation(where + " must be an array, was " + describe(element));
        }
        return element.getAsJsonArray();
    }

    /** Rejects properties the page does not document: a typo there is silently ignored by the real API. */
    static void onlyKnownKeys(JsonObject object, String where, Set<String> documented) {
        Set<String> unknown = new TreeSet<>(object.keySet());
        unknown.removeAll(documented);
        if (!unknown.isEmpty()) {
            throw new Violation(where + " has undocumented properties " + unknown + "; documented: " + new TreeSet<>(documented));
        }
    }

    static void requireAny(JsonObject object, String where, Set<String> oneOf) {
        if (oneOf.stream().noneMatch(object::has)) {
            throw new Violation(where + " needs at least one of " + new TreeSet<>(oneOf));
        }
    }

    static String requiredString(JsonObject object, String where, String field) {
        if (!object.has(field)) {
            throw new Violation(where + "." + field + " is required");
        }
        return string(object.get(field), where + "." + field);
    }

    static String optionalString(JsonObject object, String where, String field) {
        return object.has(field) ? string(object.get(field), where + "." + field) : "";
    }

    static String string(JsonElement element, String where) {
        if (element == null || !element.isJsonPrimitive() || !element.getAsJsonPrimitive().isString()) {
            throw new Violation(where + " must be a string, was " + describe(element));
        }
        return element.getAsString();
    }

    static String requiredNonBlank(JsonObject object, String where, String field) {
        String value = requiredString(object, where, field);
        if (value.isBlank()) {
            throw new Violation(where + "." + field + " must not be blank");
        }
        return value;
    }

    static long requiredInteger(JsonObject object, String where, String field, long min, long max) {
        if (!object.has(field)) {
            throw new Violation(where + "." + field + " is required");
        }
        return integer(object.get(field), where + "." + field, min, max);
    }

    static long integer(JsonElement element, String where, long min, long max) {
        if (element == null || !element.isJsonPrimitive() || !element.getAsJsonPrimitive().isNumber()) {
            throw new Violation(where + " must be a number, was " + describe(element));
        }
        BigDecimal value = element.getAsBigDecimal();
        if (value.stripTrailingZeros().scale() > 0) {
            throw new Violation(where + " must be a whole number, was " + value);
        }
        if (value.compareTo(BigDecimal.valueOf(min)) < 0 || value.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw new Violation(where + " must be between " + min + " and " + max + ", was " + value);
        }
        return value.longValueExact();
    }

    /** Unit ids: communityUserId (v2) or apiId (v1), non-blank strings of at most 255 characters. */
    static String unitId(JsonElement element, String where) {
        String value = string(element, where);
        if (value.isBlank()) {
            throw new Violation(where + " must not be blank");
        }
        if (value.length() > MAX_UNIT_ID_LENGTH) {
            throw new Violation(where + " is " + value.length() + " characters; the limit is " + MAX_UNIT_ID_LENGTH);
        }
        return value;
    }

    static List<String> unitIds(JsonObject object, String where, String field, boolean allowEmpty) {
        JsonArray array = array(object.get(field), where + "." + field);
        if (array.isEmpty() && !allowEmpty) {
            throw new Violation(where + "." + field + " must not be empty");
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            ids.add(unitId(array.get(i), where + "." + field + "[" + i + "]"));
        }
        return ids;
    }

    static List<Long> positiveIntegers(JsonObject object, String where, String field) {
        JsonArray array = array(object.get(field), where + "." + field);
        if (array.isEmpty()) {
            throw new Violation(where + "." + field + " must not be empty");
        }
        List<Long> values = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            values.add(integer(array.get(i), where + "." + field + "[" + i + "]", 1, Long.MAX_VALUE));
        }
        return values;
    }

    /** metaData: an object whose values are strings ("additional string key/value metadata"). */
    static Map<String, String> stringMap(JsonObject object, String where, String field) {
        Map<String, String> map = new LinkedHashMap<>();
        if (!object.has(field)) {
            return map;
        }
        JsonObject values = object(object.get(field), where + "." + field);
        for (String key : values.keySet()) {
            map.put(key, string(values.get(key), where + "." + field + "." + key));
        }
        return map;
    }

    static String describe(JsonElement element) {
        if (element == null || element.isJsonNull()) {
            return "null";
        }
        if (element.isJsonObject()) {
            return "an object";
        }
        if (element.isJsonArray()) {
            return "an array";
        }
        JsonPrimitive primitive = element.getAsJsonPrimitive();
        if (primitive.isString()) {
            return "the string " + element;
        }
        return (primitive.isNumber() ? "the number " : "the boolean ") + element;
    }
}
