package dev.cadbridge.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadbridge.sandbox.SandboxEvent;
import dev.cadbridge.sandbox.SonoranSandbox;
import dev.cadbridge.sonoran.ApiGeneration;
import dev.cadbridge.sonoran.ApiKey;
import dev.cadbridge.sonoran.AttachUnits;
import dev.cadbridge.sonoran.CadResult;
import dev.cadbridge.sonoran.CallOrigin;
import dev.cadbridge.sonoran.CallStatus;
import dev.cadbridge.sonoran.CloseCall;
import dev.cadbridge.sonoran.DetachUnits;
import dev.cadbridge.sonoran.FailureKind;
import dev.cadbridge.sonoran.KickUnit;
import dev.cadbridge.sonoran.NewDispatch;
import dev.cadbridge.sonoran.SonoranSettings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The real dispatcher against the strict fake CAD: every operation is accepted as documented. */
class DispatcherAgainstSandboxTest {
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

    private static CadResult await(CompletableFuture<CadResult> future) throws Exception {
        return future.get(10, TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @EnumSource(ApiGeneration.class)
    void everyOperationReachesTheCadAsDocumented(ApiGeneration generation) throws Exception {
        CadDispatcher cadDispatcher = dispatcher(generation);

        CadResult created = await(cadDispatcher.submit(new NewDispatch(CallOrigin.CALLER, CallStatus.PENDING, 2,
                "Traffic Stop", "10-38", "120", "Spawn Plaza", "101", "Blue sedan", "Driver cooperative",
                Map.of("x", "10.5"), List.of("unit-a"))));
        assertThat(created).isInstanceOf(CadResult.Delivered.class);
        long callId = ((CadResult.Delivered) created).callId().orElseThrow();
        assertThat(cad.call(callId)).isPresent();

        assertThat(await(cadDispatcher.submit(new AttachUnits(callId, List.of("unit-b", "unit-c")))))
                .isInstanceOf(CadResult.Delivered.class);
        assertThat(await(cadDispatcher.submit(new DetachUnits(List.of("unit-c")))))
                .isInstanceOf(CadResult.Delivered.class);
        assertThat(await(cadDispatcher.submit(new KickUnit("unit-b", "Automated AFK Timer"))))
                .isInstanceOf(CadResult.Delivered.class);
        assertThat(await(cadDispatcher.submit(new CloseCall(callId)))).isInstanceOf(CadResult.Delivered.class);

        assertThat(cad.violations()).isEmpty();
        assertThat(cad.attachments()).extracting(SandboxEvent.Attachment::unitId).contains("unit-b", "unit-c");
        assertThat(cad.detachments()).extracting(SandboxEvent.Detachment::unitId).containsExactly("unit-c");
        assertThat(cad.deliveredKicks()).extracting(SandboxEvent.Kick::unitId, SandboxEvent.Kick::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("unit-b", "Automated AFK Timer"));
        assertThat(cad.closedCalls()).containsExactly(callId);
        assertThat(dispatcher.status().counters().delivered()).isEqualTo(5);
    }

    @ParameterizedTest
    @EnumSource(ApiGeneration.class)
    void kicksQueuedTogetherLeaveInOneRequestAndEachIsDelivered(ApiGeneration generation) throws Exception {
        cad.setRateLimitsEnabled(false);
        CadDispatcher cadDispatcher = dispatcher(generation);
        cad.inject(dev.cadbridge.sandbox.SandboxFault.slow(Duration.ofMillis(300)), 1);

        CompletableFuture<CadResult> first = cadDispatcher.submit(new KickUnit("p0", "Left the game"));
        cad.awaitRequests(1);
        List<CompletableFuture<CadResult>> rest = new java.util.ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            rest.add(cadDispatcher.submit(new KickUnit("p" + i, "Left the game")));
        }

        assertThat(await(first)).isInstanceOf(CadResult.Delivered.class);
        for (CompletableFuture<CadResult> future : rest) {
            assertThat(await(future)).isInstanceOf(CadResult.Delivered.class);
        }
        assertThat(cad.requests()).hasSize(2);
        assertThat(cad.deliveredKicks()).hasSize(31);
        assertThat(cad.violations()).isEmpty();
    }

    /**
     * The v2 attach answer lists identifier ids, not the communityUserIds sent: one unit answered
     * with one id is matched, units merged into one request are only counted.
     */
    @org.junit.jupiter.api.Test
    void anAttachOfOneUnitHandsBackItsIdentifierAndAMergedAttachOfSeveralOnlyCounts() throws Exception {
        cad.setRateLimitsEnabled(false);
        CadDispatcher cadDispatcher = dispatcher(ApiGeneration.V2);
        long callId = cad.addCall("Burglary");

        CadResult alone = await(cadDispatcher.submit(new AttachUnits(callId, List.of("unit-a"))));
        long identOfA = cad.identIdOf("unit-a").orElseThrow();
        assertThat(alone).isInstanceOfSatisfying(CadResult.Delivered.class,
                delivered -> assertThat(delivered.unitIdents()).isEqualTo(Map.of("unit-a", identOfA)));

        List<CompletableFuture<CadResult>> merged = cadDispatcher.submitAll(List.of(
                new AttachUnits(callId, List.of("unit-b")), new AttachUnits(callId, List.of("unit-c"))));
        for (CompletableFuture<CadResult> future : merged) {
            assertThat(await(future)).isInstanceOfSatisfying(CadResult.Delivered.class,
                    delivered -> assertThat(delivered.unitIdents()).as("two ids for two units cannot be told apart").isEmpty());
        }
        assertThat(cad.requestsTo(dev.cadbridge.sandbox.SandboxEndpoint.V2_ATTACH)).as("the two attaches went as one").hasSize(2);
        assertThat(cad.violations()).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void anUnknownCallOrUnlinkedUnitFailsThatOperationOnlyAndSendingGoesOn() throws Exception {
        cad.setRequireLinkedUnits(true);
        cad.link("linked-unit", java.util.UUID.randomUUID().toString());
        CadDispatcher cadDispatcher = dispatcher(ApiGeneration.V2);

        assertThat(await(cadDispatcher.submit(new AttachUnits(999_999, List.of("linked-unit")))))
                .isInstanceOfSatisfying(CadResult.Failed.class, f -> assertThat(f.kind()).isEqualTo(FailureKind.TARGET_NOT_FOUND));
        assertThat(await(cadDispatcher.submit(new KickUnit("nobody-linked-me", "AFK"))))
                .isInstanceOfSatisfying(CadResult.Failed.class, f -> assertThat(f.kind()).isEqualTo(FailureKind.TARGET_NOT_FOUND));

        assertThat(dispatcher.status().circuit()).isEqualTo(DispatcherStatus.CircuitState.CLOSED);
        assertThat(await(cadDispatcher.submit(new KickUnit("linked-unit", "AFK")))).isInstanceOf(CadResult.Delivered.class);
        assertThat(cad.violations()).isEmpty();
    }
}
