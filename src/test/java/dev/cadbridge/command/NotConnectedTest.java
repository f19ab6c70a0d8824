package dev.cadbridge.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadbridge.testing.FakePlayer;
import dev.cadbridge.testing.Harness;
import org.junit.jupiter.api.Test;

/** Without an API key the plugin stays up, prints one boxed message, and /cad explains. */
class NotConnectedTest {

    @Test
    void aPlaceholderKeyPrintsOneBoxedMessageAndNoConnectionIsOpened() {
        Harness h = new Harness().configure("sonoran.api-key", "PASTE-YOUR-API-KEY-HERE");
        h.connectionFactory = (sonoran, dispatcher, outbox) -> {
            throw new AssertionError("must not connect without a key");
        };
        h.start();

        String log = h.platform.logText();
        assertThat(log).contains("+----").contains("no API key is set").contains("plugins/CadBridge/config.yml")
                .contains("Admin > In-Game Integration > API").contains("/cad reload");
        assertThat(log.split("\\+-{10,}\\+", -1)).hasSize(3); // one box: a top and a bottom border
    }

    @Test
    void playersAreToldPolitelyAndStaffAreToldWhy() {
        Harness h = new Harness().configure("sonoran.api-key", "").start();
        FakePlayer alex = h.join(h.player("Alex"));
        FakePlayer admin = h.join(h.staff("Admin"));

        h.run(alex, "attach 5");
        assertThat(alex.lastMessage()).isEqualTo("[CAD] CadBridge is not connected to the CAD yet; staff have been told why in the server console.");
        h.run(admin, "");
        assertThat(admin.messages().get(0)).startsWith("[CAD] CadBridge cannot reach the CAD: no API key is set");
        h.run(h.console, "status");
        assertThat(h.console.messages()).anyMatch(line -> line.startsWith("CAD: not connected: no API key is set"));
    }

    @Test
    void aFailedAttemptWhileNotConnectedStartsNoCooldown() {
        Harness h = new Harness().configure("sonoran.api-key", "").start();
        FakePlayer alex = h.join(h.player("Alex"));
        h.run(alex, "attach 5");
        h.configure("sonoran.api-key", "now-a-real-key");
        h.run(h.console, "reload");
        h.run(alex, "attach 5");
        assertThat(h.cad.received()).hasSize(1);
    }

    @Test
    void theEnvironmentVariableWinsOverTheFile() {
        Harness h = new Harness().configure("sonoran.api-key", "PASTE-YOUR-API-KEY-HERE");
        h.environment.put("CADBRIDGE_API_KEY", "from-environment");
        h.start();
        FakePlayer alex = h.join(h.player("Alex"));
        h.run(alex, "attach 5");
        assertThat(h.cad.received()).hasSize(1);
        assertThat(h.platform.logText()).doesNotContain("no API key").doesNotContain("from-environment");
    }

    @Test
    void removingTheKeyOnReloadStandsTheConnectionDown() {
        Harness h = new Harness().start();
        h.configure("sonoran.api-key", "");
        h.run(h.console, "reload");
        assertThat(h.cad.isClosed()).isTrue();
        assertThat(h.console.lastMessage()).startsWith("[CAD] CadBridge cannot reach the CAD: no API key is set");
    }

    @Test
    void aClientThatFailsToStartLeavesThePluginRunning() {
        Harness h = new Harness();
        h.connectionFactory = (sonoran, dispatcher, outbox) -> {
            throw new IllegalStateException("TLS setup failed");
        };
        h.start();
        h.run(h.console, "close 4");
        assertThat(h.console.lastMessage()).isEqualTo("[CAD] CadBridge cannot reach the CAD: the CAD client could not start: TLS setup failed");
    }
}
