package dev.cadbridge.command;

import static dev.cadbridge.testing.PluginOnSandbox.says;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cadbridge.sandbox.SandboxEndpoint;
import dev.cadbridge.sonoran.ApiGeneration;
import dev.cadbridge.testing.FakePlayer;
import dev.cadbridge.testing.PluginOnSandbox;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** /cad units end to end against the sandbox CAD, with its documented limit of 3 requests a minute. */
class UnitsCommandTest {
    private final PluginOnSandbox plugin = new PluginOnSandbox();

    @AfterEach
    void stop() {
        plugin.close();
    }

    @Test
    void staffSeeEachActiveUnitWithItsStatusPanicAndThePlayerItIs() {
        plugin.startPaced(ApiGeneration.V2);
        FakePlayer sam = plugin.h.join(plugin.h.staff("Sam").grant(Permissions.STAFF_UNITS));
        FakePlayer alex = plugin.h.join(plugin.h.player("Alex"));
        String alexId = alex.uniqueId().toString();
        plugin.cad.setUnitProfile(alexId, "A-10", "<b>John</b> Doe");
        plugin.cad.setUnitProfile("offline-unit", "B-2", "Jane Roe");
        plugin.h.run(alex, "unit enroute");
        plugin.eventually(() -> alex.lastMessage().contains("is now enroute"));
        plugin.h.run(alex, "panic on");
        plugin.eventually(() -> alex.lastMessage().contains("Panic button pressed"));
        plugin.cad.identIdOf("offline-unit");

        plugin.h.run(sam, "units");
        plugin.eventually(() -> sam.messages().stream().anyMatch(line -> line.startsWith("[CAD] Active units:")));

        assertThat(sam.messages()).contains("[CAD] Active units: 2 (as of just now)",
                "A-10 <b>John</b> Doe · enroute · Alex PANIC",
                "B-2 Jane Roe · available");
        assertThat(plugin.cad.violations()).isEmpty();
    }

    @Test
    void theListIsKeptAtLeast30SecondsBecauseTheRouteAllowsOnly3RequestsAMinute() {
        plugin.startPaced(ApiGeneration.V2);
        FakePlayer sam = plugin.h.join(plugin.h.staff("Sam").grant(Permissions.STAFF_UNITS));
        plugin.cad.identIdOf("unit-a");
        plugin.h.run(sam, "units");
        plugin.eventually(() -> sam.messages().contains("[CAD] Active units: 1 (as of just now)"));

        plugin.h.clock.advance(Duration.ofSeconds(29));
        plugin.h.run(sam, "units");
        assertThat(sam.messages()).contains("[CAD] Active units: 1 (as of 29 s ago)");
        plugin.h.clock.advance(Duration.ofSeconds(1));
        sam.clearMessages();
        plugin.h.run(sam, "units");
        plugin.eventually(says(sam, "[CAD] Active units: 1 (as of just now)"));

        assertThat(plugin.cad.requestsTo(SandboxEndpoint.V2_UNITS)).hasSize(2);
        assertThat(plugin.cad.rateLimitedCount()).isZero();
    }

    @Test
    void onV1TheCommandSaysItNeedsTheCurrentApi() {
        plugin.start(ApiGeneration.V1);
        FakePlayer sam = plugin.h.join(plugin.h.staff("Sam").grant(Permissions.STAFF_UNITS));

        plugin.h.run(sam, "units");

        assertThat(sam.lastMessage()).isEqualTo("[CAD] /cad units needs the current Sonoran CAD API (v2); this server uses v1 (sonoran.api-generation in config.yml).");
    }
}
