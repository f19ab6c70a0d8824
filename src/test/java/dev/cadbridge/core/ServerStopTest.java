package dev.cadbridge.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cadbridge.outbound.CadDispatcher;
import dev.cadbridge.outbound.DispatcherStatus;
import dev.cadbridge.outbound.PendingOperation;
import dev.cadbridge.outbound.SonoranDispatcher;
import dev.cadbridge.sandbox.SandboxEvent;
import dev.cadbridge.sandbox.SonoranSandbox;
import dev.cadbridge.sonoran.CadLinks;
import dev.cadbridge.sonoran.CadOperation;
import dev.cadbridge.sonoran.CadResult;
import dev.cadbridge.sonoran.OperationType;
import dev.cadbridge.sonoran.SonoranSettings;
import dev.cadbridge.testing.FakePlayer;
import dev.cadbridge.testing.Harness;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Paper disables plugins before it disconnects players, so no quit event comes when the server
 * stops. The players still online must leave the CAD as quit.action says, with the real
 * dispatcher against the sandbox CAD.
 */
class ServerStopTest {
    private final SonoranSandbox sandbox = new SonoranSandbox(Clock.systemUTC());

    @BeforeEach
    void startTheCad() {
        sandbox.start();
    }

    @AfterEach
    void stopTheCad() {
        sandbox.close();
    }

    private Harness server(String quitAction) {
        return server(quitAction, dispatcher -> dispatcher);
    }

    private Harness server(String quitAction, UnaryOperator<CadDispatcher> wrap) {
        Harness h = new Harness();
        h.configure(
                "sonoran.base-url", sandbox.baseUrl(),
                "sonoran.api-key", sandbox.apiKey(),
                "quit.action", quitAction,
                "dispatcher.shutdown-timeout", "10s");
        h.connectionFactory = (sonoran, dispatcherSettings, outbox) -> {
            CadConnection real = CadConnections.of(SonoranDispatcher.builder(sonoran)
                    .dispatcherSettings(dispatcherSettings).listener(outbox).build());
            CadDispatcher wrapped = wrap.apply(real.dispatcher());
            return new CadConnection() {
                @Override
                public CadDispatcher dispatcher() {
                    return wrapped;
                }

                @Override
                public CadLinks links() {
                    return real.links();
                }

                @Override
                public void reconfigure(SonoranSettings settings) {
                    real.reconfigure(settings);
                }
            };
        };
        return h.start();
    }

    /**
     * A server thread slow enough that the dispatcher's worker sends each single submit before the
     * next one arrives: the worst case of the race between the stop hook and the worker.
     */
    private static CadDispatcher workerAlwaysFirst(CadDispatcher real) {
        return new CadDispatcher() {
            @Override
            public CompletableFuture<CadResult> submit(CadOperation operation) {
                CompletableFuture<CadResult> future = real.submit(operation);
                await().atMost(Duration.ofSeconds(10)).until(future::isDone);
                return future;
            }

            @Override
            public List<CompletableFuture<CadResult>> submitAll(List<? extends CadOperation> operations) {
                return real.submitAll(operations);
            }

            @Override
            public CompletableFuture<CadResult> resubmit(PendingOperation operation) {
                return real.resubmit(operation);
            }

            @Override
            public DispatcherStatus status() {
                return real.status();
            }

            @Override
            public List<PendingOperation> close(Duration timeout) {
                return real.close(timeout);
            }
        };
    }

    private static List<String> unitIds(List<FakePlayer> players) {
        return players.stream().map(player -> player.uniqueId().toString()).toList();
    }

    private static List<FakePlayer> joinPlayers(Harness h, int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> h.join(h.player("Player" + i))).toList();
    }

    @Test
    void atServerStopTheUnitsOfEveryOnlinePlayerAreKickedTogether() {
        Harness h = server("kick", ServerStopTest::workerAlwaysFirst);
        List<FakePlayer> online = joinPlayers(h, 12);

        h.core.serverStopping();
        h.core.disable();

        assertThat(sandbox.deliveredKicks()).extracting(SandboxEvent.Kick::unitId).containsExactlyInAnyOrderElementsOf(unitIds(online));
        assertThat(sandbox.deliveredKicks()).extracting(SandboxEvent.Kick::reason).containsOnly("Left the game");
        // Queued together, the kicks leave as one array request, however quick the dispatcher's thread is.
        assertThat(sandbox.requestsTo(OperationType.KICK)).hasSize(1);
        assertThat(sandbox.violations()).isEmpty();
        assertThat(h.platform.logText()).contains("The server is stopping: telling the CAD that 12 online player(s) left (quit.action: kick).");
    }

    @Test
    void atServerStopTheUnitsOfEveryOnlinePlayerAreDetachedInOneRequest() {
        Harness h = server("detach");
        List<FakePlayer> online = joinPlayers(h, 12);

        h.core.serverStopping();
        h.core.disable();

        assertThat(sandbox.requestsTo(OperationType.DETACH)).hasSize(1);
        assertThat(sandbox.detachments()).extracting(SandboxEvent.Detachment::unitId).containsExactlyInAnyOrderElementsOf(unitIds(online));
        assertThat(sandbox.violations()).isEmpty();
    }

    @Test
    void withQuitActionNoneOrWithoutTheStopNothingIsSent() {
        Harness none = server("none");
        joinPlayers(none, 3);
        none.core.serverStopping();
        none.core.disable();

        Harness reloadOnly = server("kick");
        joinPlayers(reloadOnly, 3);
        reloadOnly.core.disable(); // a plugin reload: the players stay online

        assertThat(sandbox.requestsTo(OperationType.KICK)).isEmpty();
        assertThat(sandbox.requestsTo(OperationType.DETACH)).isEmpty();
    }
}
