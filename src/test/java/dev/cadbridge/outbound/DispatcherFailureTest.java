package dev.cadbridge.outbound;

import dev.cadbridge.sonoran.ApiGeneration;
import dev.cadbridge.sonoran.AttachUnits;
import dev.cadbridge.sonoran.CadResult;
import dev.cadbridge.sonoran.CallOrigin;
import dev.cadbridge.sonoran.CallStatus;
import dev.cadbridge.sonoran.CloseCall;
import dev.cadbridge.sonoran.FailureKind;
import dev.cadbridge.sonoran.KickUnit;
import dev.cadbridge.sonoran.NewDispatch;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Each failure class over real loopback HTTP: what the caller gets, what is retried, what is logged. */
class DispatcherFailureTest extends HttpDispatcherTestBase {

    private static NewDispatch dispatch() {
        return new NewDispatch(CallOrigin.CALLER, CallStatus.PENDING, 1, "Robbery", "211", "", "", "", "", "",
                Map.of(), List.of());
    }

    private void assertNoFurtherRequests(int expected) {
        await().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(2))
                .until(() -> server.getRequestCount() == expected);
    }

    private long logLines(Level level, String containing) {
        return logs.stream().filter(r -> r.getLevel() == level && r.getMessage().contains(containing)).count();
    }

    @Test
    void v2UnauthorizedOpensTheCircuitKeepsTheWorkAndResumesOnReload() throws Exception {
        server.enqueue(problem(401, "API key is invalid.", "00-trace-401"));
        start(ApiGeneration.V2);
        CompletableFuture<CadResult> first = dispatcher.submit(new KickUnit("p1", "AFK"));
        await().until(() -> dispatcher.status().circuit() == DispatcherStatus.CircuitState.OPEN);
        CompletableFuture<CadResult> second = dispatcher.submit(new KickUnit("p2", "AFK"));

        assertNoFurtherRequests(1);
        assertThat(first).isNotDone();
        assertThat(second).isNotDone();
        DispatcherStatus status = dispatcher.status();
        assertThat(status.circuitReason()).contains("API key").contains("API key is invalid.");
        assertThat(status.lastFailure().kind()).isEqualTo("CREDENTIALS");
        assertThat(status.lastFailure().traceId()).isEqualTo("00-trace-401");
        assertThat(status.queueDepth()).containsEntry(dev.cadbridge.sonoran.OperationType.KICK, 2);
        assertThat(logLines(Level.SEVERE, "rejected the configuration")).isEqualTo(1);

        server.enqueue(json(200, "{\"count\":2,\"kicked\":[{\"identId\":1,\"communityUserId\":\"p1\",\"reason\":\"AFK\"},"
                + "{\"identId\":2,\"communityUserId\":\"p2\",\"reason\":\"AFK\"}]}"));
        dispatcher.reconfigure(settings(ApiGeneration.V2));

        assertThat(result(first)).isInstanceOf(CadResult.Delivered.class);
        assertThat(result(second)).isInstanceOf(CadResult.Delivered.class);
        assertThat(dispatcher.status().circuit()).isEqualTo(DispatcherStatus.CircuitState.CLOSED);
        assertThat(logLines(Level.INFO, "sending resumes")).isEqualTo(1);
    }

    @Test
    void v2UnknownServerIdOpensTheCircuitAndNamesTheSetting() {
        server.enqueue(problem(404, "Server 1 is not configured for this community.", "00-trace-404"));
        start(ApiGeneration.V2).submit(new CloseCall(5));
        await().until(() -> dispatcher.status().circuit() == DispatcherStatus.CircuitState.OPEN);
        assertThat(dispatcher.status().circuitReason()).contains("server id 1").contains("sonoran.server-id");
    }

    @ParameterizedTest
    @ValueSource(strings = {"INVALID API KEY", "INVALID COMMUNITY ID", "API IS NOT ENABLED FOR THIS COMMUNITY",
            "API ENDPOINT IS NOT ENABLED FOR THIS COMMUNITY"})
    void v1CredentialAnswersOpenTheCircuit(String answer) {
        server.enqueue(text(400, answer));
        CompletableFuture<CadResult> kick = start(ApiGeneration.V1).submit(new KickUnit("STEAM:1", "AFK"));
        await().until(() -> dispatcher.status().circuit() == DispatcherStatus.CircuitState.OPEN);
        assertThat(dispatcher.status().circuitReason()).contains(answer);
        assertNoFurtherRequests(1);
        assertThat(kick).isNotDone();
    }

    @Test
    void v2PlanTooLowFailsThatTypeAndRefusesItFromThenOn() throws Exception {
        server.enqueue(problem(402, "VERSION PLUS REQUIRED", "00-trace-402"));
        server.enqueue(json(200, "{\"identId\":3}"));
        start(ApiGeneration.V2);

        CadResult attach = result(dispatcher.submit(new AttachUnits(5, List.of("p1"))));
        assertThat(attach).isInstanceOfSatisfying(CadResult.Failed.class, f -> {
            assertThat(f.kind()).isEqualTo(FailureKind.PLAN);
            assertThat(f.message()).contains("VERSION PLUS REQUIRED");
            assertThat(f.traceId()).isEqualTo("00-trace-402");
        });
        CompletableFuture<CadResult> refused = dispatcher.submit(new AttachUnits(6, List.of("p2")));
        assertThat(refused).as("completed at once").isDone();
        assertThat(refused.join()).isInstanceOfSatisfying(CadResult.Failed.class,
                f -> assertThat(f.kind()).isEqualTo(FailureKind.PLAN));
        assertThat(result(dispatcher.submit(new KickUnit("p3", "AFK")))).isInstanceOf(CadResult.Delivered.class);
        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(logLines(Level.WARNING, "attach is disabled")).isEqualTo(1);
    }

    @Test
    void v1RequiredAnswerIsAPlanFailure() {
        server.enqueue(text(400, "PLUS VERSION REQUIRED"));
        CadResult result = result(start(ApiGeneration.V1).submit(new AttachUnits(5, List.of("STEAM:1"))));
        assertThat(result).isInstanceOfSatisfying(CadResult.Failed.class, f -> assertThat(f.kind()).isEqualTo(FailureKind.PLAN));
    }

    @Test
    void v2BadRequestFailsWithTheApiMessageAndIsNeverRetried() {
        server.enqueue(problem(400, "title must not exceed 100 characters", "00-trace-400"));
        CadResult result = result(start(ApiGeneration.V2).submit(dispatch()));
        assertThat(result).isEqualTo(new CadResult.Failed(FailureKind.MALFORMED,
                "the CAD rejected the request (HTTP 400: title must not exceed 100 characters)", "00-trace-400"));
        assertNoFurtherRequests(1);
        assertThat(dispatcher.status().circuit()).isEqualTo(DispatcherStatus.CircuitState.CLOSED);
    }

    @Test
    void v1InvalidRequestTypeIsMalformed() {
        server.enqueue(text(400, "INVALID REQUEST TYPE"));
        CadResult result = result(start(ApiGeneration.V1).submit(new CloseCall(1)));
        assertThat(result).isInstanceOfSatisfying(CadResult.Failed.class, f -> {
            assertThat(f.kind()).isEqualTo(FailureKind.MALFORMED);
            assertThat(f.message()).contains("INVALID REQUEST TYPE");
        });
        assertNoFurtherRequests(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Backend Service Reached", "Sonoran CAD: Backend Service Reached"})
    void v1BackendServiceReachedIsAWrongEndpoint(String answer) {
        server.enqueue(text(200, answer));
        CadResult result = result(start(ApiGeneration.V1).submit(new CloseCall(1)));
        assertThat(result).isInstanceOfSatisfying(CadResult.Failed.class, f -> {
            assertThat(f.kind()).isEqualTo(FailureKind.UNEXPECTED_RESPONSE);
            assertThat(f.message()).contains("/emergency/close_call").contains("does not exist");
        });
    }

    @Test
    void traceIdsAreTakenFromHeadersWhenTheBodyHasNone() {
        server.enqueue(new MockResponse.Builder().code(422).addHeader("x-trace-id", "hdr-trace").body("nope").build());
        server.enqueue(new MockResponse.Builder().code(422).addHeader("x-kong-request-id", "kong-id").body("nope").build());
        start(ApiGeneration.V2);
        assertThat(((CadResult.Failed) result(dispatcher.submit(new CloseCall(1)))).traceId()).isEqualTo("hdr-trace");
        assertThat(((CadResult.Failed) result(dispatcher.submit(new CloseCall(2)))).traceId()).isEqualTo("kong-id");
    }

    @Test
    void a429WithRetryAfterSecondsIsWaitedOutThenRetried() throws Exception {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "1")
                .body("{\"message\":\"API rate limit exceeded\",\"request_id\":\"rl-1\"}").build());
        server.enqueue(json(200, "{\"callIds\":[1]}"));
        CompletableFuture<CadResult> close = start(ApiGeneration.V2).submit(new CloseCall(1));

        take();
        long firstAt = System.nanoTime();
        assertThat(take().getUrl().encodedPath()).endsWith("/dispatch-calls/close");
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - firstAt);
        assertThat(result(close)).isInstanceOf(CadResult.Delivered.class);
        assertThat(waited).as("waited for Retry-After").isGreaterThanOrEqualTo(900);
        assertThat(dispatcher.status().counters().rateLimited()).isEqualTo(1);
        assertThat(dispatcher.status().lastFailure().traceId()).isEqualTo("rl-1");
    }

    @Test
    void serverErrorsAreRetriedAndTheOutageIsLoggedOnce() {
        server.enqueue(text(500, "oops"));
        server.enqueue(text(503, "maintenance"));
        server.enqueue(text(503, "maintenance"));
        server.enqueue(json(200, "{\"identId\":1}"));
        CadResult result = result(start(ApiGeneration.V2).submit(new KickUnit("p1", "AFK")));

        assertThat(result).isInstanceOf(CadResult.Delivered.class);
        assertThat(server.getRequestCount()).isEqualTo(4);
        assertThat(logLines(Level.WARNING, "CAD unreachable")).isEqualTo(1);
        assertThat(logLines(Level.INFO, "CAD reachable again")).isEqualTo(1);
    }

    @Test
    void aBlipOfFewerFailuresThanTheThresholdIsRetriedWithoutAnOutageLine() {
        server.enqueue(text(503, "maintenance"));
        server.enqueue(text(503, "maintenance"));
        server.enqueue(json(200, "{\"identId\":1}"));
        CadResult result = result(start(ApiGeneration.V2).submit(new KickUnit("p1", "AFK")));

        assertThat(result).isInstanceOf(CadResult.Delivered.class);
        assertThat(DispatchEngine.FAILURES_BEFORE_UNREACHABLE).isEqualTo(3);
        assertThat(logs).as("two failures in a row are a blip, not an outage").isEmpty();
        assertThat(dispatcher.status().lastFailure().kind()).as("still visible in /cad status").isEqualTo("SERVER_ERROR");
    }

    @Test
    void recoversWhenTheServerComesUpAfterConnectionsWereRefused() throws Exception {
        int port = server.getPort();
        server.close();
        List<java.util.UUID> markedSending = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<java.util.UUID> markedNotSent = new java.util.concurrent.CopyOnWriteArrayList<>();
        dispatcher = builder(settings(ApiGeneration.V2, port)).listener(new OutboxListener() {
            @Override
            public void sending(java.util.Collection<java.util.UUID> ids) {
                markedSending.addAll(ids);
            }

            @Override
            public void notSent(java.util.Collection<java.util.UUID> ids) {
                markedNotSent.addAll(ids);
            }
        }).build();
        CompletableFuture<CadResult> call = dispatcher.submit(dispatch());
        await().until(() -> logLines(Level.WARNING, "will keep retrying") == 1 && !markedNotSent.isEmpty());
        assertThat(markedNotSent).as("the outbox learns a refused send never reached the CAD")
                .containsExactlyElementsOf(markedSending.subList(0, markedNotSent.size()));
        assertThat(dispatcher.status().lastFailure().kind()).isEqualTo("CONNECTION");
        assertThat(call).isNotDone();

        server = new MockWebServer();
        server.enqueue(json(201, "{\"callId\":77}"));
        server.start(port);
        assertThat(result(call)).as("never sent, so safe to send").isEqualTo(new CadResult.Delivered(OptionalLong.of(77)));
        assertThat(logLines(Level.WARNING, "will keep retrying")).isEqualTo(1);
    }

    @Test
    void aKickIsRetriedAfterATimeout() {
        server.enqueue(new MockResponse.Builder().code(200).body("{}").headersDelay(3, TimeUnit.SECONDS).build());
        server.enqueue(json(200, "{\"identId\":1}"));
        CadResult result = result(start(ApiGeneration.V2).submit(new KickUnit("p1", "AFK")));
        assertThat(result).isInstanceOf(CadResult.Delivered.class);
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void aDispatchThatTimedOutAfterSendingIsNotRetried() {
        server.enqueue(new MockResponse.Builder().code(201).body("{\"callId\":1}").headersDelay(3, TimeUnit.SECONDS).build());
        server.enqueue(json(201, "{\"callId\":2}"));
        CadResult result = result(start(ApiGeneration.V2).submit(dispatch()));
        assertThat(result).isInstanceOfSatisfying(CadResult.OutcomeUnknown.class,
                unknown -> assertThat(unknown.message()).contains("may have been created"));
        assertNoFurtherRequests(1);
    }

    @Test
    void aDispatchAnsweredWithAGatewayErrorMayExistSoIsNotRetriedButA503Is() {
        server.enqueue(text(503, "maintenance"));
        server.enqueue(text(502, "bad gateway"));
        server.enqueue(json(201, "{\"callId\":3}"));
        CadResult result = result(start(ApiGeneration.V2).submit(dispatch()));
        assertThat(result).isInstanceOf(CadResult.OutcomeUnknown.class);
        assertNoFurtherRequests(2);
    }

    @Test
    void v1UnitNotLinkedFailsThatOperationOnly() {
        server.enqueue(text(404, "API ID NOT LINKED TO AN ACCOUNT IN THIS COMMUNITY"));
        CadResult result = result(start(ApiGeneration.V1).submit(new KickUnit("STEAM:9", "AFK")));
        assertThat(result).isInstanceOfSatisfying(CadResult.Failed.class,
                f -> assertThat(f.kind()).isEqualTo(FailureKind.TARGET_NOT_FOUND));
        assertThat(dispatcher.status().circuit()).isEqualTo(DispatcherStatus.CircuitState.CLOSED);
    }

    @Test
    void closeHandsBackPendingWorkAndRefusesNewWork() {
        server.enqueue(problem(401, "API key is invalid.", "t"));
        List<PendingOperation> accepted = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<CadResult> finished = new java.util.concurrent.CopyOnWriteArrayList<>();
        dispatcher = builder(settings(ApiGeneration.V2)).listener(new OutboxListener() {
            @Override
            public void accepted(PendingOperation operation) {
                accepted.add(operation);
            }

            @Override
            public void finished(java.util.UUID id, CadResult result) {
                finished.add(result);
            }
        }).build();
        CompletableFuture<CadResult> kick = dispatcher.submit(new KickUnit("p1", "AFK"));
        CompletableFuture<CadResult> close = dispatcher.submit(new CloseCall(8));
        await().until(() -> dispatcher.status().circuit() == DispatcherStatus.CircuitState.OPEN && accepted.size() == 2);

        List<PendingOperation> handedBack = dispatcher.close(Duration.ofMillis(200));

        assertThat(handedBack).containsExactlyInAnyOrderElementsOf(accepted);
        assertThat(kick.join()).isInstanceOfSatisfying(CadResult.Failed.class, f -> {
            assertThat(f.kind()).isEqualTo(FailureKind.SHUT_DOWN);
            assertThat(f.message()).contains("saved");
        });
        assertThat(close).isDone();
        assertThat(finished).isEmpty();
        assertThat(dispatcher.submit(new CloseCall(9)).join()).isInstanceOfSatisfying(CadResult.Failed.class,
                f -> assertThat(f.kind()).isEqualTo(FailureKind.SHUT_DOWN));
    }

    @Test
    void anAbsurdRetryAfterOnALinkCheckNeitherStrandsPlayersNorStopsTheWorker() throws Exception {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "10000000000")
                .addHeader("Content-Type", "application/json")
                .body("{\"message\":\"API rate limit exceeded\",\"request_id\":\"r1\"}").build());
        server.enqueue(json(200, "{\"identId\":1}"));
        start(ApiGeneration.V2);

        assertThat(dispatcher.checkLink("p1")).failsWithin(Duration.ofSeconds(5));
        assertThat(dispatcher.checkLink("p1")).as("answered at once, not parked for centuries")
                .failsWithin(Duration.ofSeconds(5))
                .withThrowableThat().withMessageContaining("slow down");

        assertThat(result(dispatcher.submit(new KickUnit("p1", "AFK")))).isInstanceOf(CadResult.Delivered.class);
    }
}
