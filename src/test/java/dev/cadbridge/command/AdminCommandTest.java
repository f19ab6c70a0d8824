package dev.cadbridge.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadbridge.config.ConfigFileException;
import dev.cadbridge.platform.CommandSource;
import dev.cadbridge.platform.PlatformPlayer;
import dev.cadbridge.sonoran.KickUnit;
import dev.cadbridge.testing.FakePlayer;
import dev.cadbridge.testing.Harness;
import java.util.Optional;
import net.kyori.adventure.text.Component;
import org.junit.jupiter.api.Test;

class AdminCommandTest {

    @Test
    void statusShowsTheDispatcherAndIdentityCountsButNeverTheKey() {
        Harness h = new Harness().configure("sonoran.api-key", "super-secret-key-value").start();
        h.join(h.player("Alex"));
        h.run(h.console, "link Alex stored-id");
        h.console.clearMessages();

        h.run(h.console, "status");
        String all = String.join("\n", h.console.messages());
        assertThat(all).contains("API: v2 at https://api.sonorancad.com")
                .contains("Circuit: closed (requests flow)")
                .contains("Last failure: 2026-01-01T11:00:00Z RATE_LIMITED: API rate limit exceeded (trace id trace-123)")
                .contains("Queued: kick 2")
                .contains("Identities: 1 online players cached, 1 stored")
                .contains("Config: no problems")
                .doesNotContain("super-secret-key-value");
    }

    @Test
    void statusAndReloadAreForAdminsOnly() {
        Harness h = new Harness().start();
        FakePlayer alex = h.join(h.player("Alex"));
        h.run(alex, "status");
        assertThat(alex.lastMessage()).isEqualTo("[CAD] You do not have permission to do that.");
        h.run(alex, "reload");
        assertThat(alex.lastMessage()).isEqualTo("[CAD] You do not have permission to do that.");
    }

    @Test
    void reloadAppliesNewValuesAndListsWrongOnesWithTheirDefaults() {
        Harness h = new Harness().start();
        FakePlayer alex = h.join(h.player("Alex"));
        h.configure("quit.action", "explode", "commands.kick-default-reason", "New reason");

        h.run(h.console, "reload");
        assertThat(h.console.messages()).containsExactly(
                "[CAD] Reloading CadBridge…",
                "[CAD] CadBridge reloaded; 1 value(s) were wrong and safe defaults are used:",
                " - quit.action: \"explode\" is not allowed; use one of none, detach, kick; using kick");
        h.run(h.console, "kick Alex");
        assertThat(h.cad.received()).containsExactly(new KickUnit(alex.uniqueId().toString(), "New reason"));
        assertThat(h.cad.reconfigurations()).hasSize(1);
    }

    @Test
    void anUnreadableConfigFileChangesNothingAndSaysWhy() {
        Harness h = new Harness().start();
        h.platform.configFileUnreadable(new ConfigFileException("config.yml line 3: mapping values are not allowed here", null));
        h.run(h.console, "reload");
        assertThat(h.console.lastMessage())
                .isEqualTo("[CAD] config.yml could not be read, so nothing changed: config.yml line 3: mapping values are not allowed here");
    }

    @Test
    void helpListsOnlyWhatTheSenderMayUse() {
        Harness h = new Harness().start();
        FakePlayer alex = h.join(h.player("Alex"));
        h.run(alex, "help");
        assertThat(alex.messages()).containsExactly(
                "[CAD] CadBridge commands you can use:",
                "/cad attach <callId> [player...] — attach yourself (or named players) to a call",
                "/cad detach [player...] — take yourself (or named players) off their call",
                "/cad link | <player> <id> — link your game account to your CAD account",
                "/cad help — list the CadBridge commands you can use");

        h.run(h.console, "help");
        assertThat(h.console.messages()).hasSize(12);
    }

    @Test
    void bareCadShowsHelpAndUnknownSubcommandsAreNamed() {
        Harness h = new Harness().start();
        FakePlayer alex = h.join(h.player("Alex"));
        h.run(alex, "");
        assertThat(alex.messages().get(0)).isEqualTo("[CAD] CadBridge commands you can use:");
        h.run(alex, "teleport");
        assertThat(alex.lastMessage()).isEqualTo("[CAD] There is no /cad teleport. Try /cad help.");
    }

    @Test
    void subcommandCompletionFollowsPermissions() {
        Harness h = new Harness().start();
        FakePlayer alex = h.join(h.player("Alex"));
        assertThat(h.complete(alex, "")).containsExactly("attach", "detach", "help", "link");
        assertThat(h.complete(h.console, "")).containsExactly("attach", "close", "detach", "dispatch", "help", "kick",
                "link", "reload", "status", "unlink", "whois");
        assertThat(h.complete(h.console, "st")).containsExactly("status");
        assertThat(h.complete(alex, "status ")).isEmpty();
    }

    @Test
    void nothingThrowsOutOfACommandHandler() {
        Harness h = new Harness().start();
        CommandSource broken = new CommandSource() {
            private int calls;

            @Override
            public String name() {
                return "Broken";
            }

            @Override
            public boolean hasPermission(String permission) {
                throw new IllegalStateException("permission plugin crashed");
            }

            @Override
            public void sendMessage(Component message) {
                calls++;
            }

            @Override
            public Optional<PlatformPlayer> asPlayer() {
                return Optional.empty();
            }
        };
        h.core.command().execute(broken, new String[] {"attach", "1"});
        assertThat(h.core.command().complete(broken, new String[] {""})).isEmpty();
        assertThat(h.platform.logText()).contains("/cad attach 1 failed").contains("permission plugin crashed");
    }
}
