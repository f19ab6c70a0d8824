package dev.cadbridge.sonoran;

import okhttp3.Headers;

/** An HTTP answer as the wire classifiers see it: status, headers and the (size-capped) body text. */
public record WireResponse(int code, Headers headers, String body) {
    public WireResponse {
        headers = headers == null ? Headers.of() : headers;
        body = body == null ? "" : body;
    }
}
