package dev.cadbridge.outbound;

import dev.cadbridge.sonoran.ApiGeneration;
import dev.cadbridge.sonoran.AttachUnits;
import dev.cadbridge.sonoran.CadLinks;
import dev.cadbridge.sonoran.CadResult;
import dev.cadbridge.sonoran.CallOrigin;
import dev.cadbridge.sonoran.CallStatus;
import dev.cadbridge.sonoran.CloseCall;
import dev.cadbridge.sonoran.CredentialCheck;
import dev.cadbridge.sonoran.DetachUnits;
import dev.cadbridge.sonoran.KickUnit;
import dev.cadbridge.sonoran.NewDispatch;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Each v2 operation on the wire: exact method, path, headers and JSON body, and how the answer is read. */
class V2WireTest extends HttpDispatcherTestBase {

    private void assertV2Headers(RecordedRequest request) {
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + API_KEY);
        assertThat(request.getHeaders().get("Accept")).isEqualTo("application/json");
        if (request.getBodySize() > 0) {
            assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
        }
    }

    @Test
    void kickOfOneUnitSendsTheSingleObjectTheSdkSends() throws Exception {
        server.enqueue(json(200, "{\"identId\":12,\"reason\":\"AFK\"}"));
        var future = start(ApiGeneration.V2).submit(new KickUnit("player-1234", "AFK for 15 minutes"));

        RecordedRequest request = take();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v2/emergency/servers/1/units/kick");
        assertV2Headers(request);
        assertThat(body(request)).isEqualTo(parse("{\"communityUserId\":\"player-1234\",\"reason\":\"AFK for 15 minutes\"}"));
        assertThat(result(future)).isEqualTo(new CadResult.Delivered(OptionalLong.empty()));
    }

    @Test
    void attachSendsCommunityUserIdsToTheCallsAttachmentRoute() throws Exception {
        server.enqueue(json(200, "{\"callId\":501,\"identIds\":[12,18]}"));
        var future = start(ApiGeneration.V2).submit(new AttachUnits(501, List.of("player-1", "player-2")));

        RecordedRequest request = take();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v2/emergency/servers/1/dispatch-calls/501/attachments");
        assertV2Headers(request);
        assertThat(body(request)).isEqualTo(parse("{\"communityUserIds\":[\"player-1\",\"player-2\"]}"));
        assertThat(result(future)).isInstanceOf(CadResult.Delivered.class);
    }

    @Test
    void detachIsADeleteWithAJsonBody() throws Exception {
        server.enqueue(json(200, "{\"identIds\":[12]}"));
        var future = start(ApiGeneration.V2).submit(new DetachUnits(List.of("player-1")));

        RecordedRequest request = take();
        assertThat(request.getMethod()).isEqualTo("DELETE");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v2/emergency/servers/1/dispatch-calls/attachments");
        assertV2Headers(request);
        assertThat(body(request)).isEqualTo(parse("{\"communityUserIds\":[\"player-1\"]}"));
        assertThat(result(future)).isInstanceOf(CadResult.Delivered.class);
    }

    @Test
    void closeSendsCallIds() throws Exception {
        server.enqueue(json(200, "{\"callIds\":[1042]}"));
        var future = start(ApiGeneration.V2).submit(new CloseCall(1042));

        RecordedRequest request = take();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v2/emergency/servers/1/dispatch-calls/close");
        assertV2Headers(request);
        assertThat(body(request)).isEqualTo(parse("{\"callIds\":[1042]}"));
        assertThat(result(future)).isInstanceOf(CadResult.Delivered.class);
    }

    @Test
    void newDispatchSendsTheDocumentedFieldsAndReturnsTheCallId() throws Exception {
        server.enqueue(json(201, "{\"callId\":501,\"title\":\"Armed Robbery\",\"idents\":[12]}"));
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("x", "425.1");
        meta.put("y", "-979.2");
        var future = start(ApiGeneration.V2).submit(new NewDispatch(CallOrigin.CALLER, CallStatus.ACTIVE, 1,
                "Armed Robbery", "211", "100", "Mission Row", "9001", "Clerk reports a firearm.", "",
                meta, List.of("player-1234")));

        RecordedRequest request = take();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v2/emergency/servers/1/dispatch-calls");
        assertV2Headers(request);
        assertThat(body(request)).isEqualTo(parse("""
                {"origin":0,"status":1,"priority":1,"block":"100","address":"Mission Row","postal":"9001",
                 "title":"Armed Robbery","code":"211","description":"Clerk reports a firearm.","notes":[],
                 "communityUserIds":["player-1234"],"metaData":{"x":"425.1","y":"-979.2"}}"""));
        assertThat(result(future)).isEqualTo(new CadResult.Delivered(OptionalLong.of(501)));
    }

    @Test
    void unassignedDispatchSendsAnEmptyTargetListAndPutsNotesIntoTheDescription() throws Exception {
        server.enqueue(json(201, "{\"callId\":7}"));
        var future = start(ApiGeneration.V2).submit(new NewDispatch(CallOrigin.OBSERVED, CallStatus.PENDING, 3,
                "Noise complaint", "", "", "", "", "", "Caller hung up", Map.of(), List.of()));

        assertThat(body(take())).isEqualTo(parse("""
                {"origin":2,"status":0,"priority":3,"title":"Noise complaint","description":"Notes: Caller hung up",
                 "notes":[],"communityUserIds":[]}"""));
        assertThat(result(future)).isEqualTo(new CadResult.Delivered(OptionalLong.of(7)));
    }

    @Test
    void linkCodeRequestAndAnswer() throws Exception {
        server.enqueue(json(200, """
                {"code":"A7K2","communityUserId":"uuid-1","communityUuid":"c","expiresAt":"2026-04-09T19:25:00Z","expiresInSeconds":600}"""));
        var future = start(ApiGeneration.V2).createLink("uuid-1");

        RecordedRequest request = take();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v2/general/links");
        assertV2Headers(request);
        assertThat(body(request)).isEqualTo(parse("{\"communityUserId\":\"uuid-1\"}"));
        CadLinks.LinkCode code = future.get();
        assertThat(code.code()).isEqualTo("A7K2");
        assertThat(code.url()).isEqualTo("https://sonorancad.com/id?code=A7K2");
        assertThat(code.expiresAt()).isEqualTo(java.time.Instant.parse("2026-04-09T19:25:00Z"));
    }

    @Test
    void linkCheckRequestAndAnswer() throws Exception {
        server.enqueue(json(200, "{\"communityUserId\":\"uuid-1\",\"linked\":true,\"accountUuid\":\"acc-9\"}"));
        server.enqueue(json(200, "{\"communityUserId\":\"uuid-2\",\"linked\":false,\"accountUuid\":null}"));
        start(ApiGeneration.V2);

        assertThat(dispatcher.checkLink("uuid-1").get()).isEqualTo(new CadLinks.LinkCheck(true, "acc-9"));
        RecordedRequest request = take();
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v2/general/links/check");
        assertV2Headers(request);
        assertThat(body(request)).isEqualTo(parse("{\"communityUserId\":\"uuid-1\"}"));
        assertThat(dispatcher.checkLink("uuid-2").get()).isEqualTo(new CadLinks.LinkCheck(false, null));
    }

    @Test
    void credentialCheckAsksForTheVersion() throws Exception {
        server.enqueue(json(200, "{\"version\":2,\"name\":\"PLUS\"}"));
        server.enqueue(problem(401, "API key is invalid.", "00-trace-401"));
        start(ApiGeneration.V2);

        CredentialCheck ok = dispatcher.checkCredentials().get();
        RecordedRequest request = take();
        assertThat(request.getMethod()).isEqualTo("GET");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v2/general/version");
        assertV2Headers(request);
        assertThat(ok.result()).isEqualTo(CredentialCheck.Result.OK);
        assertThat(ok.message()).contains("PLUS");

        CredentialCheck rejected = dispatcher.checkCredentials().get();
        assertThat(rejected.result()).isEqualTo(CredentialCheck.Result.REJECTED);
        assertThat(rejected.traceId()).isEqualTo("00-trace-401");
        await().atMost(Duration.ofSeconds(5)).until(() -> dispatcher.status().circuit() == DispatcherStatus.CircuitState.OPEN);
    }
}
