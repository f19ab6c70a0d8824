package dev.cadbridge.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cadbridge.sandbox.SandboxEndpoint;
import dev.cadbridge.sandbox.SonoranSandbox;
import dev.cadbridge.sonoran.ActiveCall;
import dev.cadbridge.sonoran.ActiveUnit;
import dev.cadbridge.sonoran.ApiGeneration;
import dev.cadbridge.sonoran.ApiKey;
import dev.cadbridge.sonoran.AttachUnits;
import dev.cadbridge.sonoran.CadRequestException;
import dev.cadbridge.sonoran.CadResult;
import dev.cadbridge.sonoran.Emergency911;
import dev.cadbridge.sonoran.SetUnitPanic;
import dev.cadbridge.sonoran.SetUnitStatus;
import dev.cadbridge.sonoran.SonoranSettings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The active units and active calls queries (v2 GET units / calls), end to end against the sandbox CAD. */
class ActiveQueriesRouteTest {
    private SonoranSandbox cad;
    private SonoranDispatcher dispatcher;

    @BeforeEach
    void startCad() {
        cad = new SonoranSandbox().start();
    }

    @AfterEach
    void stop() {
        if (dispatcher != null) {
            dispatcher.close(Duration.ofSeconds(1));
        }
        cad.close();
    }

    private SonoranDispatcher dispatcher(ApiGeneration generation) {
        SonoranSettings settings = SonoranSettings.of(generation, URI.create(cad.baseUrl()), cad.communityId(),
                ApiKey.of(cad.apiKey()), 1);
        dispatcher = SonoranDispatcher.builder(settings).build();
        return dispatcher;
    }

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(10, TimeUnit.SECONDS);
    }

    @Test
    void activeUnitsComeBackWithTheirIdentifierCallsignStatusPanicAndCommunityUserId() throws Exception {
        SonoranDispatcher sonoran = dispatcher(ApiGeneration.V2);
        cad.link("player-a", "acc-a");
        cad.setUnitProfile("player-a", "A-10", "John Doe");
        cad.setUnitProfile("player-b", "B-2", "Jane Roe");
        assertThat(await(sonoran.submit(new SetUnitStatus(List.of("player-a"), 3)))).isInstanceOf(CadResult.Delivered.class);
        assertThat(await(sonoran.submit(new SetUnitPanic(List.of("player-b"), true)))).isInstanceOf(CadResult.Delivered.class);
        cad.logOff("player-c");

        List<ActiveUnit> units = await(CadQueries.activeUnits(sonoran));

        assertThat(units).extracting(ActiveUnit::communityUserId).containsExactlyInAnyOrder("player-a", "player-b");
        ActiveUnit a = units.stream().filter(unit -> unit.communityUserId().equals("player-a")).findFirst().orElseThrow();
        assertThat(a.id()).isEqualTo(cad.identIdOf("player-a").orElseThrow().longValue());
        assertThat(a.accountUuid()).isEqualTo("acc-a");
        assertThat(a.unitNumber()).isEqualTo("A-10");
        assertThat(a.name()).isEqualTo("John Doe");
        assertThat(a.statusName()).isEqualTo("enroute");
        assertThat(a.panic()).isFalse();
        ActiveUnit b = units.stream().filter(unit -> unit.communityUserId().equals("player-b")).findFirst().orElseThrow();
        assertThat(b.panic()).isTrue();
        assertThat(b.accountUuid()).isEmpty();
        assertThat(cad.requestsTo(SandboxEndpoint.V2_UNITS)).singleElement()
                .satisfies(request -> assertThat(request.path()).isEqualTo("/v2/emergency/servers/1/units"));
        assertThat(cad.violations()).isEmpty();
    }

    @Test
    void activeCallsListDispatchCallsWithTheirUnitsAnd911CallsWithTheirCallerButNotClosedCalls() throws Exception {
        SonoranDispatcher sonoran = dispatcher(ApiGeneration.V2);
        long robbery = cad.addCall("Armed Robbery");
        long closed = cad.addCall("Old call");
        assertThat(await(sonoran.submit(new AttachUnits(robbery, List.of("player-a", "player-b"))))).isInstanceOf(CadResult.Delivered.class);
        CadResult call911 = await(sonoran.submit(new Emergency911("Steve", "12, 34", "a creeper blew up my house", Map.of("x", "12"))));
        long emergencyId = ((CadResult.Delivered) call911).callId().orElseThrow();
        cad.closeCall(closed);

        List<ActiveCall> calls = await(CadQueries.activeCalls(sonoran));

        assertThat(calls).extracting(ActiveCall::callId).containsExactly(robbery, emergencyId);
        ActiveCall dispatch = calls.get(0);
        assertThat(dispatch.kind()).isEqualTo(ActiveCall.Kind.DISPATCH_CALL);
        assertThat(dispatch.title()).isEqualTo("Armed Robbery");
        assertThat(dispatch.unitIds()).containsExactly(cad.identIdOf("player-a").orElseThrow().longValue(),
                cad.identIdOf("player-b").orElseThrow().longValue());
        ActiveCall emergency = calls.get(1);
        assertThat(emergency.kind()).isEqualTo(ActiveCall.Kind.EMERGENCY_CALL);
        assertThat(emergency.caller()).isEqualTo("Steve");
        assertThat(emergency.address()).isEqualTo("12, 34");
        assertThat(emergency.description()).isEqualTo("a creeper blew up my house");
        assertThat(emergency.emergency()).isTrue();
        assertThat(cad.requestsTo(SandboxEndpoint.V2_CALLS)).singleElement()
                .satisfies(request -> assertThat(request.path()).isEqualTo("/v2/emergency/servers/1/calls"));
        assertThat(cad.violations()).isEmpty();
    }

    @Test
    void underV1BothQueriesAreRefusedWithoutARequestSayingTheyNeedV2() {
        SonoranDispatcher sonoran = dispatcher(ApiGeneration.V1);

        assertThatThrownBy(() -> await(CadQueries.activeUnits(sonoran))).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(CadRequestException.class).hasMessageContaining("v1 API has no active units query")
                .hasMessageContaining("v2");
        assertThatThrownBy(() -> await(CadQueries.activeCalls(sonoran))).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(CadRequestException.class).hasMessageContaining("v1 API has no active calls query");
        assertThat(cad.requests()).isEmpty();
    }
}
