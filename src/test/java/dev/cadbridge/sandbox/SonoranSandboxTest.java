package dev.cadbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import dev.cadbridge.sonoran.ApiGeneration;
import dev.cadbridge.sonoran.OperationType;
import java.time.Duration;
import java.util.List;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The v2 API: documented requests are accepted and answered as the pages show; state is consistent. */
class SonoranSandboxTest extends SandboxTestSupport {
    private static final String SERVER = "/v2/emergency/servers/1";


    @Test
    void baseUrlIsLoopbackWithThePort() {
        assertThat(cad.baseUrl()).isEqualTo("http://127.0.0.1:" + cad.port());
        assertThat(cad.port()).isPositive();
    }

    @Test
    void attachAnswersCallIdAndIdentIdsAndAttachesTheUnits() {
        long callId = cad.addCall("Armed Robbery");

        SandboxHttp.Answer answer = http.v2("POST", SERVER + "/dispatch-calls/" + callId + "/attachments",
                "{\"communityUserIds\":[\"player-1\",\"player-2\"]}");

        assertThat(answer.code()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        JsonObject body = answer.json().getAsJsonObject();
        assertThat(body.get("callId").getAsLong()).isEqualTo(callId);
        assertThat(body.getAsJsonArray("identIds")).hasSize(2);
        assertThat(cad.call(callId).orElseThrow().units()).containsExactly("player-1", "player-2");
        assertThat(cad.attachments()).extracting(SandboxEvent.Attachment::unitId).containsExactly("player-1", "player-2");
        assertThat(cad.violations()).isEmpty();
    }

    @Test
    void sameUnitKeepsItsIdentIdAcrossRequests() {
        long callId = cad.addCall("Traffic Stop");
        String path = SERVER + "/dispatch-calls/" + callId + "/attachments";

        int first = http.v2("POST", path, "{\"communityUserId\":\"player-1\"}").json().getAsJsonObject().getAsJsonArray("identIds").get(0).getAsInt();
        int second = http.v2("POST", path, "{\"communityUserIds\":[\"player-1\"]}").json().getAsJsonObject().getAsJsonArray("identIds").get(0).getAsInt();

        assertThat(second).isEqualTo(first);
    }

    @Test
    void attachToUnknownOrClosedCallIs404Problem() {
        SandboxHttp.Answer unknown = http.v2("POST", SERVER + "/dispatch-calls/999/attachments", "{\"communityUserIds\":[\"p\"]}");
        long callId = cad.addCall("Done");
        http.v2("POST", SERVER + "/dispatch-calls/close", "{\"callIds\":[" + callId + "]}");
        SandboxHttp.Answer closed = http.v2("POST", SERVER + "/dispatch-calls/" + callId + "/attachments", "{\"communityUserIds\":[\"p\"]}");

        assertThat(unknown.code()).isEqualTo(404);
        assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
        assertThat(unknown.json().getAsJsonObject().get("detail").getAsString()).contains("999");
        assertThat(closed.code()).isEqualTo(404);
        assertThat(cad.attachments()).isEmpty();
        assertThat(cad.violations()).isEmpty();
    }

    @Test
    void detachIsADeleteWithAJsonBodyAndRemovesTheUnitFromItsCall() {
        long callId = cad.addCall("Fire");
        http.v2("POST", SERVER + "/dispatch-calls/" + callId + "/attachments", "{\"communityUserIds\":[\"a\",\"b\"]}");

        SandboxHttp.Answer answer = http.v2("DELETE", SERVER + "/dispatch-calls/attachments", "{\"communityUserIds\":[\"a\"]}");

        assertThat(answer.code()).isEqualTo(200);
        assertThat(answer.json().getAsJsonObject().getAsJsonArray("identIds")).hasSize(1);
        assertThat(cad.call(callId).orElseThrow().units()).containsExactly("b");
        assertThat(cad.detachments()).singleElement().satisfies(d -> {
            assertThat(d.unitId()).isEqualTo("a");
            assertThat(d.fromCallId()).isEqualTo(callId);
        });
        assertThat(cad.violations()).isEmpty();
    }

    @Test
    void singleKickAnswersIdentIdAndReason() {
        SandboxHttp.Answer answer = http.v2("POST", SERVER + "/units/kick", "{\"communityUserId\":\"player-1\",\"reason\":\"AFK\"}");

        assertThat(answer.code()).isEqualTo(200);
        JsonObject body = answer.json().getAsJsonObject();
        assertThat(body.keySet()).containsExactlyInAnyOrder("identId", "reason");
        assertThat(body.get("reason").getAsString()).isEqualTo("AFK");
        assertThat(cad.deliveredKicks()).singleElement().satisfies(k -> {
            assertThat(k.unitId()).isEqualTo("player-1");
            assertThat(k.generation()).isEqualTo(ApiGeneration.V2);
        });
    }

    @Test
    void arrayKickAnswersCountAndEachKickedTarget() {
        SandboxHttp.Answer answer = http.v2("POST", SERVER + "/units/kick",
                "[{\"communityUserId\":\"p1\",\"reason\":\"AFK\"},{\"communityUserId\":\"p2\",\"reason\":\"Restart\"}]");

        JsonObject body = answer.json().getAsJsonObject();
        assertThat(body.get("count").getAsInt()).isEqualTo(2);
        assertThat(body.getAsJsonArray("kicked")).hasSize(2);
        JsonObject second = body.getAsJsonArray("kicked").get(1).getAsJsonObject();
        assertThat(second.get("communityUserId").getAsString()).isEqualTo("p2");
        assertThat(second.get("reason").getAsString()).isEqualTo("Restart");
        assertThat(second.has("identId")).isTrue();
        assertThat(cad.deliveredKicks()).extracting(SandboxEvent.Kick::unitId).containsExactly("p1", "p2");
    }

    @Test
    void kickAcceptsTheDocumentedLegacyDelete() {
        assertThat(http.v2("DELETE", SERVER + "/units/kick", "{\"communityUserId\":\"p\",\"reason\":\"AFK\"}").code()).isEqualTo(200);
        assertThat(cad.violations()).isEmpty();
    }

    @Test
    void duplicateKicksAreCountedSoTestsCanAssertDeliveredOnce() {
        http.v2("POST", SERVER + "/units/kick", "{\"communityUserId\":\"p\",\"reason\":\"AFK\"}");
        http.v2("POST", SERVER + "/units/kick", "{\"communityUserId\":\"p\",\"reason\":\"AFK\"}");

        assertThat(cad.deliveredKicks()).hasSize(2);
    }

    @Test
    void createDispatchAnswers201WithTheCallObject() {
        SandboxHttp.Answer answer = http.v2("POST", SERVER + "/dispatch-calls", """
                {"origin":0,"status":1,"priority":1,"block":"100","address":"Mission Row","postal":"9001",
                 "title":"Armed Robbery","code":"211","description":"Clerk reports a firearm.","notes":[],
                 "communityUserIds":["player-1234"],"metaData":{"source":"integration","x":"425.1"}}""");

        assertThat(answer.code()).isEqualTo(201);
        JsonObject call = answer.json().getAsJsonObject();
        long callId = call.get("callId").getAsLong();
        assertThat(call.get("title").getAsString()).isEqualTo("Armed Robbery");
        assertThat(call.getAsJsonArray("idents")).hasSize(1);
        assertThat(call.get("primary").getAsInt()).isEqualTo(call.getAsJsonArray("idents").get(0).getAsInt());
        assertThat(call.getAsJsonObject("metaData").get("x").getAsString()).isEqualTo("425.1");
        assertThat(call.has("updated")).isTrue();
        assertThat(cad.createdCalls()).singleElement().satisfies(c -> {
            assertThat(c.callId()).isEqualTo(callId);
            assertThat(c.units()).containsExactly("player-1234");
            assertThat(c.createdBy()).isEqualTo(ApiGeneration.V2);
        });
        assertThat(cad.violations()).isEmpty();
    }

    @Test
    void createDispatchWithEmptyCommunityUserIdsMakesAnUnassignedCall() {
        SandboxHttp.Answer answer = http.v2("POST", SERVER + "/dispatch-calls",
                "{\"origin\":0,\"status\":0,\"priority\":3,\"title\":\"Noise\",\"communityUserIds\":[]}");

        assertThat(answer.code()).isEqualTo(201);
        assertThat(answer.json().getAsJsonObject().get("primary").isJsonNull()).isTrue();
        assertThat(cad.createdCalls()).singleElement().satisfies(c -> assertThat(c.units()).isEmpty());
    }

    @Test
    void callIdsFollowTheConfiguredSequence() {
        cad.setNextCallId(501);
        String body = "{\"origin\":0,\"status\":0,\"priority\":1,\"title\":\"A\",\"communityUserIds\":[]}";

        long first = http.v2("POST", SERVER + "/dispatch-calls", body).json().getAsJsonObject().get("callId").getAsLong();
        long second = http.v2("POST", SERVER + "/dispatch-calls", body).json().getAsJsonObject().get("callId").getAsLong();

        assertThat(List.of(first, second)).containsExactly(501L, 502L);
    }

    @Test
    void closeAnswersTheClosedIdsAndLeavesUnknownOnesOut() {
        long a = cad.addCall("A");
        long b = cad.addCall("B");

        SandboxHttp.Answer answer = http.v2("POST", SERVER + "/dispatch-calls/close", "{\"callIds\":[" + a + ",77," + b + "]}");

        assertThat(answer.code()).isEqualTo(200);
        assertThat(answer.json().getAsJsonObject().getAsJsonArray("callIds")).extracting(e -> e.getAsLong()).containsExactly(a, b);
        assertThat(cad.closedCalls()).containsExactly(a, b);
        assertThat(cad.call(a).orElseThrow().isClosed()).isTrue();
    }

    @Test
    void createAttachCloseIsConsistent() {
        long callId = http.v2("POST", SERVER + "/dispatch-calls",
                "{\"origin\":1,\"status\":1,\"priority\":2,\"title\":\"Pursuit\",\"communityUserIds\":[\"u1\"]}")
                .json().getAsJsonObject().get("callId").getAsLong();
        http.v2("POST", SERVER + "/dispatch-calls/" + callId + "/attachments", "{\"communityUserIds\":[\"u2\"]}");
        assertThat(cad.call(callId).orElseThrow().units()).containsExactly("u1", "u2");

        http.v2("POST", SERVER + "/dispatch-calls/close", "{\"callIds\":[" + callId + "]}");

        SandboxCall closed = cad.call(callId).orElseThrow();
        assertThat(closed.status()).isEqualTo(SandboxCall.CLOSED);
        assertThat(closed.units()).isEmpty();
        JsonObject calls = http.v2("GET", SERVER + "/calls", null).json().getAsJsonObject();
        assertThat(calls.getAsJsonArray("ActiveCalls")).isEmpty();
        assertThat(calls.getAsJsonArray("ClosedCalls")).hasSize(1);
        assertThat(cad.violations()).isEmpty();
    }

    @Test
    void versionReportsThePlan() {
        cad.setPlan(SandboxPlan.PRO);

        JsonObject version = http.v2("GET", "/v2/general/version", null).json().getAsJsonObject();

        assertThat(version.get("name").getAsString()).isEqualTo("PRO");
        assertThat(version.get("version").getAsInt()).isEqualTo(SandboxPlan.PRO.version());
    }

    @Test
    void linkCodeFlowLinksTheUserWhenTheyEnterTheCode() {
        JsonObject created = http.v2("POST", "/v2/general/links", "{\"communityUserId\":\"uuid-1\"}").json().getAsJsonObject();
        assertThat(created.get("code").getAsString()).hasSize(4).isEqualTo(cad.liveLinkCode("uuid-1").orElseThrow());
        assertThat(created.get("expiresInSeconds").getAsInt()).isEqualTo(600);
        assertThat(created.get("expiresAt").getAsString()).isEqualTo(clock.instant().plusSeconds(600).toString());

        JsonObject before = http.v2("POST", "/v2/general/links/check", "{\"communityUserId\":\"uuid-1\"}").json().getAsJsonObject();
        cad.completeLink("uuid-1", "acc-1");
        JsonObject after = http.v2("POST", "/v2/general/links/check", "{\"communityUserId\":\"uuid-1\"}").json().getAsJsonObject();

        assertThat(before.get("linked").getAsBoolean()).isFalse();
        assertThat(before.get("accountUuid").isJsonNull()).isTrue();
        assertThat(after.get("linked").getAsBoolean()).isTrue();
        assertThat(after.get("accountUuid").getAsString()).isEqualTo("acc-1");
    }

    @Test
    void linkCodeExpiresAfter600SecondsOfTheSandboxClock() {
        String code = http.v2("POST", "/v2/general/links", "{\"communityUserId\":\"u\"}").json().getAsJsonObject().get("code").getAsString();
        clock.advance(Duration.ofSeconds(599));
        assertThat(cad.liveLinkCode("u")).contains(code);

        clock.advance(Duration.ofSeconds(1));

        assertThat(cad.liveLinkCode("u")).isEmpty();
        assertThatThrownBy(() -> cad.completeLink("u", "acc")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> cad.enterLinkCode(code, "acc")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void strictLinkModeLeavesUnlinkedUsersOutAnd404sWhenNoneResolve() {
        cad.setRequireLinkedUnits(true);
        cad.link("linked", "acc-1");
        long callId = cad.addCall("Call");

        SandboxHttp.Answer partial = http.v2("POST", SERVER + "/units/kick",
                "[{\"communityUserId\":\"linked\",\"reason\":\"AFK\"},{\"communityUserId\":\"stranger\",\"reason\":\"AFK\"}]");
        SandboxHttp.Answer none = http.v2("POST", SERVER + "/dispatch-calls/" + callId + "/attachments", "{\"communityUserIds\":[\"stranger\"]}");
        SandboxHttp.Answer single = http.v2("POST", SERVER + "/units/kick", "{\"communityUserId\":\"stranger\",\"reason\":\"AFK\"}");

        assertThat(partial.json().getAsJsonObject().get("count").getAsInt()).isEqualTo(1);
        assertThat(none.code()).isEqualTo(404);
        assertThat(single.code()).isEqualTo(404);
        assertThat(cad.deliveredKicks()).extracting(SandboxEvent.Kick::unitId).containsExactly("linked");
        assertThat(cad.violations()).isEmpty();
    }

    @Test
    void unitsNotLoggedInAreLeftOutOfAnswersAndLeftAlone() {
        long callId = cad.addCall("Call");
        http.v2("POST", SERVER + "/dispatch-calls/" + callId + "/attachments", "{\"communityUserIds\":[\"on\",\"off\"]}");
        cad.clearRecords();
        cad.logOff("off");
        cad.logOff("gone");

        SandboxHttp.Answer attach = http.v2("POST", SERVER + "/dispatch-calls/" + callId + "/attachments",
                "{\"communityUserIds\":[\"on\",\"gone\"]}");
        SandboxHttp.Answer detachNone = http.v2("DELETE", SERVER + "/dispatch-calls/attachments", "{\"communityUserIds\":[\"off\"]}");
        SandboxHttp.Answer kicks = http.v2("POST", SERVER + "/units/kick",
                "[{\"communityUserId\":\"on\",\"reason\":\"AFK\"},{\"communityUserId\":\"off\",\"reason\":\"AFK\"}]");
        SandboxHttp.Answer singleKick = http.v2("POST", SERVER + "/units/kick", "{\"communityUserId\":\"off\",\"reason\":\"AFK\"}");

        assertThat(attach.json().getAsJsonObject().getAsJsonArray("identIds")).hasSize(1);
        assertThat(detachNone.code()).isEqualTo(200);
        assertThat(detachNone.json().getAsJsonObject().getAsJsonArray("identIds")).isEmpty();
        assertThat(kicks.json().getAsJsonObject().get("count").getAsInt()).isEqualTo(1);
        assertThat(singleKick.code()).isEqualTo(404);
        assertThat(cad.attachments()).extracting(SandboxEvent.Attachment::unitId).containsExactly("on");
        assertThat(cad.detachments()).isEmpty();
        assertThat(cad.deliveredKicks()).extracting(SandboxEvent.Kick::unitId).containsExactly("on");
        assertThat(cad.call(callId).orElseThrow().units()).as("off stays where it was").containsExactly("on", "off");

        cad.logIn("off");
        SandboxHttp.Answer detach = http.v2("DELETE", SERVER + "/dispatch-calls/attachments", "{\"communityUserIds\":[\"off\"]}");
        assertThat(detach.json().getAsJsonObject().getAsJsonArray("identIds")).hasSize(1);
        assertThat(cad.violations()).isEmpty();
    }

    @Test
    void linkChecksForUnlinkedUsersCanBeRefusedWithSuccessFalse() {
        cad.setUnlinkedCheckStatus(404);
        cad.link("linked", "acc-1");

        SandboxHttp.Answer unlinked = http.v2("POST", "/v2/general/links/check", "{\"communityUserId\":\"stranger\"}");
        SandboxHttp.Answer linked = http.v2("POST", "/v2/general/links/check", "{\"communityUserId\":\"linked\"}");

        assertThat(unlinked.code()).isEqualTo(404);
        assertThat(unlinked.json().getAsJsonObject().get("success").getAsBoolean()).isFalse();
        assertThat(linked.code()).isEqualTo(200);
        assertThat(linked.json().getAsJsonObject().get("linked").getAsBoolean()).isTrue();
        assertThat(cad.violations()).isEmpty();
    }

    @Test
    void unitsAndCallsListsAnswer() {
        http.v2("POST", SERVER + "/units/kick", "{\"communityUserId\":\"p\",\"reason\":\"AFK\"}");

        SandboxHttp.Answer units = http.v2("GET", SERVER + "/units?onlyUnits=true&includeOffline=false", null);
        SandboxHttp.Answer calls = http.v2("GET", SERVER + "/calls?closedLimit=10&type=100", null);

        assertThat(units.json().getAsJsonArray()).hasSize(1);
        assertThat(calls.json().getAsJsonObject().keySet()).contains("ActiveCalls", "EmergencyCalls", "ClosedCalls", "ClosedCallCount");
        assertThat(cad.violations()).isEmpty();
    }

    // ---- authentication and configuration errors ----

    @Test
    void wrongKeyIs401ProblemWithTraceIdInBodyAndHeaderAndNotAViolation() {
        Request request = http.v2Request("GET", "/v2/general/version", null).header("Authorization", "Bearer wrong").build();

        SandboxHttp.Answer answer = http.send(request);

        assertThat(answer.code()).isEqualTo(401);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        JsonObject problem = answer.json().getAsJsonObject();
        assertThat(problem.keySet()).containsExactlyInAnyOrder("type", "title", "status", "detail", "instance", "traceId");
        assertThat(problem.get("traceId").getAsString()).isNotBlank().isEqualTo(answer.header("x-trace-id"));
        assertThat(problem.get("instance").getAsString()).isEqualTo("/v2/general/version");
        assertThat(cad.violations()).isEmpty();
    }

    @Test
    void missingOrNonBearerAuthorizationIs401AndAViolation() {
        SandboxHttp.Answer missing = http.send(http.v2Request("GET", "/v2/general/version", null).removeHeader("Authorization").build());
        SandboxHttp.Answer basic = http.send(http.v2Request("GET", "/v2/general/version", null).header("Authorization", "Basic abc").build());

        assertThat(missing.code()).isEqualTo(401);
        assertThat(missing.json().getAsJsonObject().get("detail").getAsString()).isEqualTo("Missing Authorization header.");
        assertThat(basic.code()).isEqualTo(401);
        assertThat(cad.violations()).hasSize(2);
    }

    @Test
    void keyCanBeChangedAndTheOldOneIsRefused() {
        String old = cad.apiKey();
        cad.setApiKey("rotated-key");

        SandboxHttp.Answer withOld = http.send(http.v2Request("GET", "/v2/general/version", null).header("Authorization", "Bearer " + old).build());

        assertThat(withOld.code()).isEqualTo(401);
        assertThat(http.v2("GET", "/v2/general/version", null).code()).isEqualTo(200);
    }

    @Test
    void unknownServerIdIs404ProblemAndNotAViolation() {
        SandboxHttp.Answer answer = http.v2("POST", "/v2/emergency/servers/7/units/kick", "{\"communityUserId\":\"p\",\"reason\":\"AFK\"}");

        assertThat(answer.code()).isEqualTo(404);
        assertThat(answer.json().getAsJsonObject().get("detail").getAsString()).contains("7");
        assertThat(cad.deliveredKicks()).isEmpty();
        assertThat(cad.violations()).isEmpty();
    }

    @Test
    void configuredServerIdsAreAccepted() {
        cad.setServerIds(1, 7);

        assertThat(http.v2("POST", "/v2/emergency/servers/7/units/kick", "{\"communityUserId\":\"p\",\"reason\":\"AFK\"}").code()).isEqualTo(200);
    }

    @ParameterizedTest
    @CsvSource({"KICK, /units/kick, '{\"communityUserId\":\"p\",\"reason\":\"AFK\"}'",
            "CLOSE, /dispatch-calls/close, '{\"callIds\":[1]}'"})
    void operationAbovePlanIs402(OperationType operation, String route, String body) {
        cad.setRequiredPlan(operation, SandboxPlan.PRO);

        SandboxHttp.Answer answer = http.v2("POST", SERVER + route, body);

        assertThat(answer.code()).isEqualTo(402);
        assertThat(answer.json().getAsJsonObject().get("detail").getAsString()).isEqualTo("VERSION PRO REQUIRED");
        assertThat(cad.events()).isEmpty();
    }

    @Test
    void freePlanRefusesOperationsButStillAnswersVersion() {
        cad.setPlan(SandboxPlan.FREE);

        assertThat(http.v2("POST", SERVER + "/units/kick", "{\"communityUserId\":\"p\",\"reason\":\"AFK\"}").code()).isEqualTo(402);
        assertThat(http.v2("GET", "/v2/general/version", null).code()).isEqualTo(200);
    }

    // ---- observability ----

    @Test
    void requestLogKeepsMethodPathHeadersBodyAndStatus() {
        http.v2("POST", SERVER + "/units/kick", "{\"communityUserId\":\"p\",\"reason\":\"AFK\"}");

        SandboxRequest request = cad.requestsTo(SandboxEndpoint.V2_KICK).get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v2/emergency/servers/1/units/kick");
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + cad.apiKey());
        assertThat(request.json().getAsJsonObject().get("reason").getAsString()).isEqualTo("AFK");
        assertThat(request.status()).isEqualTo(200);
        assertThat(request.time()).isEqualTo(clock.instant());
        assertThat(cad.requestsTo(OperationType.KICK)).containsExactly(request);
        assertThat(cad.requestsTo("/v2/emergency/servers/1/units/kick")).containsExactly(request);
    }

    @Test
    void awaitRequestsReturnsOnceConcurrentRequestsArrive() throws InterruptedException {
        List<Thread> senders = List.of(1, 2, 3).stream()
                .map(i -> Thread.ofVirtual().start(() -> http.v2("GET", "/v2/general/version", null)))
                .toList();

        cad.awaitRequests(3);

        assertThat(cad.requestsTo(SandboxEndpoint.V2_VERSION)).hasSize(3).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        for (Thread sender : senders) {
            sender.join();
        }
    }

    @Test
    void clearRecordsForgetsLogsButKeepsCalls() {
        long callId = cad.addCall("Keep");
        http.v2("POST", SERVER + "/units/kick", "{\"communityUserId\":\"p\",\"reason\":\"AFK\"}");

        cad.clearRecords();

        assertThat(cad.requests()).isEmpty();
        assertThat(cad.deliveredKicks()).isEmpty();
        assertThat(cad.requestCount()).isZero();
        assertThat(cad.call(callId)).isPresent();
    }

    @Test
    void recordingOffKeepsCountersAndViolations() {
        cad.setRecordRequests(false);
        http.v2("GET", "/v2/general/version", null);
        http.send(new Request.Builder().url(cad.baseUrl() + "/v2/nowhere").post(RequestBody.create("{}", SandboxHttp.JSON)).build());

        assertThat(cad.requests()).isEmpty();
        assertThat(cad.requestCount()).isEqualTo(2);
        assertThat(cad.violations()).hasSize(1);
    }
}
