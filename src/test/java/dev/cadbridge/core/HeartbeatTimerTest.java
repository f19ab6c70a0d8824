package dev.cadbridge.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonParser;
import dev.cadbridge.config.ConfigProblem;
import dev.cadbridge.outbound.SonoranDispatcher;
import dev.cadbridge.sandbox.SandboxRequest;
import dev.cadbridge.sandbox.SonoranSandbox;
import dev.cadbridge.sonoran.OperationType;
import dev.cadbridge.testing.FakePlayer;
import dev.cadbridge.testing.Harness;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every sonoran.heartbeat-interval the CAD hears that the server is up, with its player count (v2 only). */
class HeartbeatTimerTest {
    private final SonoranSandbox sandbox = new SonoranSandbox(Clock.systemUTC());

    @BeforeEach
    void startTheCad() {
        sandbox.start();
    }

    @AfterEach
    void stopTheCad() {
        sandbox.close();
    }

    /** config.yml reaching the sandbox, plus {@code extra} ("dotted.key", value, ...). */
    private Object[] settings(String... extra) {
        List<Object> all = new ArrayList<>(List.of("sonoran.base-url", sandbox.baseUrl(), "sonoran.api-key", sandbox.apiKey(),
                "sonoran.community-id", sandbox.communityId()));
        all.addAll(Arrays.asList("sonoran.heartbeat-interval", null)); // the harness turns it off; the shipped default here
        all.addAll(List.of(extra));
        return all.toArray();
    }

    private Harness server(String... extra) {
        Harness h = new Harness();
        h.configure(settings(extra));
        h.connectionFactory = (sonoran, dispatcherSettings, outbox) -> CadConnections.of(SonoranDispatcher.builder(sonoran)
                .dispatcherSettings(dispatcherSettings).listener(outbox).build());
        return h.start();
    }

    private static int playerCount(SandboxRequest request) {
        return JsonParser.parseString(request.body()).getAsJsonObject().get("playerCount").getAsInt();
    }

    @Test
    void everyMinuteByDefaultTheCadHearsHowManyPlayersAreOn() {
        Harness h = server();
        List<FakePlayer> players = IntStream.rangeClosed(1, 3).mapToObj(i -> h.join(h.player("Player" + i))).toList();

        h.platform.advance(Duration.ofSeconds(59));
        assertThat(sandbox.requestsTo(OperationType.HEARTBEAT)).isEmpty();
        h.platform.advance(Duration.ofSeconds(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> sandbox.requestsTo(OperationType.HEARTBEAT).size() == 1);
        assertThat(playerCount(sandbox.requestsTo(OperationType.HEARTBEAT).get(0))).isEqualTo(3);

        h.quit(players.get(0));
        h.platform.advance(Duration.ofMinutes(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> sandbox.requestsTo(OperationType.HEARTBEAT).size() == 2);
        assertThat(playerCount(sandbox.requestsTo(OperationType.HEARTBEAT).get(1))).isEqualTo(2);
        assertThat(sandbox.violations()).isEmpty();
        h.core.disable();
    }

    @Test
    void zeroTurnsItOffAndTheV1ApiHasNone() {
        Harness off = server("sonoran.heartbeat-interval", "0s");
        Harness v1 = server("sonoran.api-generation", "v1");
        off.join(off.player("Alex"));
        v1.join(v1.player("Sam"));

        off.platform.advance(Duration.ofMinutes(3));
        v1.platform.advance(Duration.ofMinutes(3));
        off.core.disable();
        v1.core.disable();

        assertThat(sandbox.requestsTo(OperationType.HEARTBEAT)).isEmpty();
        assertThat(off.core.configProblems()).isEmpty();
        assertThat(v1.core.configProblems()).isEmpty();
    }

    @Test
    void aReloadedIntervalTakesEffectAndTooShortOneIsRaisedToTenSeconds() {
        Harness h = server("sonoran.heartbeat-interval", "5m");
        h.configure(settings("sonoran.heartbeat-interval", "2s"));
        h.core.reload();
        h.platform.runMainTasks();

        assertThat(h.core.configProblems()).extracting(ConfigProblem::toString).containsExactly(
                "sonoran.heartbeat-interval: 2s is shorter than the CAD allows (10 a minute); using 10s");
        h.platform.advance(Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(10)).until(() -> sandbox.requestsTo(OperationType.HEARTBEAT).size() == 1);
        h.core.disable();
    }
}
