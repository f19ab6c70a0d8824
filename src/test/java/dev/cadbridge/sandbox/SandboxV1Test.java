package dev.cadbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadbridge.sonoran.ApiGeneration;
import dev.cadbridge.sonoran.OperationType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The legacy API: the SDK's endpoint/type pairs are accepted and answered with the documented texts. */
class SandboxV1Test extends SandboxTestSupport {
    @BeforeEach
    void liftV1Limit() {
        cad.setV1RateLimitEnabled(false);
    }

    @Test
    void newDispatchAnswersTheCallIdInItsText() {
        SandboxHttp.Answer answer = http.v1("/emergency/new_dispatch", "NEW_DISPATCH", """
                [{"serverId":1,"origin":0,"status":0,"priority":1,"block":"123","address":"4234 E. Example Ave",
                  "postal":"456","title":"Traffic Stop","code":"10-39","description":"Blue Sedan","notes":[],
                  "metaData":{"someKey":"someValue"},"units":["STEAM:1234"]}]""");

        assertThat(answer.code()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).startsWith("text/plain");
        SandboxCall call = cad.createdCalls().get(0);
        assertThat(answer.body()).isEqualTo("NEW DISPATCH CREATED - ID: " + call.callId());
        assertThat(call.units()).containsExactly("STEAM:1234");
        assertThat(call.createdBy()).isEqualTo(ApiGeneration.V1);
        assertThat(call.metaData()).containsEntry("someKey", "someValue");
        assertThat(cad.violations()).isEmpty();
    }

    @Test
    void attachDetachAndCloseAnswerTheirTextsAndChangeTheCall() {
        long callId = cad.addCall("Fire");

        SandboxHttp.Answer attached = http.v1("/emergency/attach_unit", "ATTACH_UNIT",
                "[{\"serverId\":1,\"callId\":" + callId + ",\"units\":[\"a\",\"b\"]}]");
        assertThat(cad.call(callId).orElseThrow().units()).containsExactly("a", "b");
        SandboxHttp.Answer detached = http.v1("/emergency/detach_unit", "DETACH_UNIT", "[{\"serverId\":1,\"units\":[\"a\"]}]");
        assertThat(cad.call(callId).orElseThrow().units()).containsExactly("b");
        SandboxHttp.Answer closed = http.v1("/emergency/close_call", "CLOSE_CALL", "[{\"serverId\":1,\"callId\":" + callId + "}]");

        assertThat(attached.body()).isEqualTo("UNITS ATTACHED");
        assertThat(detached.body()).isEqualTo("UNITS DETACHED");
        assertThat(closed.code()).isEqualTo(200);
        assertThat(closed.body()).isEqualTo("CALL CLOSED");
        assertThat(cad.closedCalls()).containsExactly(callId);
        assertThat(cad.call(callId).orElseThrow().isClosed()).isTrue();
        assertThat(cad.violations()).isEmpty();
    }

    @Test
    void unitsNotLoggedInAreLeftAloneBehindTheUsualText() {
        long callId = cad.addCall("Fire");
        cad.logOff("off");

        SandboxHttp.Answer attached = http.v1("/emergency/attach_unit", "ATTACH_UNIT",
                "[{\"serverId\":1,\"callId\":" + callId + ",\"units\":[\"on\",\"off\"]}]");
        SandboxHttp.Answer kicked = http.v1("/emergency/kick_unit", "KICK_UNIT", "[{\"apiId\":\"off\",\"reason\":\"AFK\",\"serverId\":1}]");

        assertThat(attached.body()).isEqualTo("UNITS ATTACHED");
        assertThat(kicked.body()).isEqualTo("UNIT KICKED");
        assertThat(cad.call(callId).orElseThrow().units()).containsExactly("on");
        assertThat(cad.deliveredKicks()).isEmpty();
        assertThat(cad.violations()).isEmpty();
    }

    @Test
    void kickDataArrayKicksEachUnit() {
        SandboxHttp.Answer answer = http.v1("/emergency/kick_unit", "KICK_UNIT",
                "[{\"apiId\":\"STEAM:1\",\"reason\":\"AFK\",\"serverId\":1},{\"apiId\":\"STEAM:2\",\"reason\":\"AFK\",\"serverId\":1}]");

        assertThat(answer.body()).isEqualTo("UNIT KICKED");
        assertThat(cad.deliveredKicks()).extracting(SandboxEvent.Kick::unitId).containsExactly("STEAM:1", "STEAM:2");
        assertThat(cad.requestsTo(OperationType.KICK)).singleElement()
                .satisfies(r -> assertThat(r.generation()).isEqualTo(ApiGeneration.V1));
    }

