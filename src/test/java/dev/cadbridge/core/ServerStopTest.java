package dev.cadbridge.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadbridge.dispatch.SonoranDispatcher;
import dev.cadbridge.sandbox.SandboxEvent;
import dev.cadbridge.sandbox.SonoranSandbox;
import dev.cadbridge.sonoran.OperationType;
import dev.cadbridge.testing.FakePlayer;
import dev.cadbridge.testing.Harness;
import java.time.Clock;
import java.util.List;
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
        Harness h = new Harness();
        h.configure(
                "sonoran.base-url", sandbox.baseUrl(),
                "sonoran.api-key", sandbox.apiKey(),
                "quit.action", quitAction,
                "dispatcher.shutdown-timeout", "10s");
        h.connectionFactory = (sonoran, dispatcherSettings, outbox) -> CadConnections.of(SonoranDispatcher.builder(sonoran)
                .dispatcherSettings(dispatcherSettings).listener(outbox).build());
        return h.start();
    }

    private static List<String> unitIds(List<FakePlayer> players) {
        return players.stream().map(player -> player.uniqueId().toString()).toList();
    }

    private static List<FakePlayer> joinPlayers(Harness h, int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> h.join(h.player("Player" + i))).toList();
    }

    @Test
    void atServerStopTheUnitsOfEveryOnlinePlayerAreKickedTogether() {
        Harness h = server("kick");
        List<FakePlayer> online = joinPlayers(h, 12);

        h.core.serverStopping();
        h.core.disable();

        assertThat(sandbox.deliveredKicks()).extracting(SandboxEvent.Kick::unitId).containsExactlyInAnyOrderElementsOf(unitIds(online));
        assertThat(sandbox.deliveredKicks()).extracting(SandboxEvent.Kick::reason).containsOnly("Left the game");
        // Queued together, the kicks leave as one array request; at most the first one goes ahead on its own
        // when the dispatcher's thread picks it up before the rest are queued.
        assertThat(sandbox.requestsTo(OperationType.KICK)).hasSizeBetween(1, 2);
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
