package dev.cadbridge.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cadbridge.outbound.CadDispatcher;
import dev.cadbridge.outbound.DispatcherStatus;
import dev.cadbridge.outbound.PendingOperation;
import dev.cadbridge.outbound.SonoranDispatcher;
import dev.cadbridge.sandbox.SandboxEvent;
import dev.cadbridge.sandbox.SonoranSandbox;
import dev.cadbridge.sonoran.CadOperation;
import dev.cadbridge.sonoran.CadResult;
import dev.cadbridge.storage.ReplayReport;
import dev.cadbridge.storage.Storage;
import dev.cadbridge.storage.StorageConfig;
import dev.cadbridge.storage.StorageStatus;
import dev.cadbridge.storage.StorageTuning;
import dev.cadbridge.testing.FakePlayer;
import dev.cadbridge.testing.Harness;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin layer with H2 storage in a temp plugin folder, the real dispatcher and the sandbox CAD:
 * what players and staff did while the CAD was down reaches it after the server restarts, once,
 * and what expired meanwhile never does.
 */
class DurableRestartTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dataFolder;
    private final SonoranSandbox sandbox = new SonoranSandbox(Clock.systemUTC());
    private final List<Harness> servers = new ArrayList<>();
    private long bankAlarm;

    @BeforeEach
    void startThenTakeDownTheCad() {
        sandbox.setRateLimitsEnabled(false);
        sandbox.start();
        bankAlarm = sandbox.addCall("Bank alarm");
        sandbox.stop();
    }

    @AfterEach
    void stopEverything() {
        for (Harness server : servers) {
            if (server.core != null) {
                server.core.disable();
            }
        }
        sandbox.close();
    }

    /** One server run on the shared plugin folder; its dispatcher and storage read the time from {@code clock}. */
    private Harness startServer(Clock clock) {
        return startServer(clock, false);
    }

    /**
     * {@code forgetUnsentAtStop}: the dispatcher's leftovers are not handed to storage at disable,
     * as after a crash, so only what the outbox recorded while the server ran can survive.
     */
    private Harness startServer(Clock clock, boolean forgetUnsentAtStop) {
        Harness h = new Harness();
        configureForTheSandbox(h);
        h.connectionFactory = (sonoran, dispatcherSettings, outbox) -> {
            CadConnection real = CadConnections.of(SonoranDispatcher.builder(sonoran)
                    .dispatcherSettings(dispatcherSettings).withoutRateLimits().listener(outbox).clock(clock).build());
            return forgetUnsentAtStop ? forgettingUnsent(real) : real;
        };
        h.storageFactory = config -> PluginStorage.sql(
                Storage.start(config, dataFolder, clock, StorageTuning.defaults(), h.platform.logger()));
        servers.add(h);
        h.start();
        await().atMost(WAIT).until(() -> h.core.storageStatus().map(StorageStatus::schemaReady).orElse(false));
        return h;
    }

    private void configureForTheSandbox(Harness h) {
        h.configure(
                "sonoran.base-url", sandbox.baseUrl(),
                "sonoran.api-key", sandbox.apiKey(),
                "commands.cooldown", "0s",
                "dispatcher.shutdown-timeout", "0s",
                "dispatcher.deadlines.detach", "30s");
    }

    private static CadConnection forgettingUnsent(CadConnection real) {
        return new CadConnection() {
            @Override
            public dev.cadbridge.outbound.CadDispatcher dispatcher() {
                return real.dispatcher();
            }

            @Override
            public dev.cadbridge.sonoran.CadLinks links() {
                return real.links();
            }

            @Override
            public void reconfigure(dev.cadbridge.sonoran.SonoranSettings settings) {
                real.reconfigure(settings);
            }

            @Override
            public List<dev.cadbridge.outbound.PendingOperation> close(Duration timeout) {
                real.close(timeout);
                return List.of();
            }
        };
    }

    private static void eventually(Harness h, Callable<Boolean> condition) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> {
            h.platform.runMainTasks();
            return condition.call();
        });
    }

    private static void stop(Harness h) {
        h.core.disable();
        h.core = null;
    }

    private long kicksOf(FakePlayer player) {
        return sandbox.deliveredKicks().stream()
                .filter(kick -> kick.unitId().equals(player.uniqueId().toString()) && kick.reason().equals("Left the game"))
                .count();
    }

    @Test
    void aQuitKickAndACloseMadeWhileTheCadIsDownAreDeliveredOnceAfterARestartAndAnExpiredDetachNever() {
        Harness first = startServer(Clock.systemUTC());
        FakePlayer officer = first.join(first.staff("Officer"));
        FakePlayer alex = first.join(first.player("Alex"));
        first.join(first.player("Sam"));

        first.run(officer, "close " + bankAlarm);
        first.run(officer, "detach Sam");
        first.quit(alex);
        stop(first);
        assertThat(first.platform.logText())
                .contains("3 CAD operation(s) could not be sent before shutdown; saved, will be sent after the next start.");

        // The server comes back a minute later: past the detach's 30 s deadline, within the kick's 2 min and the close's 30 min.
        sandbox.start();
        Harness second = startServer(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(1)));
        eventually(second, () -> kicksOf(alex) == 1 && sandbox.closedCalls().contains(bankAlarm));
        eventually(second, () -> second.platform.logText()
                .contains("Saved CAD operations from the last run: 2 resubmitted, 1 expired."));
        stop(second);

        assertThat(kicksOf(alex)).isEqualTo(1);
        assertThat(sandbox.closedCalls()).containsExactly(bankAlarm);
        assertThat(sandbox.detachments()).as("the expired detach is never sent").isEmpty();
        assertThat(sandbox.violations()).isEmpty();
        assertThat(first.platform.logText() + second.platform.logText()).doesNotContain(sandbox.apiKey());
    }

    @Test
    void workQueuedWhenReloadSwitchesTheConnectionOffIsSavedAndSentAfterTheNextStart() {
        Harness first = startServer(Clock.systemUTC());
        FakePlayer alex = first.join(first.player("Alex"));
        first.quit(alex);

        first.configure("sonoran.api-key", "PASTE-YOUR-API-KEY-HERE", "dispatcher.shutdown-timeout", "0s");
        first.run(first.console, "reload");
        eventually(first, () -> first.platform.logText().contains("1 queued CAD operation(s) were not sent because the CAD connection"
                + " was switched off; saved, will be sent when a working connection is back or after the next start."));
        stop(first);

        sandbox.start();
        Harness second = startServer(Clock.systemUTC());
        eventually(second, () -> kicksOf(alex) == 1);
        stop(second);
        assertThat(kicksOf(alex)).isEqualTo(1);
        assertThat(sandbox.deliveredKicks()).extracting(SandboxEvent.Kick::reason).containsExactly("Left the game");
    }

    @Test
    void workSetAsideWhenReloadSwitchesTheConnectionOffIsSentByTheNextWorkingConnectionOnceAndNotAgainAfterARestart() {
        Harness first = startServer(Clock.systemUTC());
        FakePlayer alex = first.join(first.player("Alex"));
        first.quit(alex); // the CAD is down: the kick waits in the queue

        first.configure("sonoran.api-key", "");
        first.run(first.console, "reload");
        eventually(first, () -> first.platform.logText().contains("1 queued CAD operation(s) were not sent because the CAD connection"
                + " was switched off"));

        // The owner fixes the key and reloads; the CAD is back. No restart.
        sandbox.start();
        configureForTheSandbox(first);
        first.run(first.console, "reload");
        eventually(first, () -> kicksOf(alex) == 1);
        assertThat(first.platform.logText()).contains("1 CAD operation(s) set aside when the connection was switched off were resubmitted.");
        StorageConfig storageConfig = first.core.config().storage();
        stop(first);

        // Delivered, so finished in the outbox: the next start has nothing of it to send again.
        PluginStorage next = PluginStorage.sql(Storage.start(storageConfig, dataFolder, Clock.systemUTC(), StorageTuning.defaults(),
                first.platform.logger()));
        try {
            ReplayReport report = next.replay(new NothingSentDispatcher()).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(report.resubmitted()).isEmpty();
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            next.close(List.of(), Duration.ofSeconds(5));
        }
        assertThat(kicksOf(alex)).isEqualTo(1);
        assertThat(sandbox.violations()).isEmpty();
    }

    /** Takes what a replay resubmits and sends nothing. */
    private static final class NothingSentDispatcher implements CadDispatcher {
        @Override
        public CompletableFuture<CadResult> submit(CadOperation operation) {
            return new CompletableFuture<>();
        }

        @Override
        public CompletableFuture<CadResult> resubmit(PendingOperation operation) {
            return new CompletableFuture<>();
        }

        @Override
        public DispatcherStatus status() {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<PendingOperation> close(Duration timeout) {
            return List.of();
        }
    }

    @Test
    void playersOnlineWhenTheServerStopsWhileTheCadIsDownAreKickedOnceAfterTheRestart() {
        Harness first = startServer(Clock.systemUTC());
        FakePlayer alex = first.join(first.player("Alex"));
        FakePlayer sam = first.join(first.player("Sam"));
        first.core.serverStopping();
        stop(first);
        assertThat(first.platform.logText())
                .contains("2 CAD operation(s) could not be sent before shutdown; saved, will be sent after the next start.");

        sandbox.start();
        Harness second = startServer(Clock.systemUTC());
        eventually(second, () -> kicksOf(alex) == 1 && kicksOf(sam) == 1);
        stop(second);
        assertThat(kicksOf(alex)).isEqualTo(1);
        assertThat(kicksOf(sam)).isEqualTo(1);
        assertThat(sandbox.violations()).isEmpty();
    }

    @Test
    void everyAcceptedOperationIsInTheOutboxWhileTheServerRunsNotOnlyWhenHandedBackAtStop() {
        Harness first = startServer(Clock.systemUTC(), true);
        FakePlayer officer = first.join(first.staff("Officer"));
        FakePlayer alex = first.join(first.player("Alex"));
        first.run(officer, "close " + bankAlarm);
        first.quit(alex);
        stop(first);

        sandbox.start();
        Harness second = startServer(Clock.systemUTC());
        eventually(second, () -> kicksOf(alex) == 1 && sandbox.closedCalls().contains(bankAlarm));
        stop(second);
        assertThat(kicksOf(alex)).isEqualTo(1);
        assertThat(sandbox.closedCalls()).containsExactly(bankAlarm);
    }
}
