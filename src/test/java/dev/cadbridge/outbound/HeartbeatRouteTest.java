package dev.cadbridge.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import dev.cadbridge.sandbox.SandboxRequest;
import dev.cadbridge.sandbox.SonoranSandbox;
import dev.cadbridge.sonoran.ApiGeneration;
import dev.cadbridge.sonoran.ApiKey;
import dev.cadbridge.sonoran.CadResult;
import dev.cadbridge.sonoran.FailureKind;
import dev.cadbridge.sonoran.KickUnit;
import dev.cadbridge.sonoran.OperationType;
import dev.cadbridge.sonoran.ServerHeartbeat;
import dev.cadbridge.sonoran.SonoranSettings;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The server heartbeat route, end to end against the sandbox CAD: a route added by its table entry. */
class HeartbeatRouteTest {
    private final List<UUID> stored = Collections.synchronizedList(new ArrayList<>());
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
        dispatcher = SonoranDispatcher.builder(settings).listener(new OutboxListener() {
            @Override
            public void accepted(PendingOperation operation) {
                stored.add(operation.id());
            }
        }).build();
        return dispatcher;
    }

    private static CadResult await(CompletableFuture<CadResult> future) throws Exception {
        return future.get(10, TimeUnit.SECONDS);
    }

    private static int playerCount(SandboxRequest request) {
        return JsonParser.parseString(request.body()).getAsJsonObject().get("playerCount").getAsInt();
    }

    @Test
    void theCadHearsThePlayerCountAsDocumentedAndTheOutboxNeverStoresIt() throws Exception {
        assertThat(await(dispatcher(ApiGeneration.V2).submit(new ServerHeartbeat(42)))).isInstanceOf(CadResult.Delivered.class);

        List<SandboxRequest> requests = cad.requestsTo(OperationType.HEARTBEAT);
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).path()).isEqualTo("/v2/general/servers/1/heartbeat");
        assertThat(playerCount(requests.get(0))).isEqualTo(42);
        assertThat(cad.violations()).isEmpty();
        assertThat(stored).isEmpty();
    }

    @Test
    void heartbeatsQueuedTogetherLeaveAsOneRequestWithTheLatestCount() throws Exception {
        List<CompletableFuture<CadResult>> results = dispatcher(ApiGeneration.V2)
                .submitAll(List.of(new ServerHeartbeat(3), new ServerHeartbeat(4), new ServerHeartbeat(5)));

        for (CompletableFuture<CadResult> result : results) {
            assertThat(await(result)).isInstanceOf(CadResult.Delivered.class);
        }
        assertThat(cad.requestsTo(OperationType.HEARTBEAT)).extracting(HeartbeatRouteTest::playerCount).containsExactly(5);
    }

    @Test
    void aHeartbeatWaitingForItsBudgetNeitherHoldsBackAKickNorOutlivesTheServer() throws Exception {
        SonoranDispatcher sonoran = dispatcher(ApiGeneration.V2);
        assertThat(await(sonoran.submit(new ServerHeartbeat(1)))).isInstanceOf(CadResult.Delivered.class);
        // The heartbeat route's burst is spent: the next one waits seconds for its own token.
        CompletableFuture<CadResult> waiting = sonoran.submit(new ServerHeartbeat(2));

        assertThat(await(sonoran.submit(new KickUnit("unit-a", "Left the game")))).isInstanceOf(CadResult.Delivered.class);
        assertThat(waiting).isNotDone();

        // Not stored, so nothing is handed back for the next start: a stale player count is worthless.
        assertThat(sonoran.close(Duration.ZERO)).isEmpty();
        assertThat(await(waiting)).isInstanceOfSatisfying(CadResult.Failed.class,
                failed -> assertThat(failed.kind()).isEqualTo(FailureKind.SHUT_DOWN));
        assertThat(cad.requestsTo(OperationType.HEARTBEAT)).hasSize(1);
        assertThat(cad.violations()).isEmpty();
    }

    @Test
    void underV1TheHeartbeatIsRefusedWithoutARequest() throws Exception {
        CadResult result = await(dispatcher(ApiGeneration.V1).submit(new ServerHeartbeat(1)));

        assertThat(result).isInstanceOfSatisfying(CadResult.Failed.class, failed -> {
            assertThat(failed.kind()).isEqualTo(FailureKind.NOT_CONFIGURED);
            assertThat(failed.message()).contains("v1 API has no heartbeat");
        });
        assertThat(cad.requests()).isEmpty();
        assertThat(stored).isEmpty();
    }
}
