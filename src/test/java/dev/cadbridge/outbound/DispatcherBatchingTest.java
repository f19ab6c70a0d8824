package dev.cadbridge.outbound;

import dev.cadbridge.sonoran.ApiGeneration;
import dev.cadbridge.sonoran.AttachUnits;
import dev.cadbridge.sonoran.CadResult;
import dev.cadbridge.sonoran.CloseCall;
import dev.cadbridge.sonoran.DetachUnits;
import dev.cadbridge.sonoran.KickUnit;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Operations queued while a request is on the wire leave together in the next one. */
class DispatcherBatchingTest extends HttpDispatcherTestBase {
    private final CountDownLatch releaseFirst = new CountDownLatch(1);
    private final List<RecordedRequest> received = new CopyOnWriteArrayList<>();
    private final Queue<MockResponse> answers = new ConcurrentLinkedQueue<>();

    /** Holds the first request until the test releases it, so the test can queue more behind it. */
    private void holdFirstRequest() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                received.add(request);
                if (received.size() == 1) {
                    releaseFirst.await(10, TimeUnit.SECONDS);
                }
                MockResponse answer = answers.poll();
                return answer != null ? answer : json(500, "{\"detail\":\"no answer scripted\"}");
            }
        });
    }

    private void awaitReceived(int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() >= count);
    }

    @Test
    void kicksQueuedDuringARequestLeaveAsOneArrayAndTheAnswerIsMappedPerTarget() {
        holdFirstRequest();
        answers.add(json(200, "{\"identId\":1,\"reason\":\"AFK\"}"));
        answers.add(json(200, "{\"count\":1,\"kicked\":[{\"identId\":2,\"communityUserId\":\"p2\",\"reason\":\"AFK\"}]}"));
        start(ApiGeneration.V2);
        CompletableFuture<CadResult> first = dispatcher.submit(new KickUnit("p1", "AFK"));
        awaitReceived(1);
        CompletableFuture<CadResult> p2 = dispatcher.submit(new KickUnit("p2", "AFK"));
        CompletableFuture<CadResult> p3 = dispatcher.submit(new KickUnit("p3", "AFK"));
        CompletableFuture<CadResult> p2Again = dispatcher.submit(new KickUnit("p2", "AFK"));
        releaseFirst.countDown();

        assertThat(result(first)).isInstanceOf(CadResult.Delivered.class);
        assertThat(result(p2)).isInstanceOf(CadResult.Delivered.class);
        assertThat(result(p2Again)).as("a duplicate shares the outcome").isInstanceOf(CadResult.Delivered.class);
        assertThat(result(p3)).as("not in the 'kicked' answer").isInstanceOfSatisfying(CadResult.LeftOut.class, left -> {
            assertThat(left.done()).isZero();
            assertThat(left.message()).contains("p3").contains("not logged in");
        });
        assertThat(received).hasSize(2);
        assertThat(body(received.get(1))).isEqualTo(parse(
                "[{\"communityUserId\":\"p2\",\"reason\":\"AFK\"},{\"communityUserId\":\"p3\",\"reason\":\"AFK\"}]"));
        assertThat(dispatcher.status().counters().batches()).isEqualTo(1);
    }

    @Test
    void closesAttachesAndDetachesQueuedDuringARequestAreMerged() {
        holdFirstRequest();
        answers.add(json(200, "{\"callIds\":[1]}"));
        // the other answers in the order the requests go (the endpoint whose oldest operation waited longest first)
        answers.add(json(200, "{\"callIds\":[2,3]}"));
        answers.add(json(200, "{\"callId\":501,\"identIds\":[12,13]}"));
        answers.add(json(200, "{\"callId\":502,\"identIds\":[14]}"));
        answers.add(json(200, "{\"identIds\":[15,16]}"));
        start(ApiGeneration.V2);
        CompletableFuture<CadResult> first = dispatcher.submit(new CloseCall(1));
        awaitReceived(1);
        List<CompletableFuture<CadResult>> queued = List.of(
                dispatcher.submit(new CloseCall(2)),
                dispatcher.submit(new CloseCall(3)),
                dispatcher.submit(new CloseCall(2)),
                dispatcher.submit(new AttachUnits(501, List.of("a"))),
                dispatcher.submit(new AttachUnits(501, List.of("b", "a"))),
                dispatcher.submit(new AttachUnits(502, List.of("c"))),
                dispatcher.submit(new DetachUnits(List.of("x"))),
                dispatcher.submit(new DetachUnits(List.of("y"))));
        releaseFirst.countDown();

        assertThat(result(first)).isInstanceOf(CadResult.Delivered.class);
        queued.forEach(future -> assertThat(result(future)).isInstanceOf(CadResult.Delivered.class));
        assertThat(received).hasSize(5);
        assertThat(received.subList(1, 5)).extracting(r -> r.getMethod() + " " + r.getUrl().encodedPath() + " " + body(r))
                .containsExactlyInAnyOrder(
                        "POST /v2/emergency/servers/1/dispatch-calls/close {\"callIds\":[2,3]}",
                        "POST /v2/emergency/servers/1/dispatch-calls/501/attachments {\"communityUserIds\":[\"a\",\"b\"]}",
                        "POST /v2/emergency/servers/1/dispatch-calls/502/attachments {\"communityUserIds\":[\"c\"]}",
                        "DELETE /v2/emergency/servers/1/dispatch-calls/attachments {\"communityUserIds\":[\"x\",\"y\"]}");
    }

    @Test
    void v1KicksQueuedDuringARequestShareOneDataArray() {
        holdFirstRequest();
        answers.add(text(200, "UNIT KICKED"));
        answers.add(text(200, "UNIT KICKED"));
        start(ApiGeneration.V1);
        dispatcher.submit(new KickUnit("STEAM:1", "AFK"));
        awaitReceived(1);
        CompletableFuture<CadResult> second = dispatcher.submit(new KickUnit("STEAM:2", "AFK"));
        CompletableFuture<CadResult> third = dispatcher.submit(new KickUnit("STEAM:3", "Server restart"));
        releaseFirst.countDown();

        assertThat(result(second)).isInstanceOf(CadResult.Delivered.class);
        assertThat(result(third)).isInstanceOf(CadResult.Delivered.class);
        assertThat(body(received.get(1)).getAsJsonObject().get("data")).isEqualTo(parse(
                "[{\"apiId\":\"STEAM:2\",\"reason\":\"AFK\",\"serverId\":1},"
                        + "{\"apiId\":\"STEAM:3\",\"reason\":\"Server restart\",\"serverId\":1}]"));
    }
}
