package dev.cadbridge.sandbox;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** Raw HTTP against the sandbox, for testing the sandbox itself (not a CAD client). */
final class SandboxHttp {
    static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    /** What came back. */
    record Answer(int code, Headers headers, String body) {
        JsonElement json() {
            return JsonParser.parseString(body);
        }

        String header(String name) {
            return headers.get(name);
        }
    }

    private final SonoranSandbox sandbox;
    private final OkHttpClient client;

    SandboxHttp(SonoranSandbox sandbox) {
        this(sandbox, Duration.ofSeconds(5));
    }

    SandboxHttp(SonoranSandbox sandbox, Duration readTimeout) {
        this.sandbox = sandbox;
        this.client = new OkHttpClient.Builder()
                .retryOnConnectionFailure(false)
                .connectTimeout(Duration.ofSeconds(2))
                .readTimeout(readTimeout)
                .build();
    }

    /** A v2 request with the sandbox's own key; {@code json} null for no body. */
    Answer v2(String method, String path, String json) {
        return send(v2Request(method, path, json).build());
    }

    Request.Builder v2Request(String method, String path, String json) {
        return new Request.Builder()
                .url(sandbox.baseUrl() + path)
                .header("Authorization", "Bearer " + sandbox.apiKey())
                .header("Accept", "application/json")
                .method(method, json == null ? null : RequestBody.create(json, JSON));
    }

    /** A v1 request with the sandbox's community id and key. */
    Answer v1(String path, String type, String dataJson) {
        return v1Raw(path, "{\"id\":\"" + sandbox.communityId() + "\",\"key\":\"" + sandbox.apiKey()
                + "\",\"type\":\"" + type + "\",\"data\":" + dataJson + "}");
    }

    Answer v1Raw(String path, String body) {
        return send(new Request.Builder().url(sandbox.baseUrl() + path).post(RequestBody.create(body, JSON)).build());
    }

    Answer send(Request request) {
        try (Response response = client.newCall(request).execute()) {
            return new Answer(response.code(), response.headers(), response.body().string());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The exception a request ends with (for fault tests), or fails if it succeeds. */
    IOException failure(Request request) {
        try (Response response = client.newCall(request).execute()) {
            response.body().string();
        } catch (IOException e) {
            return e;
        }
        throw new AssertionError("expected " + request.url() + " to fail");
    }
}
