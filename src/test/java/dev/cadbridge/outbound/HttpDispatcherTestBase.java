package dev.cadbridge.outbound;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import dev.cadbridge.sonoran.ApiGeneration;
import dev.cadbridge.sonoran.ApiKey;
import dev.cadbridge.sonoran.CadResult;
import dev.cadbridge.sonoran.SonoranSettings;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A real loopback HTTP server, a dispatcher pointed at it, and the dispatcher's log lines captured. */
abstract class HttpDispatcherTestBase {
    static final String API_KEY = "sk-LEAKCHECK-7f3a9c-do-not-print";
    static final String COMMUNITY = "community-42";

    MockWebServer server;
    final List<LogRecord> logs = new CopyOnWriteArrayList<>();
    final Logger logger = Logger.getAnonymousLogger();
    SonoranDispatcher dispatcher;

    @BeforeEach
    void startServer() throws IOException {
        server = new MockWebServer();
        server.start();
        logger.setUseParentHandlers(false);
        logger.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                logs.add(record);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        });
    }

    @AfterEach
    void stopAll() {
        if (dispatcher != null) {
            dispatcher.close(Duration.ZERO);
        }
        server.close();
    }

    SonoranSettings settings(ApiGeneration generation, int port) {
        return new SonoranSettings(generation, URI.create("http://127.0.0.1:" + port), COMMUNITY,
                ApiKey.of(API_KEY), 1, Duration.ofSeconds(2), Duration.ofMillis(800));
    }

    SonoranSettings settings(ApiGeneration generation) {
        return settings(generation, server.getPort());
    }

    /** Fast retries and no rate limits, so tests measure the behaviour under test and not the pacing. */
    SonoranDispatcherBuilder builder(SonoranSettings settings) {
        DispatcherSettings d = DispatcherSettings.defaults();
        return SonoranDispatcher.builder(settings)
                .dispatcherSettings(new DispatcherSettings(d.queueCapacity(), d.maxBatchSize(), d.deadlines(),
                        d.rateLimits(), d.v1RateLimit(), Duration.ofMillis(20), Duration.ofMillis(200)))
                .withoutRateLimits()
                .logger(logger);
    }

    SonoranDispatcher start(ApiGeneration generation) {
        dispatcher = builder(settings(generation)).build();
        return dispatcher;
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }

    static MockResponse problem(int code, String detail, String traceId) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/problem+json")
                .body("{\"type\":\"https://httpstatuses.com/" + code + "\",\"title\":\"Error\",\"status\":" + code
                        + ",\"detail\":\"" + detail + "\",\"instance\":\"/v2\",\"traceId\":\"" + traceId + "\"}")
                .build();
    }

    static MockResponse text(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "text/plain").body(body).build();
    }

    RecordedRequest take() throws InterruptedException {
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request).as("a request reached the server").isNotNull();
        return request;
    }

    static JsonElement body(RecordedRequest request) {
        return JsonParser.parseString(request.getBody().utf8());
    }

    static JsonElement parse(String json) {
        return JsonParser.parseString(json);
    }

    static CadResult result(CompletableFuture<CadResult> future) {
        await().atMost(Duration.ofSeconds(10)).until(future::isDone);
        return future.join();
    }

    String allLogText() {
        StringBuilder text = new StringBuilder();
        for (LogRecord record : logs) {
            text.append(record.getLevel()).append(' ').append(record.getMessage()).append('\n');
            if (record.getThrown() != null) {
                text.append(record.getThrown()).append('\n');
            }
        }
        return text.toString();
    }
}
