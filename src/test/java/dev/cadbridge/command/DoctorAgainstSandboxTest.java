package dev.cadbridge.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cadbridge.core.CadConnections;
import dev.cadbridge.core.PluginStorage;
import dev.cadbridge.outbound.SonoranDispatcher;
import dev.cadbridge.sandbox.MutableClock;
import dev.cadbridge.sandbox.SandboxEndpoint;
import dev.cadbridge.sandbox.SandboxPlan;
import dev.cadbridge.sandbox.SonoranSandbox;
import dev.cadbridge.sonoran.ApiGeneration;
import dev.cadbridge.storage.Storage;
import dev.cadbridge.storage.StorageStatus;
import dev.cadbridge.testing.FakePlayer;
import dev.cadbridge.testing.Harness;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import net.kyori.adventure.text.format.NamedTextColor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /cad doctor} from a real run: the plugin core with the real Sonoran client (its real rate
 * limits, paced on the harness clock) and the embedded H2 storage, against the sandbox CAD over
 * loopback HTTP. Each check is shown good and bad; the sandbox counts what the doctor asked. The
 * README example is what {@link #aPlayerSeesTheSameInColourAndTheirOwnLink} prints.
 */
class DoctorAgainstSandboxTest {
    private static final String DB_PASSWORD = "db-secret-4f1c9e";

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

    /** Starts the plugin on the sandbox with {@code overrides}, waits for the startup key check, then lets every budget refill. */
    private void startPlugin(SonoranSandbox cad, Object... overrides) {
        sandbox = cad.start();
        Path pluginFolder = temp.resolve("plugins/CadBridge");
        List<Object> settings = new ArrayList<>(List.of(
                "sonoran.base-url", sandbox.baseUrl(),
                "sonoran.api-key", sandbox.apiKey(),
                "afk.enabled", false,
                "quit.action", "none",
                "dispatcher.shutdown-timeout", "0s"));
        settings.addAll(List.of(overrides));
        h.configure(settings.toArray());
        h.storageFactory = config -> PluginStorage.sql(Storage.start(config, pluginFolder, h.platform.logger()));
        h.connectionFactory = (sonoran, dispatcher, outbox) -> CadConnections.of(SonoranDispatcher.builder(sonoran)
                .dispatcherSettings(dispatcher).listener(outbox).clock(h.clock).monotonicClock(h.clock::nanoTime).build());
        h.start();
        if (h.core.unavailableReason().isEmpty() && h.core.generation() == ApiGeneration.V2) {
            sandbox.awaitRequestsTo(SandboxEndpoint.V2_VERSION, 1);
        }
        eventually(() -> h.core.storageStatus().map(status -> status.schemaReady()
                || status.connection() == StorageStatus.Connection.UNAVAILABLE).orElse(true));
        h.clock.advance(Duration.ofSeconds(61));
        sandbox.clearRecords();
    }

    private void startPlugin(Object... overrides) {
        startPlugin(new SonoranSandbox(h.clock, 14), overrides);
    }

    private void eventually(Callable<Boolean> condition) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
            h.platform.runMainTasks();
            return condition.call();
        });
    }

    private List<String> consoleDoctor(String situation) {
        h.console.clearMessages();
        h.run(h.console, "doctor");
        eventually(() -> h.console.messages().stream().anyMatch(line -> line.contains("Rate limits: ")));
        List<String> lines = h.console.messages();
        System.out.println("/cad doctor on the console, " + situation + ":\n" + String.join("\n", lines) + "\n");
        return lines;
    }

    private List<String> playerDoctor(FakePlayer player) {
        player.clearMessages();
        h.run(player, "doctor");
        eventually(() -> player.messages().stream().anyMatch(line -> line.contains("Rate limits: ")));
        System.out.println("/cad doctor by " + player.name() + ":\n" + String.join("\n", player.messages()) + "\n");
        return player.messages();
    }

    private static String line(List<String> lines, String label) {
        return lines.stream().filter(line -> line.substring(2).startsWith(label + ": ")).findFirst()
                .orElseThrow(() -> new AssertionError("no \"" + label + ":\" line in " + lines));
    }

    @Test
    void aWorkingSetupOnTheConsole() {
        startPlugin();

        List<String> lines = consoleDoctor("a working setup");

        assertThat(lines).containsExactly(
                "CadBridge doctor (checking live; a moment…)",
                "✔ API key: set and accepted by the CAD (plan PLUS (version 2))",
                "✔ Plan: Plus covers every feature in use",
                "✔ Server id: server 1 is known to the CAD",
                "- Community id: not set; on v2 only the live session needs it (CAD events in game, live map), so that stays off",
                "- Live session: off: sonoran.community-id is not set",
                "✔ Storage: reachable and migrated: h2 file " + temp.resolve("plugins/CadBridge/cadbridge").toAbsolutePath() + ".mv.db",
                "✔ Clock: within 2 s of the CAD's clock",
                "- Your CAD link: the console has none; run /cad doctor in game to check yours",
                "✔ Rate limits: room on every route right now, nothing queued");
        assertThat(sandbox.requests()).extracting(request -> request.endpoint())
                .as("the version check once for key, plan and clock, and the server check")
                .containsExactlyInAnyOrder(SandboxEndpoint.V2_VERSION, SandboxEndpoint.V2_CALLS);
        assertThat(sandbox.violations()).isEmpty();
    }

    @Test
    void aPlayerSeesTheSameInColourAndTheirOwnLink() {
        startPlugin();
        FakePlayer admin = h.join(h.staff("Admin"));

        List<String> notLinked = playerDoctor(admin);
        assertThat(line(notLinked, "Your CAD link")).isEqualTo("✘ Your CAD link: " + admin.uniqueId()
                + " is not linked to a CAD account → run /cad link and follow the link it gives you");
        assertThat(StatusCommandTest.colourOf(admin.components(), "is not linked")).isEqualTo(NamedTextColor.RED);
        assertThat(StatusCommandTest.colourOf(admin.components(), "✔")).isEqualTo(NamedTextColor.GREEN);
        assertThat(sandbox.requests()).extracting(request -> request.endpoint())
                .containsExactlyInAnyOrder(SandboxEndpoint.V2_VERSION, SandboxEndpoint.V2_CALLS, SandboxEndpoint.V2_LINK_CHECK);

        sandbox.link(admin.uniqueId().toString(), "6f0c4a0e-1111-4a3b-9c55-0d1e2f3a4b5c");
        h.clock.advance(Duration.ofSeconds(61));
        List<String> linked = playerDoctor(admin);
        assertThat(line(linked, "Your CAD link")).isEqualTo("✔ Your CAD link: " + admin.uniqueId() + " is linked to a CAD account");
    }

    @Test
    void aRejectedKeyFailsAndTheChecksThatNeedItAskNothing() {
        startPlugin();
        sandbox.revokeKey();

        List<String> lines = consoleDoctor("a revoked key");

        assertThat(line(lines, "API key")).startsWith("✘ API key: rejected by the CAD: the CAD rejected the API key (HTTP 401")
                .contains("(trace id ").contains("→ CAD: Admin > In-Game Integration > API shows the key");
        assertThat(line(lines, "Plan")).startsWith("- Plan: not checked");
        assertThat(line(lines, "Server id")).startsWith("- Server id: not checked");
        assertThat(line(lines, "Clock")).startsWith("- Clock: not checked");
        assertThat(sandbox.requests()).extracting(request -> request.endpoint()).containsExactly(SandboxEndpoint.V2_VERSION);
    }

    @Test
    void noKeyAsksNothing() {
        startPlugin("sonoran.api-key", "PASTE-YOUR-API-KEY-HERE");

        List<String> lines = consoleDoctor("no key");

        assertThat(line(lines, "API key")).startsWith("✘ API key: not set → CAD: Admin > In-Game Integration > API shows the key; paste it");
        assertThat(line(lines, "Server id")).isEqualTo("- Server id: not checked: needs a working connection to the CAD (see API key)");
        assertThat(line(lines, "Rate limits")).isEqualTo("- Rate limits: not checked: no connection to the CAD (see API key)");
        assertThat(sandbox.requestCount()).isZero();
    }

    @Test
    void aPlanTooLowForTheFeaturesInUse() {
        SonoranSandbox cad = new SonoranSandbox(h.clock, 14);
        cad.setPlan(SandboxPlan.STANDARD);
        startPlugin(cad, "quit.action", "detach");

        List<String> lines = consoleDoctor("a Standard plan");

        assertThat(line(lines, "Plan")).isEqualTo("✘ Plan: Standard is too low: /cad attach, /cad detach, /cad dispatch, quit.action detach need Plus"
                + " → upgrade your Sonoran CAD plan, or turn those features off (command permissions, afk.enabled, quit.action)");
    }

    @Test
    void anUnknownServerId() {
        startPlugin("sonoran.server-id", 7);

        List<String> lines = consoleDoctor("server id 7, which the CAD does not have");

        assertThat(line(lines, "Server id")).startsWith("✘ Server id: the CAD does not know server id 7 (HTTP 404")
                .contains("→ set sonoran.server-id in ");
        assertThat(line(lines, "API key")).startsWith("✔ API key: set and accepted");
    }

    @Test
    void aCommunityIdIsNeededOnV1() {
        startPlugin("sonoran.api-generation", "v1", "sonoran.community-id", "");

        List<String> lines = consoleDoctor("v1 without a community id");

        assertThat(line(lines, "Community id")).startsWith("✘ Community id: not set; the v1 API needs it → CAD: Admin > In-Game Integration > API shows it");
        assertThat(sandbox.requestCount()).isZero();
    }

    @Test
    void onV1ItAsksNothingAndReportsWhatThePluginsOwnRequestsShowed() {
        startPlugin("sonoran.api-generation", "v1", "sonoran.community-id", SonoranSandbox.DEFAULT_COMMUNITY_ID);
        FakePlayer admin = h.join(h.staff("Admin"));

        List<String> before = consoleDoctor("v1 before any operation");
        assertThat(line(before, "API key")).isEqualTo("- API key: set; the v1 API has no harmless request to test it with, so the first operation will show");
        assertThat(line(before, "Community id")).isEqualTo("✔ Community id: set");

        long callId = sandbox.addCall("Bank alarm");
        h.run(h.console, "close " + callId);
        eventually(() -> h.console.messages().contains("[CAD] Closed call #" + callId + "."));
        sandbox.clearRecords();
        List<String> after = consoleDoctor("v1 after a delivered close");
        assertThat(line(after, "API key")).isEqualTo("✔ API key: set and accepted: the CAD took an operation since the last start or reload");
        assertThat(line(after, "Server id")).isEqualTo("✔ Server id: server 1: the CAD took an operation for it");
        assertThat(line(after, "Clock")).isEqualTo("- Clock: not checked: the v1 API has no harmless request to ask");
        assertThat(line(playerDoctor(admin), "Your CAD link")).startsWith("- Your CAD link: you are sent as API ID " + admin.uniqueId());
        assertThat(sandbox.requestCount()).as("the doctor asks nothing on v1").isZero();
    }

    @Test
    void aCommunityIdSetOnV2() {
        startPlugin("sonoran.community-id", "my-community");

        assertThat(line(consoleDoctor("a community id on v2"), "Community id")).isEqualTo("✔ Community id: set");
    }

    @Test
    void aClockThatIsOff() {
        MutableClock cadClock = new MutableClock(h.clock.instant());
        startPlugin(new SonoranSandbox(cadClock, 14));
        cadClock.set(h.clock.instant().minusSeconds(90));

        List<String> lines = consoleDoctor("a server clock 90 s ahead");

        assertThat(line(lines, "Clock")).isEqualTo("✘ Clock: this server's clock is 90 s ahead of the CAD's"
                + " → set the system clock right (NTP); CAD deadlines and Retry-After times are read against it");
    }

    @Test
    void storageThatCannotBeReachedAndNoSecretInAnyLine() {
        startPlugin("storage.type", "postgresql", "storage.host", "127.0.0.1", "storage.port", 1,
                "storage.username", "cadbridge", "storage.password", DB_PASSWORD);
        eventually(() -> h.core.storageStatus().orElseThrow().connection() == StorageStatus.Connection.UNAVAILABLE);
        FakePlayer admin = h.join(h.staff("Admin"));

        List<String> lines = consoleDoctor("a database that is down");
        List<String> shown = new ArrayList<>(lines);
        shown.addAll(playerDoctor(admin));

        assertThat(line(lines, "Storage")).startsWith("✘ Storage: unreachable: ").contains("127.0.0.1")
                .contains("→ check that the database is running and the storage: settings");
        assertThat(String.join("\n", shown)).doesNotContain(DB_PASSWORD).doesNotContain(sandbox.apiKey());
    }

    @Test
    void withNoBudgetLeftItAsksNothingAndSaysItSkipped() {
        startPlugin();
        FakePlayer admin = h.join(h.staff("Admin"));
        playerDoctor(admin);
        assertThat(sandbox.requestCount()).isEqualTo(3);
        sandbox.clearRecords();

        // Moments later: the version and server checks allow one request at a time (10 and 5 a minute).
        List<String> again = playerDoctor(admin);

        assertThat(sandbox.requests()).extracting(request -> request.endpoint())
                .as("only the link check, whose route still has room").containsExactly(SandboxEndpoint.V2_LINK_CHECK);
        assertThat(line(again, "API key")).isEqualTo("- API key: set; not checked: the version check may send 10 requests a minute"
                + " and has no room right now, so the doctor sent nothing there; try again in a minute");
        assertThat(line(again, "Rate limits")).startsWith("! Rate limits: no room right now on active calls query, version check");
        assertThat(sandbox.rateLimitedCount()).isZero();
    }
}
