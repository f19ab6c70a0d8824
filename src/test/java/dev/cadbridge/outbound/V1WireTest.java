package dev.cadbridge.outbound;

import dev.cadbridge.sonoran.ApiGeneration;
import dev.cadbridge.sonoran.AttachUnits;
import dev.cadbridge.sonoran.CadResult;
import dev.cadbridge.sonoran.CallOrigin;
import dev.cadbridge.sonoran.CallStatus;
import dev.cadbridge.sonoran.CloseCall;
import dev.cadbridge.sonoran.CredentialCheck;
import dev.cadbridge.sonoran.DetachUnits;
import dev.cadbridge.sonoran.KickUnit;
import dev.cadbridge.sonoran.NewDispatch;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each v1 operation: the SDK's endpoint and type, the {id, key, type, data} body, and the plain-text answers. */
class V1WireTest extends HttpDispatcherTestBase {

    private RecordedRequest takeV1(String endpoint) throws InterruptedException {
        RecordedRequest request = take();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/emergency/" + endpoint);
        assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
        assertThat(request.getHeaders().get("Authorization")).isNull();
        return request;
    }

    private static String envelope(String type, String data) {
        return "{\"id\":\"" + COMMUNITY + "\",\"key\":\"" + API_KEY + "\",\"type\":\"" + type + "\",\"data\":" + data + "}";
    }

    @Test
    void kick() throws Exception {
        server.enqueue(text(200, "UNIT KICKED"));
        var future = start(ApiGeneration.V1).submit(new KickUnit("STEAM:1234", "Automated AFK Timer"));

        assertThat(body(takeV1("kick_unit"))).isEqualTo(parse(envelope("KICK_UNIT",
                "[{\"apiId\":\"STEAM:1234\",\"reason\":\"Automated AFK Timer\",\"serverId\":1}]")));
        assertThat(result(future)).isInstanceOf(CadResult.Delivered.class);
    }

    @Test
    void attach() throws Exception {
        server.enqueue(text(200, "UNITS ATTACHED"));
        var future = start(ApiGeneration.V1).submit(new AttachUnits(100, List.of("STEAM:1234")));

        assertThat(body(takeV1("attach_unit"))).isEqualTo(parse(envelope("ATTACH_UNIT",
                "[{\"serverId\":1,\"callId\":100,\"units\":[\"STEAM:1234\"]}]")));
        assertThat(result(future)).isInstanceOf(CadResult.Delivered.class);
    }

    @Test
    void detach() throws Exception {
        server.enqueue(text(200, "UNITS DETACHED"));
        var future = start(ApiGeneration.V1).submit(new DetachUnits(List.of("STEAM:1234")));

        assertThat(body(takeV1("detach_unit"))).isEqualTo(parse(envelope("DETACH_UNIT",
                "[{\"serverId\":1,\"units\":[\"STEAM:1234\"]}]")));
        assertThat(result(future)).isInstanceOf(CadResult.Delivered.class);
    }

    @Test
    void closeAcceptsAny200ThatIsNotAnError() throws Exception {
        // close-call.md documents "UNITS ATTACHED" as its success text: a copy-paste error on the page.
        server.enqueue(text(200, "UNITS ATTACHED"));
        server.enqueue(text(200, "CALL CLOSED"));
        start(ApiGeneration.V1);
        var first = dispatcher.submit(new CloseCall(100));

        assertThat(body(takeV1("close_call"))).isEqualTo(parse(envelope("CLOSE_CALL",
                "[{\"serverId\":1,\"callId\":100}]")));
        assertThat(result(first)).isInstanceOf(CadResult.Delivered.class);
        assertThat(result(dispatcher.submit(new CloseCall(101)))).isInstanceOf(CadResult.Delivered.class);
    }

    @Test
    void newDispatchSendsEveryFieldAndParsesTheCallId() throws Exception {
        server.enqueue(text(200, "NEW DISPATCH CREATED - ID: 123"));
        var future = start(ApiGeneration.V1).submit(new NewDispatch(CallOrigin.CALLER, CallStatus.PENDING, 1,
                "Traffic Stop", "10-39 - Traffic Stop", "123", "4234 E. Example Ave", "456",
                "Traffic Stop - Blue Sedan - XP123BS", "", Map.of("someKey", "someValue"), List.of("STEAM:1234")));

        assertThat(body(takeV1("new_dispatch"))).isEqualTo(parse(envelope("NEW_DISPATCH", """
                [{"serverId":1,"origin":0,"status":0,"priority":1,"block":"123","address":"4234 E. Example Ave",
                  "postal":"456","title":"Traffic Stop","code":"10-39 - Traffic Stop",
                  "description":"Traffic Stop - Blue Sedan - XP123BS","notes":[],"metaData":{"someKey":"someValue"},
                  "units":["STEAM:1234"]}]""")));
        assertThat(result(future)).isEqualTo(new CadResult.Delivered(OptionalLong.of(123)));
    }

    @Test
    void newDispatchSendsNotesAsAnArrayWithTheTextInTheDescription() throws Exception {
        server.enqueue(text(200, "NEW DISPATCH CREATED - ID: 124"));
        var future = start(ApiGeneration.V1).submit(new NewDispatch(CallOrigin.CALLER, CallStatus.PENDING, 1,
                "Traffic Stop", "", "", "", "", "Blue Sedan", "Driver cooperative", Map.of(), List.of()));

        var item = body(takeV1("new_dispatch")).getAsJsonObject().getAsJsonArray("data").get(0).getAsJsonObject();
        assertThat(item.get("notes")).isEqualTo(parse("[]"));
        assertThat(item.get("description").getAsString()).isEqualTo("Blue Sedan\n\nNotes: Driver cooperative");
        assertThat(result(future)).isEqualTo(new CadResult.Delivered(OptionalLong.of(124)));
    }

    @Test
    void aDispatchAnsweredWithAnUnreadable200MayExistSoEndsUnknownAndIsNotResent() throws Exception {
        server.enqueue(text(200, "}{ not an answer"));
        var future = start(ApiGeneration.V1).submit(new NewDispatch(CallOrigin.CALLER, CallStatus.PENDING, 1,
                "Traffic Stop", "", "", "", "", "", "", Map.of(), List.of()));

        assertThat(result(future)).isInstanceOfSatisfying(CadResult.OutcomeUnknown.class,
                unknown -> assertThat(unknown.message()).contains("may have been created").contains("Check the CAD"));
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void linksAndCredentialChecksAreNotAvailableOnV1() throws Exception {
        start(ApiGeneration.V1);
        assertThatThrownBy(() -> dispatcher.createLink("uuid-1").get())
                .isInstanceOf(ExecutionException.class).hasMessageContaining("v2");
        assertThat(dispatcher.checkCredentials().get().result()).isEqualTo(CredentialCheck.Result.NOT_CHECKABLE);
        assertThat(server.getRequestCount()).isZero();
    }
}
