package dev.cadbridge.command;

import static dev.cadbridge.command.StatusCommandTest.colourOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cadbridge.core.CadConnections;
import dev.cadbridge.core.PluginStorage;
import dev.cadbridge.outbound.DispatcherStatus;
import dev.cadbridge.outbound.SonoranDispatcher;
import dev.cadbridge.sandbox.SonoranSandbox;
import dev.cadbridge.storage.Storage;
import dev.cadbridge.testing.FakePlayer;
import dev.cadbridge.testing.Harness;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import net.kyori.adventure.text.format.NamedTextColor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /cad status} from a real run: the plugin core with the real Sonoran client and the
 * embedded H2 storage, against the sandbox CAD over loopback HTTP. The README example is this
 * test's console output (it prints it).
 */
class StatusAgainstSandboxTest {
    @TempDir
    Path temp;

    private final Harness h = new Harness();
    private SonoranSandbox sandbox;

    @AfterEach
    void stop() {
        if (h.core != null) {
            h.core.disable();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private void startPlugin() {
        sandbox = new SonoranSandbox(h.clock, 14).start();
        sandbox.setRateLimitsEnabled(false);
        Path pluginFolder = temp.resolve("plugins/CadBridge");
        h.configure(
                "sonoran.base-url", sandbox.baseUrl(),
                "sonoran.api-key", sandbox.apiKey(),
                "commands.cooldown", "0s",
                "afk.enabled", false,
                "quit.action", "none",
                // A failed attempt is retried minutes later, so the status below stays as the failure left it.
                "dispatcher.retry-base-delay", "1m",
                "dispatcher.retry-max-delay", "10m",
                "dispatcher.shutdown-timeout", "0s");
        h.storageFactory = config -> PluginStorage.sql(Storage.start(config, pluginFolder, h.platform.logger()));
        h.connectionFactory = (sonoran, dispatcher, outbox) -> CadConnections.of(SonoranDispatcher.builder(sonoran)
                .dispatcherSettings(dispatcher).listener(outbox).clock(h.clock).withoutRateLimits().build());
        h.start();
        eventually(() -> h.core.storageStatus().orElseThrow().schemaReady());
    }

    private void eventually(Callable<Boolean> condition) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
            h.platform.runMainTasks();
            return condition.call();
        });
    }

    private List<String> consoleStatus(String situation) {
        h.console.clearMessages();
        h.run(h.console, "status");
        eventually(() -> h.console.messages().stream().anyMatch(line -> line.startsWith("API: ")));
        List<String> lines = h.console.messages();
        System.out.println("/cad status on the console, " + situation + ":\n" + String.join("\n", lines) + "\n");
        return lines;
    }

    private static String line(List<String> lines, String label) {
        return lines.stream().filter(line -> line.startsWith(label + ": ")).findFirst()
                .orElseThrow(() -> new AssertionError("no \"" + label + ":\" line in " + lines));
    }

    @Test
    void aWorkingSetupThenTheCadGoingAway() {
        startPlugin();
        FakePlayer officer = h.join(h.staff("Officer"));
        h.join(h.player("Alex"));

        h.run(officer, "attach 424242");
        eventually(() -> officer.lastMessage().startsWith("[CAD] The CAD did not accept that"));
        h.clock.advance(Duration.ofMinutes(3));
        long callId = sandbox.addCall("Bank alarm");
        h.run(officer, "attach " + callId);
        eventually(() -> officer.lastMessage().equals("[CAD] Attached Officer to call #" + callId + "."));
        h.clock.advance(Duration.ofSeconds(12));
        eventually(() -> h.core.storageStatus().orElseThrow().backlog() == 0);

        List<String> working = consoleStatus("a working setup");
        String traceId = h.core.dispatcher().status().lastFailure().traceId();
        assertThat(traceId).isNotBlank();
        assertThat(working).containsExactly(
                "CadBridge status",
                "CAD: connected, last success 12 s ago",
                "Queued: none",
                "Last failure: 3 min ago, TARGET_NOT_FOUND: the CAD has no such call: Dispatch call 424242 was not found"
                        + " among the active calls of server 1. (trace id " + traceId + "); delivered fine since",
                "Live: off: sonoran.community-id is not set",
                "Storage: reachable: h2 file " + temp.resolve("plugins/CadBridge/cadbridge").toAbsolutePath() + ".mv.db, schema ready",
                "Identities: 2 online players cached, 0 stored",
                "Config: no problems",
                "Totals: 2 requests (0 batched), operations: 1 delivered, 1 failed, 0 expired; rate-limited 0 times",
                "API: v2 at " + sandbox.baseUrl());
        officer.clearMessages();
        h.run(officer, "status");
        eventually(() -> officer.messages().size() == working.size());
        assertThat(officer.messages()).isEqualTo(working);
        assertThat(colourOf(officer.components(), "connected, last success")).isEqualTo(NamedTextColor.GREEN);

        sandbox.stop();
        h.run(officer, "detach");
        eventually(() -> {
            DispatcherStatus.LastFailure failure = h.core.dispatcher().status().lastFailure();
            return failure != null && failure.kind().equals("CONNECTION");
        });
        h.clock.advance(Duration.ofSeconds(5));

        List<String> down = consoleStatus("with the CAD unreachable");
        assertThat(down.get(1)).isEqualTo("CAD: not answering, the last attempt 5 s ago failed (CONNECTION); last success 17 s ago"
                + " → CadBridge keeps retrying; check that this server can reach " + sandbox.baseUrl());
        assertThat(line(down, "Queued")).isEqualTo("Queued: 1 (detach 1) → sent once the CAD takes them, unless their deadline passes first");
        assertThat(line(down, "Last failure")).matches(Pattern.quote("Last failure: 5 s ago, CONNECTION: ") + ".+");
        officer.clearMessages();
        h.run(officer, "status");
        eventually(() -> officer.messages().size() == down.size());
        assertThat(colourOf(officer.components(), "not answering")).isEqualTo(NamedTextColor.RED);
        assertThat(String.join("\n", down)).doesNotContain(sandbox.apiKey());
    }
}