    @Test
    void credentialsAreCheckedCommunityFirstAndAreNotViolations() {
        String data = "[{\"apiId\":\"u\",\"reason\":\"AFK\",\"serverId\":1}]";
        String wrongCommunity = "{\"id\":\"other\",\"key\":\"" + cad.apiKey() + "\",\"type\":\"KICK_UNIT\",\"data\":" + data + "}";
        String wrongKey = "{\"id\":\"" + cad.communityId() + "\",\"key\":\"nope\",\"type\":\"KICK_UNIT\",\"data\":" + data + "}";

        SandboxHttp.Answer community = http.v1Raw("/emergency/kick_unit", wrongCommunity);
        SandboxHttp.Answer key = http.v1Raw("/emergency/kick_unit", wrongKey);
        cad.revokeKey();
        SandboxHttp.Answer revoked = http.v1("/emergency/kick_unit", "KICK_UNIT", data);

        assertThat(community.code()).isEqualTo(400);
        assertThat(community.body()).isEqualTo("INVALID COMMUNITY ID");
        assertThat(key.body()).isEqualTo("INVALID API KEY");
        assertThat(revoked.body()).isEqualTo("INVALID API KEY");
        assertThat(cad.deliveredKicks()).isEmpty();
        assertThat(cad.violations()).isEmpty();
    }

    @Test
    void planTooLowAnswersVersionRequiredAndFreeHasNoApi() {
        cad.setRequiredPlan(OperationType.KICK, SandboxPlan.PRO);
        SandboxHttp.Answer tooLow = http.v1("/emergency/kick_unit", "KICK_UNIT", "[{\"apiId\":\"u\",\"reason\":\"AFK\",\"serverId\":1}]");
        cad.setPlan(SandboxPlan.FREE);
        SandboxHttp.Answer free = http.v1("/emergency/kick_unit", "KICK_UNIT", "[{\"apiId\":\"u\",\"reason\":\"AFK\",\"serverId\":1}]");

        assertThat(tooLow.code()).isEqualTo(400);
        assertThat(tooLow.body()).isEqualTo("VERSION PRO REQUIRED");
        assertThat(free.body()).isEqualTo("API IS NOT ENABLED FOR THIS COMMUNITY");
        assertThat(cad.deliveredKicks()).isEmpty();
    }

    @Test
    void unknownCallOrServerRefusesTheWholeRequest() {
        long callId = cad.addCall("Real");

        SandboxHttp.Answer unknownCall = http.v1("/emergency/attach_unit", "ATTACH_UNIT",
                "[{\"serverId\":1,\"callId\":" + callId + ",\"units\":[\"a\"]},{\"serverId\":1,\"callId\":9999,\"units\":[\"b\"]}]");
        SandboxHttp.Answer unknownServer = http.v1("/emergency/close_call", "CLOSE_CALL", "[{\"serverId\":5,\"callId\":" + callId + "}]");

        assertThat(unknownCall.code()).isEqualTo(404);
        assertThat(unknownCall.body()).isEqualTo("CALL NOT FOUND");
        assertThat(unknownServer.body()).isEqualTo("INVALID SERVER ID");
        assertThat(cad.attachments()).isEmpty();
        assertThat(cad.closedCalls()).isEmpty();
        assertThat(cad.violations()).isEmpty();
    }

    @Test
    void strictLinkModeRefusesUnlinkedApiIds() {
        cad.setRequireLinkedUnits(true);

        SandboxHttp.Answer answer = http.v1("/emergency/kick_unit", "KICK_UNIT", "[{\"apiId\":\"stranger\",\"reason\":\"AFK\",\"serverId\":1}]");

        assertThat(answer.code()).isEqualTo(404);
        assertThat(answer.body()).isEqualTo("API ID NOT LINKED TO AN ACCOUNT IN THIS COMMUNITY");
        assertThat(cad.deliveredKicks()).isEmpty();
    }
}
