package dev.cadbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each kind of breach of the documentation is answered as the real API would and recorded as a
 * violation whose message names the problem; nothing is applied.
 */
class SandboxStrictnessTest extends SandboxTestSupport {
    private long callId;

    @BeforeEach
    void liftLimitsAndOpenACall() {
        cad.setRateLimitsEnabled(false);
        callId = cad.addCall("Existing");
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            POST   | /v2/emergency/servers/1/units/kick              | {"communityUserId":"p"}                                   | reason is required
            POST   | /v2/emergency/servers/1/units/kick              | {"communityUserId":"p","reason":" "}                      | reason must not be blank
            POST   | /v2/emergency/servers/1/units/kick              | {"communityUserId":42,"reason":"AFK"}                     | communityUserId must be a string
            POST   | /v2/emergency/servers/1/units/kick              | {"unitId":"p","reason":"AFK"}                             | undocumented properties [unitId]
            POST   | /v2/emergency/servers/1/units/kick              | []                                                        | empty array
            POST   | /v2/emergency/servers/1/units/kick              | [{"communityUserId":"p","reason":"AFK"},"x"]              | body[1] must be a JSON object
            POST   | /v2/emergency/servers/1/dispatch-calls/close    | {"callIds":["1"]}                                         | callIds[0] must be a number
            POST   | /v2/emergency/servers/1/dispatch-calls/close    | {"callIds":[]}                                            | callIds must not be empty
            POST   | /v2/emergency/servers/1/dispatch-calls/close    | {"callIds":[1.5]}                                         | whole number
            POST   | /v2/emergency/servers/1/dispatch-calls/close    | {"callId":1}                                              | undocumented properties [callId]
            DELETE | /v2/emergency/servers/1/dispatch-calls/attachments | {"communityUserIds":"p"}                               | communityUserIds must be an array
            DELETE | /v2/emergency/servers/1/dispatch-calls/attachments | {}                                                     | needs at least one of
            DELETE | /v2/emergency/servers/1/dispatch-calls/attachments | {"communityUserIds":[""]}                              | communityUserIds[0] must not be blank
            POST   | /v2/emergency/servers/1/dispatch-calls          | {"origin":0,"status":1,"priority":4,"title":"T","communityUserIds":[]}  | priority must be between 1 and 3
            POST   | /v2/emergency/servers/1/dispatch-calls          | {"origin":0,"status":1,"priority":1,"title":"T"}          | needs at least one of [accounts, communityUserIds, discord, roblox]
            POST   | /v2/emergency/servers/1/dispatch-calls          | {"origin":0,"status":1,"priority":1,"communityUserIds":[]} | title is required
            POST   | /v2/emergency/servers/1/dispatch-calls          | {"origin":0,"status":1,"priority":1,"title":"T","notes":"","communityUserIds":[]} | notes must be an array
            POST   | /v2/emergency/servers/1/dispatch-calls          | {"origin":0,"status":1,"priority":1,"title":"T","metaData":{"x":1.5},"communityUserIds":[]} | metaData.x must be a string
            POST   | /v2/emergency/servers/1/dispatch-calls          | {"origin":"0","status":1,"priority":1,"title":"T","communityUserIds":[]} | origin must be a number
            POST   | /v2/general/links                               | {"communityUserId":""}                                    | must not be blank
            POST   | /v2/emergency/servers/1/units/kick              | {'communityUserId':'p','reason':'AFK'}                    | not valid JSON
            POST   | /v2/emergency/servers/1/units/kick              | {"communityUserId":"p","reason":"AFK"} trailing           | not valid JSON
            POST   | /v2/emergency/servers/x/units/kick              | {"communityUserId":"p","reason":"AFK"}                    | serverId must be an integer
            POST   | /v2/emergency/servers/1/dispatch-calls/0/attachments | {"communityUserIds":["p"]}                           | callId must be a positive integer
            POST   | /v2/emergency/servers/1/dispatch-calls/5/notes  | {"note":" "}                                              | note must not be blank
            POST   | /v2/emergency/servers/1/dispatch-calls/5/notes  | {"note":"n","noteType":"html"}                            | not a documented note type
            POST   | /v2/emergency/servers/1/dispatch-calls/5/notes  | {"note":"n","author":"Sam"}                               | undocumented properties [author]
            DELETE | /v2/emergency/servers/1/calls/911/5             | {"callId":5}                                              | must not have a body
            """)
    void v2BodyAndPathBreachesAre400ProblemsNamingTheField(String method, String path, String body, String expected) {
        SandboxHttp.Answer answer = http.v2(method, path, body);

        assertThat(answer.code()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.json().getAsJsonObject().get("detail").getAsString()).contains(expected);
        assertThat(cad.violations()).singleElement().satisfies(v -> assertThat(v.violation()).contains(expected));
        assertThat(cad.events()).isEmpty();
    }

    @Test
    void v2WrongMethodIs405AndAViolation() {
        SandboxHttp.Answer answer = http.v2("POST", "/v2/emergency/servers/1/dispatch-calls/attachments", "{\"communityUserIds\":[\"p\"]}");

        assertThat(answer.code()).isEqualTo(405);
        assertThat(cad.violations()).singleElement().satisfies(v -> assertThat(v.violation()).contains("DELETE"));
    }

    @Test
    void v2UnknownPathOrTrailingSlashIs404AndAViolation() {
        assertThat(http.v2("POST", "/v2/emergency/servers/1/units/kick/", "{\"communityUserId\":\"p\",\"reason\":\"AFK\"}").code()).isEqualTo(404);
        assertThat(http.v2("GET", "/v2/general/versions", null).code()).isEqualTo(404);
        assertThat(cad.violations()).hasSize(2);
    }

    @Test
    void v2BodyWithoutJsonContentTypeIsAViolation() {
        String body = "{\"communityUserId\":\"p\",\"reason\":\"AFK\"}";
        Request request = http.v2Request("POST", "/v2/emergency/servers/1/units/kick", body)
                .post(RequestBody.create(body, null))
                .build();

        SandboxHttp.Answer answer = http.send(request);

        assertThat(answer.code()).isEqualTo(400);
        assertThat(cad.violations()).singleElement().satisfies(v -> assertThat(v.violation()).contains("Content-Type"));
    }

    @Test
    void v2GetWithUndocumentedQueryIsAViolation() {
        assertThat(http.v2("GET", "/v2/emergency/servers/1/units?onlyUnits=yes", null).code()).isEqualTo(400);
        assertThat(http.v2("GET", "/v2/general/version?verbose=1", null).code()).isEqualTo(400);
        assertThat(cad.violations()).hasSize(2);
    }

    @Test
    void v2AuthorizationWithExtraSpacesIsAViolation() {
        Request request = http.v2Request("GET", "/v2/general/version", null).header("Authorization", "Bearer  " + cad.apiKey()).build();

        http.send(request);

        assertThat(cad.violations()).singleElement().satisfies(v -> {
            assertThat(v.violation()).contains("Bearer <API key>");
            assertThat(v.violation()).doesNotContain(cad.apiKey());
        });
    }

    @Test
    void malformedRequestIsRecordedEvenWhenTheRateLimitAnswersFirst() {
        cad.setRateLimitsEnabled(true);
        cad.setV2RateLimit(SandboxEndpoint.V2_KICK, 1);
        http.v2("POST", "/v2/emergency/servers/1/units/kick", "{\"communityUserId\":\"p\",\"reason\":\"AFK\"}");

        SandboxHttp.Answer answer = http.v2("POST", "/v2/emergency/servers/1/units/kick", "{\"communityUserId\":\"p\"}");

        assertThat(answer.code()).isEqualTo(429);
        assertThat(cad.violations()).hasSize(1);
    }

    // ---- v1 ----

    @ParameterizedTest(name = "{0} {1} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            /emergency/attach_unit  | ATTACH_UNITS | [{"serverId":1,"callId":CALL,"units":["u"]}]             | type "ATTACH_UNITS" does not belong
            /emergency/attach_unit  | KICK_UNIT    | [{"serverId":1,"callId":CALL,"units":["u"]}]             | the SDK sends ATTACH_UNIT
            /emergency/attach_unit  | ATTACH_UNIT  | [{"serverId":"1","callId":CALL,"units":["u"]}]           | serverId must be a number
            /emergency/attach_unit  | ATTACH_UNIT  | [{"serverId":1,"callId":"CALL","units":["u"]}]           | callId must be a number
            /emergency/attach_unit  | ATTACH_UNIT  | [{"serverId":1,"callId":CALL,"units":"u"}]               | units must be an array
            /emergency/attach_unit  | ATTACH_UNIT  | [{"serverId":1,"callId":CALL,"units":[]}]                | units must not be empty
            /emergency/attach_unit  | ATTACH_UNIT  | []                                                       | data must not be empty
            /emergency/attach_unit  | ATTACH_UNIT  | {"serverId":1,"callId":CALL,"units":["u"]}               | data must be an array
            /emergency/detach_unit  | DETACH_UNIT  | [{"serverId":1,"units":[7]}]                             | units[0] must be a string
            /emergency/kick_unit    | KICK_UNIT    | [{"apiId":"u","serverId":1}]                             | reason is required
            /emergency/kick_unit    | KICK_UNIT    | [{"apiId":"u","reason":"AFK"}]                           | serverId is required
            /emergency/kick_unit    | KICK_UNIT    | [{"unit":"u","apiId":"u","reason":"AFK","serverId":1}]   | undocumented properties [unit]
            /emergency/new_dispatch | NEW_DISPATCH | [{"serverId":1,"origin":0,"status":0,"priority":0,"title":"T"}] | priority must be between 1 and 3
            /emergency/new_dispatch | NEW_DISPATCH | [{"serverId":1,"origin":0,"status":0,"priority":1,"title":"T","notes":""}] | notes must be an array
            /emergency/new_dispatch | NEW_DISPATCH | [{"serverId":1,"origin":0,"status":0,"priority":1,"title":"A"},{"serverId":1,"origin":0,"status":0,"priority":1,"title":"B"}] | exactly one data item
            /emergency/close_call   | CLOSE_CALL   | [{"serverId":1}]                                         | callId is required
            """)
    void v1DataBreachesAre400InvalidRequestType(String path, String type, String data, String expected) {
        SandboxHttp.Answer answer = http.v1(path, type, data.replace("CALL", Long.toString(callId)));

        assertThat(answer.code()).isEqualTo(400);
        assertThat(answer.body()).isEqualTo("INVALID REQUEST TYPE");
        assertThat(cad.violations()).singleElement().satisfies(v -> assertThat(v.violation()).contains(expected));
        assertThat(cad.events()).isEmpty();
    }

