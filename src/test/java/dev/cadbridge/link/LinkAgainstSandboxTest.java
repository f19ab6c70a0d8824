package dev.cadbridge.link;

import static dev.cadbridge.testing.PluginOnSandbox.says;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cadbridge.outbound.DispatcherStatus;
import dev.cadbridge.sandbox.SandboxEndpoint;
import dev.cadbridge.sandbox.SandboxFault;
import dev.cadbridge.sonoran.ApiGeneration;
import dev.cadbridge.testing.FakePlayer;
import dev.cadbridge.testing.PluginOnSandbox;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code /cad link} through the real client against a CAD that refuses checks for unlinked users. */
class LinkAgainstSandboxTest {
    private final PluginOnSandbox plugin = new PluginOnSandbox();

    @AfterEach
    void stop() {
        plugin.close();
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 404})
    void aCheckRefusedWithSuccessFalseMeansNotLinkedYetSoTheFlowGoesOnToTheLink(int status) {
        plugin.cad.setUnlinkedCheckStatus(status);
        plugin.start(ApiGeneration.V2);
        FakePlayer alex = plugin.h.join(plugin.h.player("Alex"));
        String cadId = alex.uniqueId().toString();

        plugin.h.run(alex, "link");
        plugin.eventually(() -> plugin.cad.liveLinkCode(cadId).isPresent());
        String code = plugin.cad.liveLinkCode(cadId).orElseThrow();
        plugin.eventually(says(alex, "[CAD] Open https://sonorancad.com/id?code=" + code
                + " and log in to link your CAD account (code " + code + ", valid for 10 minutes)."));

        // The next poll is scheduled only once the last one has come back, so each step waits for the CAD to see it.
        int checksBefore = plugin.cad.requestsTo(SandboxEndpoint.V2_LINK_CHECK).size();
        plugin.eventually(() -> {
            plugin.h.platform.advance(Duration.ofSeconds(10)); // polls, refused the same way: keep polling
            return plugin.cad.requestsTo(SandboxEndpoint.V2_LINK_CHECK).size() >= checksBefore + 2;
        });
        plugin.cad.enterLinkCode(code, "account-of-alex");
        plugin.eventually(() -> {
            plugin.h.platform.advance(Duration.ofSeconds(10));
            return alex.messages().contains("[CAD] Your account is now linked to the CAD.");
        });

        assertThat(alex.messages()).noneMatch(line -> line.contains("Linking did not work"));
        assertThat(plugin.h.core.dispatcher().status().circuit()).isEqualTo(DispatcherStatus.CircuitState.CLOSED);
        assertThat(plugin.cad.violations()).isEmpty();
    }

    @Test
    void aFirstCheckThatFailsMeansNotLinkedYetSoACodeIsStillIssued() {
        plugin.start(ApiGeneration.V2);
        FakePlayer alex = plugin.h.join(plugin.h.player("Alex"));
        String cadId = alex.uniqueId().toString();
        plugin.cad.awaitRequestsTo(SandboxEndpoint.V2_VERSION, 1); // the start-up credential check
        plugin.cad.inject(SandboxFault.serverErrors(100, 503), 1);

        plugin.h.run(alex, "link");

        plugin.eventually(() -> plugin.cad.liveLinkCode(cadId).isPresent());
        String code = plugin.cad.liveLinkCode(cadId).orElseThrow();
        plugin.eventually(says(alex, "[CAD] Open https://sonorancad.com/id?code=" + code
                + " and log in to link your CAD account (code " + code + ", valid for 10 minutes)."));
        assertThat(alex.messages()).noneMatch(line -> line.contains("Linking did not work"));
        assertThat(plugin.cad.requestsTo(SandboxEndpoint.V2_LINK_CHECK).getFirst().status()).isEqualTo(503);
    }
}
