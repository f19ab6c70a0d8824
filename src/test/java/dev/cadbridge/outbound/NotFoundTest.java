package dev.cadbridge.outbound;

import dev.cadbridge.sonoran.ApiGeneration;
import dev.cadbridge.sonoran.CadLinks;
import dev.cadbridge.sonoran.CadResult;
import dev.cadbridge.sonoran.FailureKind;
import dev.cadbridge.sonoran.KickUnit;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A 404 stops all traffic only when it names the server or a harmless request confirms it; any other
 * 404 fails the one operation. A link check refused with {@code {"success":false}} means "not linked yet".
 */
class NotFoundTest extends HttpDispatcherTestBase {
    private final List<String> paths = new CopyOnWriteArrayList<>();

    /** Answers by route; the kick route answers each request from {@code kicks} in turn. */
    private void answer(Function<String, MockResponse> byPath) {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = request.getUrl().encodedPath();
                paths.add(path);
                return byPath.apply(path);
            }
        });
    }

    private static final MockResponse KICKED = json(200, "{\"identId\":1,\"reason\":\"AFK\"}");
    private static final MockResponse VERSION = json(200, "{\"version\":2,\"name\":\"PLUS\"}");

    private long requestsTo(String suffix) {
        return paths.stream().filter(path -> path.endsWith(suffix)).count();
    }

    @Test
    void a404ThatNamesNothingFailsThatOperationOnlyWhenTheVersionCheckWorks() {
        CopyOnWriteArrayList<MockResponse> kicks = new CopyOnWriteArrayList<>(List.of(
                json(404, "{\"message\":\"Not Found\"}"), KICKED));
        answer(path -> path.endsWith("/version") ? VERSION : kicks.remove(0));
        start(ApiGeneration.V2);

        CadResult first = result(dispatcher.submit(new KickUnit("p1", "AFK")));
        assertThat(first).isInstanceOfSatisfying(CadResult.Failed.class, failed -> {
            assertThat(failed.kind()).isEqualTo(FailureKind.TARGET_NOT_FOUND);
            assertThat(failed.message()).contains("404");
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> requestsTo("/v2/general/version") == 1);

        assertThat(result(dispatcher.submit(new KickUnit("p2", "AFK")))).isInstanceOf(CadResult.Delivered.class);
        assertThat(dispatcher.status().circuit()).isEqualTo(DispatcherStatus.CircuitState.CLOSED);
        assertThat(requestsTo("/v2/general/version")).as("one check per unexplained 404").isEqualTo(1);
    }

    @Test
    void a404ThatTheVersionCheckConfirmsPausesSendingAndNamesTheAddress() {
        answer(path -> json(404, "{\"message\":\"no Route matched with those values\"}"));
        start(ApiGeneration.V2);

        assertThat(result(dispatcher.submit(new KickUnit("p1", "AFK")))).isInstanceOf(CadResult.Failed.class);
        await().atMost(Duration.ofSeconds(5)).until(() -> dispatcher.status().circuit() == DispatcherStatus.CircuitState.OPEN);
        assertThat(dispatcher.status().circuitReason()).contains("sonoran.base-url");

        CompletableFuture<CadResult> held = dispatcher.submit(new KickUnit("p2", "AFK"));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> paths.size() == 2);
        assertThat(held).as("kept for when the address is fixed").isNotDone();
    }

    @Test
    void a404WhoseTextOnlyQuotesThePathIsNotTakenForAnUnknownUnit() {
        // "/units/kick" in the text is the route, not a unit the CAD failed to find
        answer(path -> path.endsWith("/version") ? VERSION
                : problem(404, "No route matches POST /v2/emergency/servers/1/units/kick.", "t-1"));
        start(ApiGeneration.V2);

        result(dispatcher.submit(new KickUnit("p1", "AFK")));
        await().atMost(Duration.ofSeconds(5)).until(() -> requestsTo("/v2/general/version") == 1);
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 404})
    void aLinkCheckRefusedWithSuccessFalseMeansNotLinkedYetAndStopsNothing(int status) throws Exception {
        answer(path -> path.endsWith("/links/check") ? json(status, "{\"success\":false}") : KICKED);
        start(ApiGeneration.V2);

        assertThat(dispatcher.checkLink("p1").get()).isEqualTo(new CadLinks.LinkCheck(false, null));
        assertThat(dispatcher.status().circuit()).isEqualTo(DispatcherStatus.CircuitState.CLOSED);
        assertThat(result(dispatcher.submit(new KickUnit("p1", "AFK")))).isInstanceOf(CadResult.Delivered.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Not Found", "Server 1 is not configured for this community."})
    void aLinkCheckAnswering404WithoutSuccessFalseFailsThatCheckOnly(String detail) {
        answer(path -> path.endsWith("/links/check") ? problem(404, detail, "t-404") : KICKED);
        start(ApiGeneration.V2);

        assertThat(dispatcher.checkLink("p1")).failsWithin(Duration.ofSeconds(5));
        assertThat(dispatcher.status().circuit()).isEqualTo(DispatcherStatus.CircuitState.CLOSED);
        assertThat(result(dispatcher.submit(new KickUnit("p1", "AFK")))).isInstanceOf(CadResult.Delivered.class);
    }
}
