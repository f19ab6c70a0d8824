package dev.cadbridge.sandbox;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import java.util.LinkedHashMap;
import java.util.Map;

/** An answer before it becomes a MockResponse. */
record Reply(int status, String contentType, String body, Map<String, String> headers) {
    static final String JSON = "application/json; charset=utf-8";
    static final String PROBLEM_JSON = "application/problem+json; charset=utf-8";
    static final String TEXT = "text/plain; charset=utf-8";
    static final String HTML = "text/html; charset=utf-8";

    private static final Gson GSON = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();

    static Reply json(int status, JsonElement body) {
        return new Reply(status, JSON, GSON.toJson(body), Map.of());
    }

    static Reply problem(JsonElement body) {
        return new Reply(body.getAsJsonObject().get("status").getAsInt(), PROBLEM_JSON, GSON.toJson(body), Map.of());
    }

    static Reply text(int status, String text) {
        return new Reply(status, TEXT, text, Map.of());
    }

    Reply withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Reply(status, contentType, body, Map.copyOf(more));
    }
}
