package dev.cadbridge.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadbridge.sandbox.SandboxEvent;
import dev.cadbridge.sandbox.SandboxFault;
import dev.cadbridge.sonoran.ApiGeneration;
import dev.cadbridge.sonoran.AttachUnits;
import dev.cadbridge.sonoran.CadResult;
import dev.cadbridge.sonoran.DetachUnits;
import dev.cadbridge.sonoran.KickUnit;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A player's operations reach the CAD in the order they were given, even when the first one waits
 * for its endpoint (an empty bucket, a 429) and the later one's endpoint is free.
 */
class OperationOrderTest extends FaultHarness {

    /** What the CAD did to unit {@code x}, in order. */
    private List<String> historyOf(String unit) {
        return cad.events().stream().map(event -> switch (event) {
            case SandboxEvent.Attachment a when a.unitId().equals(unit) -> "attached to " + a.callId();
            case SandboxEvent.Detachment d when d.unitId().equals(unit) -> "detached";
            case SandboxEvent.Kick k when k.unitId().equals(unit) -> "kicked";
            default -> null;
        }).filter(java.util.Objects::nonNull).toList();
    }

    @Test
    void attachThenDetachWithTheAttachBucketEmptyLeavesTheUnitDetached() {
        start(ApiGeneration.V2);
        long busyCall = cad.addCall("Busy call");
        long call = cad.addCall("Robbery");
        submit(new AttachUnits(busyCall, List.of("someone-else"))); // spends the attach burst
        settle();

        Tracked attach = submit(new AttachUnits(call, List.of("x")));   // /cad attach <call>
        Tracked detach = submit(new DetachUnits(List.of("x")));         // /cad detach, a moment later
        stepUntilAllFinished(SECOND, Duration.ofMinutes(1));

        assertThat(attach.result()).isInstanceOf(CadResult.Delivered.class);
        assertThat(detach.result()).isInstanceOf(CadResult.Delivered.class);
        assertThat(historyOf("x")).containsExactly("attached to " + call, "detached");
        assertThat(cad.call(call).orElseThrow().units()).doesNotContain("x");
        assertThat(cad.violations()).isEmpty();
    }

    @Test
    void anAttachHeldByA429IsNotOvertakenByTheDetachOrKickThatFollowed() {
        start(ApiGeneration.V2);
        long call = cad.addCall("Robbery");
        cad.inject(SandboxFault.rateLimitStorm(Duration.ofSeconds(30)), 1);
        Tracked attach = submit(new AttachUnits(call, List.of("x")));
        settle();
        assertThat(cad.requests().getLast().status()).isEqualTo(429);

        Tracked detach = submit(new DetachUnits(List.of("x")));
        Tracked kick = submit(new KickUnit("x", "Left the game"));
        step(Duration.ofSeconds(29));
        assertThat(historyOf("x")).as("nothing on x while its attach waits out the 429").isEmpty();
        stepUntilAllFinished(SECOND, Duration.ofMinutes(1));

        assertThat(List.of(attach, detach, kick)).allSatisfy(t -> assertThat(t.result()).isInstanceOf(CadResult.Delivered.class));
        assertThat(historyOf("x")).containsExactly("attached to " + call, "detached", "kicked");
        assertThat(cad.violations()).isEmpty();
    }
}