    @Test
    void v1EnvelopeBreachesAreViolations() {
        SandboxHttp.Answer extraKey = http.v1Raw("/emergency/kick_unit", "{\"id\":\"" + cad.communityId() + "\",\"key\":\"" + cad.apiKey()
                + "\",\"type\":\"KICK_UNIT\",\"data\":[{\"apiId\":\"u\",\"reason\":\"AFK\",\"serverId\":1}],\"serverId\":1}");
        SandboxHttp.Answer notJson = http.v1Raw("/emergency/kick_unit", "id=1&key=2");

        assertThat(extraKey.body()).isEqualTo("INVALID REQUEST TYPE");
        assertThat(notJson.body()).isEqualTo("INVALID REQUEST TYPE");
        assertThat(cad.violations()).extracting(SandboxRequest::violation)
                .satisfiesExactly(v -> assertThat(v).contains("undocumented properties [serverId]"),
                        v -> assertThat(v).contains("not valid JSON"));
    }

    @Test
    void v1UnknownEndpointOrOldPageFormIsBackendServiceReachedAndAViolation() {
        SandboxHttp.Answer unknown = http.v1("/emergency/attach_units", "ATTACH_UNIT", "[]");
        SandboxHttp.Answer oldPage = http.v1("/emergency", "ATTACH_UNITS", "[{\"serverId\":1,\"callId\":" + callId + ",\"units\":[\"u\"]}]");

        assertThat(unknown.code()).isEqualTo(200);
        assertThat(unknown.body()).isEqualTo("Backend Service Reached");
        assertThat(oldPage.body()).isEqualTo("Backend Service Reached");
        assertThat(cad.violations()).hasSize(2);
        assertThat(cad.attachments()).isEmpty();
    }

    @Test
    void v1GetIsAViolation() {
        SandboxHttp.Answer answer = http.send(new Request.Builder().url(cad.baseUrl() + "/emergency/kick_unit").build());

        assertThat(answer.body()).isEqualTo("Backend Service Reached");
        assertThat(cad.violations()).singleElement().satisfies(v -> assertThat(v.violation()).contains("POST"));
    }
}
