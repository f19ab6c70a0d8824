package dev.cadbridge.sandbox;

import com.google.gson.JsonElement;
import dev.cadbridge.sonoran.ApiGeneration;
import java.time.Instant;
import okhttp3.Headers;

/**
 * One request as the sandbox received it, and how it answered.
 *
 * @param time       the sandbox clock when it arrived
 * @param path       the encoded path, without the query
 * @param query      the encoded query, or null
 * @param headers    every header as sent, the {@code Authorization} header included
 * @param body       the raw body text ("" when none)
 * @param json       the body parsed as strict JSON, or null if empty or not JSON
 * @param endpoint   the documented route it matched, or {@link SandboxEndpoint#UNKNOWN}
 * @param status     the status answered (0 when the connection was cut before one was sent)
 * @param violation  what the request got wrong against the documentation, or null if nothing
 * @param fault      the injected fault that shaped the answer, or null
 */
public record SandboxRequest(
        Instant time,
        String method,
        String path,
        String query,
        Headers headers,
        String body,
        JsonElement json,
        SandboxEndpoint endpoint,
        int status,
        String violation,
        SandboxFault fault) {

    public String header(String name) {
        return headers.get(name);
    }

    public ApiGeneration generation() {
        return endpoint.generation();
    }

    public boolean isViolation() {
        return violation != null;
    }

    @Override
    public String toString() {
        return method + " " + path + " -> " + status
                + (violation == null ? "" : " VIOLATION: " + violation)
                + (fault == null ? "" : " fault=" + fault);
    }
}
