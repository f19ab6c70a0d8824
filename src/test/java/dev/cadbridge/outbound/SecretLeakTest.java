package dev.cadbridge.outbound;

import dev.cadbridge.sonoran.ApiGeneration;
import dev.cadbridge.sonoran.CadResult;
import dev.cadbridge.sonoran.CallOrigin;
import dev.cadbridge.sonoran.CallStatus;
import dev.cadbridge.sonoran.CloseCall;
import dev.cadbridge.sonoran.KickUnit;
import dev.cadbridge.sonoran.NewDispatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A distinctive key pushed through every failure path, on both generations, including answers that
 * echo the key back: it must appear in no log line, result, exception, status or toString.
 */
class SecretLeakTest extends HttpDispatcherTestBase {

    @ParameterizedTest
    @EnumSource(ApiGeneration.class)
    void theApiKeyNeverLeaks(ApiGeneration generation) {
        List<String> seen = new ArrayList<>();
        String echo = "bad key " + API_KEY;
        server.enqueue(text(400, echo));                                   // malformed, echoing the key
        server.enqueue(text(500, echo));                                   // server error, echoing the key
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "0").body(echo).build());
        server.enqueue(text(200, "Backend Service Reached " + API_KEY));   // wrong endpoint (v1), odd 200 (v2)
        server.enqueue(new MockResponse.Builder().code(200).body("{}").headersDelay(3, TimeUnit.SECONDS).build());
        server.enqueue(text(401, "INVALID API KEY " + API_KEY));           // credentials
        start(generation);

        seen.add(result(dispatcher.submit(new CloseCall(1))).toString());
        seen.add(result(dispatcher.submit(new CloseCall(2))).toString());
        seen.add(result(dispatcher.submit(new NewDispatch(CallOrigin.CALLER, CallStatus.PENDING, 1, "t", "", "", "", "",
                "", "", Map.of(), List.of()))).toString());
        CompletableFuture<CadResult> kick = dispatcher.submit(new KickUnit("p1", "AFK"));
        await().atMost(Duration.ofSeconds(15)).until(() -> dispatcher.status().circuit() == DispatcherStatus.CircuitState.OPEN);
        seen.add(dispatcher.status().toString());
        seen.add(dispatcher.toString());
        seen.add(settings(generation).toString());
        seen.add(failureText(dispatcher.createLink("p1")));
        seen.add(dispatcher.checkCredentials().join().toString());

        int port = server.getPort();
        server.close();
        dispatcher.reconfigure(settings(generation, port));              // connection refused from here on
        await().atMost(Duration.ofSeconds(10)).until(() -> dispatcher.status().lastFailure() != null
                && dispatcher.status().lastFailure().kind().equals("CONNECTION"));
        seen.add(dispatcher.status().toString());
        seen.add(failureText(dispatcher.checkLink("p1")));
        seen.add(dispatcher.close(Duration.ZERO).toString());
        seen.add(kick.join().toString());
        seen.add(allLogText());

        assertThat(allLogText()).as("something was logged").isNotEmpty();
        assertThat(String.join("\n", seen)).doesNotContain(API_KEY).doesNotContain("LEAKCHECK");
    }

    private static String failureText(CompletableFuture<?> future) {
        try {
            return String.valueOf(future.join());
        } catch (CompletionException e) {
            return e.toString() + " / " + e.getCause();
        }
    }
}
