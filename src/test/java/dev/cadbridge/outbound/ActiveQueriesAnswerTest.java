package dev.cadbridge.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cadbridge.sonoran.ActiveCall;
import dev.cadbridge.sonoran.ActiveUnit;
import dev.cadbridge.sonoran.ApiGeneration;
import dev.cadbridge.sonoran.CadRequestException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** The documented example answers of GET units and GET calls (v2 pages), read into ActiveUnit and ActiveCall. */
class ActiveQueriesAnswerTest extends HttpDispatcherTestBase {

    @Test
    void theDocumentedUnitsAnswerIsReadField() {
        server.enqueue(json(200, """
                [{"id":12,"accId":"00000000-0000-0000-0000-000000000000","status":3,"isPanic":false,
                  "location":"Mission Row PD","coordinates":{"x":123.45,"y":-456.78,"z":32.1,"w":180.0},"aop":"Los Santos",
                  "data":{"unitNum":"A-10","name":"John Doe","district":"Los Santos","department":"LSPD","subdivision":"Patrol",
                          "rank":"Officer","group":"CAR-51","page":0,"communityUserId":"license:abc123"},"isDispatch":false},
                 {"accId":"no id, not a unit"}]"""));

        List<ActiveUnit> units = CadQueries.activeUnits(start(ApiGeneration.V2)).join();

        assertThat(units).containsExactly(new ActiveUnit(12, "00000000-0000-0000-0000-000000000000", "license:abc123",
                "A-10", "John Doe", "LSPD", 3, false, "Mission Row PD", false));
        assertThat(units.get(0).statusName()).isEqualTo("enroute");
    }

    @Test
    void theDocumentedCallsAnswerGivesOpenDispatchCallsThen911CallsAndLeavesClosedCallsOut() {
        server.enqueue(json(200, """
                {"ActiveCalls":[{"callId":501,"origin":0,"status":1,"priority":1,"block":"100","address":"Mission Row",
                   "postal":"9001","title":"Armed Robbery","code":"211","primary":12,"trackPrimary":false,
                   "description":"Clerk reports a firearm.","notes":[],"idents":[12,18],"metaData":{"x":"425.1"},
                   "updated":"2026-04-08T21:30:00Z"}],
                 "EmergencyCalls":[{"callId":302,"isEmergency":false,"caller":"Jane Doe","location":"Innocence Blvd",
                   "description":"Medical emergency reported.","metaData":{"postal":"9001"},"updated":"2026-04-08T21:31:00Z"}],
                 "ClosedCalls":[{"callId":480,"status":2,"title":"Armed Robbery","idents":[]}],
                 "ClosedCallCount":18}"""));

        List<ActiveCall> calls = CadQueries.activeCalls(start(ApiGeneration.V2)).join();

        assertThat(calls).containsExactly(
                new ActiveCall(501, ActiveCall.Kind.DISPATCH_CALL, "Armed Robbery", "Mission Row", "9001", "211",
                        "Clerk reports a firearm.", "", true, 1, 1, List.of(12L, 18L), Instant.parse("2026-04-08T21:30:00Z")),
                new ActiveCall(302, ActiveCall.Kind.EMERGENCY_CALL, "", "Innocence Blvd", "9001", "",
                        "Medical emergency reported.", "Jane Doe", false, 0, -1, List.of(), Instant.parse("2026-04-08T21:31:00Z")));
    }

    @Test
    void anAnswerThatIsNotTheDocumentedShapeFailsTheQueryInsteadOfShowingNothing() {
        server.enqueue(json(200, "{\"message\":\"ok\"}"));

        assertThatThrownBy(() -> CadQueries.activeUnits(start(ApiGeneration.V2)).join()).isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(CadRequestException.class).hasMessageContaining("without a list of units");
    }
}
