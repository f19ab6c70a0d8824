package dev.cadbridge.outbound;

import dev.cadbridge.sonoran.ApiGeneration;
import dev.cadbridge.sonoran.SonoranSettings;
import dev.cadbridge.sonoran.SonoranWire;
import dev.cadbridge.sonoran.WireOutcome;
import dev.cadbridge.sonoran.WireResponse;
import dev.cadbridge.sonoran.v1.V1Wire;
import dev.cadbridge.sonoran.v2.V2Wire;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;

/**
 * One configuration's way onto the wire: the API generation's format and an HTTP client with the
 * configured timeouts. Turns a batch into a call and the call's answer into an outcome; knows
 * nothing of queues or threads. A reload makes a new one.
 */
final class WireClient {
    private static final long MAX_BODY_BYTES = 64 * 1024;

    private final SonoranSettings settings;
    private final SonoranWire wire;
    private final OkHttpClient client;

    WireClient(OkHttpClient base, SonoranSettings settings) {
        this.settings = settings;
        this.wire = settings.generation() == ApiGeneration.V1 ? new V1Wire(settings) : new V2Wire(settings);
        Duration timeout = settings.requestTimeout();
        this.client = base.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .readTimeout(timeout)
                .writeTimeout(timeout)
                .callTimeout(settings.connectTimeout().plus(timeout.multipliedBy(2)))
                // a redirect would be a misconfigured base URL; following it could carry the key elsewhere
                .followRedirects(false)
                .followSslRedirects(false)
                .eventListenerFactory(call -> {
                    SendTracker tracker = call.request().tag(SendTracker.class);
                    return tracker != null ? tracker : EventListener.NONE;
                })
                .build();
    }

    SonoranSettings settings() {
        return settings;
    }

    /** The call carrying {@code batch}; {@code tracker} learns whether it started writing. */
    Call call(DispatchEngine.Batch batch, SendTracker tracker) {
        Request request = wire.request(batch.type(), batch.wireOperations());
        Request.Builder tagged = request.newBuilder().tag(SendTracker.class, tracker);
        if (!batch.type().route().repeatable() && request.body() != null) {
            // one-shot: OkHttp must not silently repeat a request it has started writing
            tagged.method(request.method(), oneShot(request.body()));
        }
        return client.newCall(tagged.build());
    }

    /** Runs the call and reads what its answer means for each operation of {@code batch}. */
    WireOutcome exchange(Call call, DispatchEngine.Batch batch, Instant now) throws IOException {
        WireResponse response;
        try (Response answer = call.execute()) {
            response = new WireResponse(answer.code(), answer.headers(), answer.peekBody(MAX_BODY_BYTES).string());
        }
        return wire.classify(batch.type(), batch.wireOperations(), response, now);
    }

    /** Own wording, not the exception's text: OkHttp messages can carry URLs and are not written for server owners. */
    WireOutcome.Transient transportFailure(IOException e, boolean requestStarted) {
        String where = settings.baseUrl().getHost() + (settings.baseUrl().getPort() > 0 ? ":" + settings.baseUrl().getPort() : "");
        if (e instanceof InterruptedIOException) {
            return new WireOutcome.Transient("TIMEOUT", "the CAD at " + where + " did not answer within "
                    + readable(settings.requestTimeout()), null, requestStarted);
        }
        if (e instanceof ConnectException) {
            return new WireOutcome.Transient("CONNECTION", "could not connect to the CAD at " + where
                    + " (connection refused)", null, requestStarted);
        }
        if (e instanceof UnknownHostException) {
            return new WireOutcome.Transient("CONNECTION", "cannot resolve the CAD host " + wire.redact(settings.baseUrl().getHost()),
                    null, false);
        }
        return new WireOutcome.Transient("CONNECTION", "connection to the CAD at " + where + " failed ("
                + e.getClass().getSimpleName() + ")", null, requestStarted);
    }

    String redact(String text) {
        return wire.redact(text);
    }

    /** Only for a client this dispatcher created: a shared one belongs to whoever handed it in. */
    void shutDown() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }

    private static String readable(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private static RequestBody oneShot(RequestBody body) {
        return new RequestBody() {
            @Override
            public MediaType contentType() {
                return body.contentType();
            }

            @Override
            public long contentLength() throws IOException {
                return body.contentLength();
            }

            @Override
            public void writeTo(BufferedSink sink) throws IOException {
                body.writeTo(sink);
            }

            @Override
            public boolean isOneShot() {
                return true;
            }
        };
    }
}
