package dev.cadbridge.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cadbridge.config.ConfigFileException;
import dev.cadbridge.platform.CommandSource;
import dev.cadbridge.platform.PlatformPlayer;
import dev.cadbridge.sonoran.KickUnit;
import dev.cadbridge.testing.FakePlayer;
import dev.cadbridge.testing.Harness;
import dev.cadbridge.core.PluginStorage;
import dev.cadbridge.storage.Storage;
import dev.cadbridge.storage.StorageConfig;
import dev.cadbridge.storage.StorageStatus;
import dev.cadbridge.storage.StorageTuning;
import dev.cadbridge.storage.StorageType;
import dev.cadbridge.identity.IdentityRepository;
import dev.cadbridge.identity.InMemoryIdentityRepository;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import net.kyori.adventure.text.Component;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
                .contains("CAD: connected, last success 224 d ago")
                .contains("Last failure: 224 d 1 h ago, RATE_LIMITED: API rate limit exceeded (trace id trace-123); delivered fine since")
                .contains("Queued: 2 (kick 2)")
                .contains("Storage: none; identities are kept in memory and unsent operations are lost at shutdown")
                .contains("Identities: 1 online player cached, 1 stored")
                .contains("Config: no problems")
                .doesNotContain("super-secret-key-value");
    }

    @Test
    void statusAnswersAtOnceWhileTheDatabaseIsUnavailableInsteadOfWaitingToCountIdentities() {
        Harness h = new Harness();
        IdentityRepository memoryIds = new InMemoryIdentityRepository();
        IdentityRepository neverAnswers = new IdentityRepository() {
            @Override
            public CompletableFuture<Optional<dev.cadbridge.identity.CadIdentity>> find(java.util.UUID playerId) {
                return memoryIds.find(playerId);
            }

            @Override
            public CompletableFuture<Optional<dev.cadbridge.identity.CadIdentity>> findByCadId(String cadId) {
                return memoryIds.findByCadId(cadId);
            }

            @Override
            public CompletableFuture<Void> save(dev.cadbridge.identity.CadIdentity identity) {
                return memoryIds.save(identity);
            }

            @Override
            public CompletableFuture<Boolean> delete(java.util.UUID playerId) {
                return memoryIds.delete(playerId);
            }

            @Override
            public CompletableFuture<Long> count() {
                return new CompletableFuture<>(); // a database that stopped answering
            }
        };
        StorageStatus unavailable = new StorageStatus(StorageType.MARIADB, "mariadb cadbridge@db.internal:3306/cadbridge",
                StorageStatus.Connection.UNAVAILABLE, true, "connection timed out", Instant.parse("2026-01-01T11:58:00Z"), 3, 0);
        PluginStorage memory = PluginStorage.inMemory(neverAnswers);
        h.storageFactory = config -> new PluginStorage() {
            @Override
            public IdentityRepository identities() {
                return memory.identities();
            }

            @Override
            public dev.cadbridge.outbound.OutboxListener outbox() {
                return memory.outbox();
            }

            @Override
            public boolean keepsOperations() {
                return true;
            }

            @Override
            public CompletableFuture<dev.cadbridge.storage.ReplayReport> replay(dev.cadbridge.outbound.CadDispatcher dispatcher) {
                return memory.replay(dispatcher);
            }

            @Override
            public void keepForNextStart(java.util.List<dev.cadbridge.outbound.PendingOperation> handedBack) {}

            @Override
            public Optional<StorageStatus> status() {
                return Optional.of(unavailable);
            }

            @Override
            public void close(java.util.List<dev.cadbridge.outbound.PendingOperation> stillPending, Duration timeout) {}
        };
        h.start();

        h.core.command().execute(h.console, new String[] {"status"});
        assertThat(h.console.messages())
                .anyMatch(line -> line.startsWith("Storage: unreachable: mariadb cadbridge@db.internal:3306/cadbridge,"
                        + " 3 change(s) waiting to be written; last error 224 d ago: connection timed out →"))
                .contains("Identities: 0 online players cached, unknown (storage unavailable) stored");
    }

    @TempDir
    Path dataFolder;

    /** The plugin's SQL storage in {@link #dataFolder}, quick to give up on a database that does not answer. */
    private Harness withSqlStorage(Harness h) {
        StorageTuning quick = new StorageTuning(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(300),
                Duration.ofSeconds(5), 1_000);
        h.storageFactory = config -> PluginStorage.sql(Storage.start(config, dataFolder, Clock.systemUTC(), quick, h.platform.logger()));
        return h;
    }

    /** The whole /cad status answer, once it has arrived. */
    private static String statusText(Harness h) {
        h.console.clearMessages();
        h.run(h.console, "status");
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            h.platform.runMainTasks();
            return h.console.messages().stream().anyMatch(line -> line.startsWith("Config: "));
        });
        return String.join("\n", h.console.messages());
    }

    @Test
    void statusShowsTheEmbeddedDatabaseOnceItIsReady() {
        Harness h = new Harness();
        h.storageFactory = config -> PluginStorage.sql(Storage.start(config, dataFolder, h.platform.logger()));
        h.start();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> statusText(h).contains("Storage: reachable"));
            assertThat(statusText(h))
                    .contains("Storage: reachable: h2 file " + dataFolder.toAbsolutePath().resolve("cadbridge") + ".mv.db, schema ready\n")
                    .doesNotContain("last error")
                    .contains("Identities: 0 online players cached, 0 stored");
        } finally {
            h.core.disable();
        }
    }

    @Test
    void statusShowsAnUnreachableDatabaseWithItsErrorButNeverThePasswordOrTheKey() {
        Harness h = withSqlStorage(new Harness());
        h.environment.put(StorageConfig.PASSWORD_ENV, "env-db-password-42");
        h.configure("sonoran.api-key", "super-secret-key-value", "storage.type", "mariadb", "storage.host", "127.0.0.1",
                "storage.port", 1, "storage.username", "minecraft", "storage.password", "file-db-password-17").start();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> statusText(h).contains("Storage: unreachable"));
            String status = statusText(h);
            assertThat(status).containsPattern("Storage: unreachable: mariadb minecraft@127.0.0.1:1/cadbridge;"
                            + " last error (just now|\\d+ s ago): \\S+")
                    .contains("Identities: 0 online players cached, unknown (storage not ready)");
            assertThat(status + h.platform.logText())
                    .doesNotContain("env-db-password-42")
                    .doesNotContain("file-db-password-17")
                    .doesNotContain("super-secret-key-value");
        } finally {
            h.core.disable();
        }
    }

    @Test
    void aSharedDatabaseOnTheDefaultServerNameIsPointedOutOnceAtStartup() {
        Harness shared = new Harness().configure("storage.type", "postgresql", "storage.host", "db.example").start();
        Harness named = new Harness().configure("storage.type", "postgresql", "storage.host", "db.example",
                "storage.server-name", "survival").start();
        Harness embedded = new Harness().start();

        assertThat(shared.platform.log()).filteredOn(line -> line.contains("storage.server-name is still 'default'"))
                .hasSize(1);
        assertThat(named.platform.logText() + embedded.platform.logText()).doesNotContain("storage.server-name is still");
    }

    @Test
    void reloadSaysStorageChangesWaitForARestart() {
        Harness h = new Harness().start();
        h.configure("storage.server-name", "survival");
        h.run(h.console, "reload");
        assertThat(h.console.messages()).containsExactly(
                "[CAD] Reloading CadBridge…",
                "[CAD] CadBridge reloaded.",
                "[CAD] Changes under storage take effect after a server restart.");
        assertThat(h.platform.logText()).contains("Changes under storage take effect after a server restart.");

        h.console.clearMessages();
        h.configure();
        h.run(h.console, "reload");
        assertThat(h.console.messages()).as("back to what the server started with").containsExactly(
                "[CAD] Reloading CadBridge…", "[CAD] CadBridge reloaded.");
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
                "/cad 911 <what is happening> — call 911 from where you stand",
                "/cad 311 <what you need> — call the dispatchers about something that is not an emergency",
                "/cad panic [on|off] [player] — press or clear your unit's panic button",
                "/cad unit <available|busy|enroute|onscene|unavailable|0-4> [player...] — set your unit's status (or named players')",
                "/cad link | <player> <id> — link your game account to your CAD account",
                "/cad help — list the CadBridge commands you can use");

        h.run(h.console, "help");
        assertThat(h.console.messages()).hasSize(20);
        assertThat(h.console.messages()).contains("/cad 911 <what is happening> | remove <id> — call 911 from where you stand");
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
        assertThat(h.complete(alex, "")).containsExactly("311", "911", "attach", "detach", "help", "link", "panic", "unit");
        assertThat(h.complete(h.console, "")).containsExactly("311", "911", "attach", "calls", "close", "detach", "dispatch", "doctor", "help", "kick",
                "link", "note", "panic", "reload", "status", "unit", "units", "unlink", "whois");
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
