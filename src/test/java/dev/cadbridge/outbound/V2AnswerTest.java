package dev.cadbridge.outbound;

import dev.cadbridge.sonoran.ApiGeneration;
import dev.cadbridge.sonoran.AttachUnits;
import dev.cadbridge.sonoran.CadResult;
import dev.cadbridge.sonoran.CloseCall;
import dev.cadbridge.sonoran.DetachUnits;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attach, detach and close answers on v2 list what the CAD acted on ({@code identIds}, {@code callIds});
 * what they leave out did not happen, and an answer without its list does not say.
 */
class V2AnswerTest extends HttpDispatcherTestBase {

    @Test
    void anAttachAnsweredWithNoIdentIdsDidNotHappen() {
        server.enqueue(json(200, "{\"callId\":7,\"identIds\":[]}"));
        CadResult result = result(start(ApiGeneration.V2).submit(new AttachUnits(7, List.of("p1"))));

        assertThat(result).isInstanceOfSatisfying(CadResult.LeftOut.class, left -> {
            assertThat(left.done()).isZero();
            assertThat(left.named()).isEqualTo(1);
            assertThat(left.message()).isEqualTo("the CAD did not attach p1 to call #7: not logged in to the CAD");
        });
    }

    @Test
    void anAttachOfTwoAnsweredWithOneIdentIdWasOnlyHalfDone() {
        // identIds are CAD identifier ids, not the communityUserIds sent: they can be counted, not matched
        server.enqueue(json(200, "{\"callId\":7,\"identIds\":[12]}"));
        CadResult result = result(start(ApiGeneration.V2).submit(new AttachUnits(7, List.of("p1", "p2"))));

        assertThat(result).isInstanceOfSatisfying(CadResult.LeftOut.class, left -> {
            assertThat(left.done()).isEqualTo(1);
            assertThat(left.named()).isEqualTo(2);
            assertThat(left.message()).contains("only 1 of the 2 units").contains("does not say which");
        });
    }

    @Test
    void anAttachAnsweredWithEveryUnitIsDelivered() {
        server.enqueue(json(200, "{\"callId\":7,\"identIds\":[12,18]}"));
        assertThat(result(start(ApiGeneration.V2).submit(new AttachUnits(7, List.of("p1", "p2")))))
                .isEqualTo(new CadResult.Delivered(OptionalLong.empty()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"callId\":7}", "{\"callId\":7,\"identIds\":null}", "{}", "", "[12]"})
    void anAttachAnsweredWithoutItsListIsNotCalledDone(String body) {
        server.enqueue(json(200, body));
        CadResult result = result(start(ApiGeneration.V2).submit(new AttachUnits(7, List.of("p1"))));

        assertThat(result).isInstanceOfSatisfying(CadResult.OutcomeUnknown.class,
                unknown -> assertThat(unknown.message()).contains("identIds").contains("check the CAD"));
        assertThat(server.getRequestCount()).as("not sent again").isEqualTo(1);
    }

    @Test
    void aDetachAnsweredWithNoIdentIdsDidNotHappen() {
        server.enqueue(json(200, "{\"identIds\":[]}"));
        CadResult result = result(start(ApiGeneration.V2).submit(new DetachUnits(List.of("p1"))));

        assertThat(result).isInstanceOfSatisfying(CadResult.LeftOut.class,
                left -> assertThat(left.message()).isEqualTo("the CAD did not detach p1: not logged in to the CAD"));
    }

    @Test
    void closesAreMappedBackByCallId() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        server.setDispatcher(new Dispatcher() {
            private int requests;

            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                if (++requests == 1) {
                    release.await(10, TimeUnit.SECONDS);
                    return json(200, "{\"callIds\":[1]}");
                }
                return json(200, "{\"callIds\":[5]}");
            }
        });
        start(ApiGeneration.V2);
        CompletableFuture<CadResult> first = dispatcher.submit(new CloseCall(1));
        take();
        CompletableFuture<CadResult> exists = dispatcher.submit(new CloseCall(5));
        CompletableFuture<CadResult> missing = dispatcher.submit(new CloseCall(99999));
        release.countDown();

        assertThat(result(first)).isInstanceOf(CadResult.Delivered.class);
        assertThat(body(take())).isEqualTo(parse("{\"callIds\":[5,99999]}"));
        assertThat(result(exists)).isInstanceOf(CadResult.Delivered.class);
        assertThat(result(missing)).isInstanceOfSatisfying(CadResult.LeftOut.class,
                left -> assertThat(left.message()).isEqualTo("the CAD has no call #99999, so nothing was closed"));
    }

    @Test
    void aCloseAnsweredWithoutCallIdsIsNotCalledDone() {
        server.enqueue(json(200, "{\"closed\":true}"));
        assertThat(result(start(ApiGeneration.V2).submit(new CloseCall(5)))).isInstanceOf(CadResult.OutcomeUnknown.class);
    }
}
