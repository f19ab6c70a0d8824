package dev.cadbridge.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cadbridge.command.Permissions;
import dev.cadbridge.outbound.SonoranDispatcher;
import dev.cadbridge.sandbox.SandboxCall;
import dev.cadbridge.sandbox.SandboxEvent;
import dev.cadbridge.sandbox.SonoranSandbox;
import dev.cadbridge.sonoran.ApiGeneration;
import dev.cadbridge.testing.FakePlayer;
import dev.cadbridge.testing.Harness;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The plugin layer (core, commands, AFK timer, quit handling) on a fake server, talking through the
 * real Sonoran client to the sandbox CAD over loopback HTTP. Checks what reached the CAD.
 */
class EndToEndTest {
    private SonoranSandbox sandbox;
    private Harness h;

    @AfterEach
    void stop() {
        if (h != null && h.core != null) {
            h.core.disable();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private void openSandbox() {
        h = new Harness();
        // One clock for both sides, so link codes expire when the plugin thinks they do.
        sandbox = new SonoranSandbox(h.clock).start();
        sandbox.setRateLimitsEnabled(false);
    }

    private void startPlugin(ApiGeneration generation) {
        h.configure(
                "sonoran.api-generation", generation.name().toLowerCase(Locale.ROOT),
                "sonoran.base-url", sandbox.baseUrl(),
                "sonoran.community-id", sandbox.communityId(),
                "sonoran.api-key", sandbox.apiKey(),
                "commands.cooldown", "0s");
        h.connectionFactory = (sonoran, dispatcher, outbox) -> CadConnections.of(
                SonoranDispatcher.builder(sonoran).dispatcherSettings(dispatcher).withoutRateLimits().build());
        h.start();
    }

    /** Waits for the CAD's answer to come back to the "main thread". */
    private void eventually(Callable<Boolean> condition) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
            h.platform.runMainTasks();
            return condition.call();
        });
    }

    private static Callable<Boolean> says(FakePlayer player, String text) {
        return () -> player.messages().contains(text);
    }

    private static String id(FakePlayer player) {
        return player.uniqueId().toString();
    }

    @ParameterizedTest
    @EnumSource(ApiGeneration.class)
    void everyCommandTheAfkKickAndTheQuitKickReachTheCad(ApiGeneration generation) {
        openSandbox();
        startPlugin(generation);
        FakePlayer officer = h.join(h.staff("Officer").at(10, 64, 20));
        FakePlayer alex = h.join(h.player("Alex"));
        FakePlayer sam = h.join(h.player("Sam"));
        Supplier<String> alexId = () -> id(alex);

        if (generation == ApiGeneration.V1) {
            alex.grant(Permissions.LINK_OWN_API_ID);
            h.run(alex, "link Alex#7");
            assertThat(alex.lastMessage()).isEqualTo("[CAD] Your CAD API ID is now Alex#7.");
            alexId = () -> "Alex#7";
        }

        h.run(officer, "dispatch \"Traffic Stop\" --priority 1 --units Alex --origin observed");
        eventually(says(officer, "[CAD] Created call #1001: Traffic Stop"));
        SandboxCall call = sandbox.createdCalls().get(0);
        assertThat(call.title()).isEqualTo("Traffic Stop");
        assertThat(call.priority()).isEqualTo(1);
        assertThat(call.origin()).isEqualTo(2);
        assertThat(call.address()).isEqualTo("10, 20");

        h.run(sam, "attach 1001");
        eventually(says(sam, "[CAD] Attached Sam to call #1001."));
        assertThat(sandbox.attachments()).extracting(SandboxEvent.Attachment::callId, SandboxEvent.Attachment::unitId)
                .contains(org.assertj.core.groups.Tuple.tuple(1001L, id(sam)));

        h.run(officer, "detach Sam");
        eventually(says(officer, "[CAD] Detached Sam from their call."));
        assertThat(sandbox.detachments()).extracting(SandboxEvent.Detachment::unitId).contains(id(sam));

        h.run(officer, "kick Alex End of shift");
        eventually(says(officer, "[CAD] Sent Alex back to the community menu (End of shift)."));
        assertThat(sandbox.deliveredKicks()).extracting(SandboxEvent.Kick::unitId, SandboxEvent.Kick::reason)
                .contains(org.assertj.core.groups.Tuple.tuple(alexId.get(), "End of shift"));

        h.run(h.console, "close 1001");
        eventually(() -> h.console.messages().contains("[CAD] Closed call #1001."));
        assertThat(sandbox.closedCalls()).containsExactly(1001L);

        if (generation == ApiGeneration.V2) {
            h.run(alex, "link");
            eventually(() -> sandbox.liveLinkCode(alex.uniqueId().toString()).isPresent());
            String code = sandbox.liveLinkCode(alex.uniqueId().toString()).orElseThrow();
            eventually(says(alex, "[CAD] Open https://sonorancad.com/id?code=" + code
                    + " and log in to link your CAD account (code " + code + ", valid for 10 minutes)."));
            sandbox.enterLinkCode(code, "account-of-alex");
            h.platform.advance(Duration.ofSeconds(10));
            eventually(says(alex, "[CAD] Your account is now linked to the CAD."));
        }

        // Sam goes quiet; everyone else keeps moving.
        for (int minute = 0; minute < 10; minute++) {
            h.core.playerActive(officer.uniqueId());
            h.core.playerActive(alex.uniqueId());
            h.platform.advance(Duration.ofMinutes(1));
        }
        eventually(() -> sandbox.deliveredKicks().stream()
                .anyMatch(kick -> kick.unitId().equals(id(sam)) && kick.reason().equals("Automated AFK Timer")));
        assertThat(sandbox.deliveredKicks()).filteredOn(kick -> kick.reason().equals("Automated AFK Timer"))
                .extracting(SandboxEvent.Kick::unitId).containsExactly(id(sam));

        h.quit(alex);
        String leftId = alexId.get();
        eventually(() -> sandbox.deliveredKicks().stream()
                .anyMatch(kick -> kick.unitId().equals(leftId) && kick.reason().equals("Left the game")));

        assertThat(sandbox.violations()).isEmpty();
        assertThat(h.platform.logText()).doesNotContain(sandbox.apiKey());
    }

    @org.junit.jupiter.api.Test
    void aRefusedKeyIsReportedInOneBoxAndQueuedWorkIsDeliveredAfterTheFixAndReload() {
        openSandbox();
        long callId = sandbox.addCall("Bank alarm");
        sandbox.revokeKey();
        startPlugin(ApiGeneration.V2);

        eventually(() -> h.platform.logText().contains("Sonoran CAD refused CadBridge's credentials"));
        assertThat(h.platform.logText().split("\\+-{10,}\\+", -1)).hasSize(3);

        FakePlayer officer = h.join(h.staff("Officer"));
        h.run(officer, "close " + callId);
        h.run(h.console, "status");
        eventually(() -> h.console.messages().stream().anyMatch(line -> line.startsWith("CAD: circuit open")));
        assertThat(sandbox.closedCalls()).isEmpty();

        sandbox.restoreKey();
        h.run(h.console, "reload");
        eventually(says(officer, "[CAD] Closed call #" + callId + "."));
        assertThat(sandbox.closedCalls()).containsExactly(callId);
        assertThat(h.platform.logText()).doesNotContain(sandbox.apiKey());
    }
}
