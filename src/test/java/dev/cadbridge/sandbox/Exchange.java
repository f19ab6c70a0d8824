package dev.cadbridge.sandbox;

import java.time.Instant;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;

/** One request as the protocols see it. */
record Exchange(Instant time, String method, HttpUrl url, Headers headers, String body, SandboxEndpoint.Route route) {

    SandboxEndpoint endpoint() {
        return route.endpoint();
    }

    String path() {
        return url.encodedPath();
    }

    /** True when exactly one Content-Type header names application/json (a charset parameter is fine). */
    boolean declaresJson() {
        if (headers.values("Content-Type").size() != 1) {
            return false;
        }
        MediaType type = MediaType.parse(headers.get("Content-Type"));
        return type != null && type.type().equals("application") && type.subtype().equals("json");
    }
}
