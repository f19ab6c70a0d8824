package dev.cadbridge.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadbridge.core.PluginStorage;
import dev.cadbridge.outbound.CadDispatcher;
import dev.cadbridge.outbound.DispatcherStatus;
import dev.cadbridge.outbound.DispatcherStatus.CircuitState;
import dev.cadbridge.outbound.DispatcherStatus.LastFailure;
import dev.cadbridge.outbound.OutboxListener;
import dev.cadbridge.outbound.PendingOperation;
import dev.cadbridge.identity.IdentityRepository;
import dev.cadbridge.sonoran.ApiGeneration;
import dev.cadbridge.sonoran.OperationType;
import dev.cadbridge.storage.ReplayReport;
import dev.cadbridge.storage.StorageStatus;
import dev.cadbridge.storage.StorageType;
import dev.cadbridge.testing.FakePlayer;
import dev.cadbridge.testing.Harness;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import net.kyori.adventure.text.Component;
import net.kyori.adventure.text.TextComponent;
import net.kyori.adventure.text.format.NamedTextColor;
import net.kyori.adventure.text.format.TextColor;
import net.kyori.adventure.text.format.TextDecoration;
import org.junit.jupiter.api.Test;

/**
 * What an admin reads in {@code /cad status}: one line per concern, the state first, times relative
 * to now, colour by state for players, a hint next to anything wrong, and the same facts without
 * colour on the console.
 */
class StatusCommandTest {
    private static final String API = "https://api.sonorancad.com";

    private final Harness h = new Harness();

    private Instant ago(Duration duration) {
        return h.clock.instant().minus(duration);
    }

    /** A dispatcher snapshot as the real one reports it: every queue listed, empty ones with 0. */
    private static DispatcherStatus dispatcher(CircuitState circuit, String circuitReason, Instant lastSuccess,
                                               LastFailure lastFailure, Map<OperationType, Integer> queued,
                                               Map<OperationType, String> disabled) {
        return dispatcher(ApiGeneration.V2, circuit, circuitReason, lastSuccess, lastFailure, queued, disabled);
    }

    private static DispatcherStatus dispatcher(ApiGeneration generation, CircuitState circuit, String circuitReason,
                                               Instant lastSuccess, LastFailure lastFailure,
                                               Map<OperationType, Integer> queued, Map<OperationType, String> disabled) {
        Map<OperationType, Integer> depth = new EnumMap<>(OperationType.class);
        for (OperationType type : OperationType.values()) {
            depth.put(type, queued.getOrDefault(type, 0));
        }
        return new DispatcherStatus(generation, API, circuit, circuitReason, lastSuccess, lastFailure, depth, disabled,
                new DispatcherStatus.Counters(10, 8, 1, 7, 1, 0));
    }

    private List<String> consoleStatus() {
        h.console.clearMessages();
        h.run(h.console, "status");
        return h.console.messages();
    }

    private static String line(List<String> lines, String label) {
        return lines.stream().filter(line -> line.startsWith(label + ": ")).findFirst()
                .orElseThrow(() -> new AssertionError("no \"" + label + ":\" line in " + lines));
    }

    @Test
    void aHealthySetupReadsAsConnectedWithTheTimesRelativeToNow() {
        h.start();
        h.join(h.player("Alex"));
        h.cad.reportStatus(dispatcher(CircuitState.CLOSED, null, ago(Duration.ofSeconds(12)), null, Map.of(), Map.of()));

        assertThat(consoleStatus()).containsExactly(
                "CadBridge status",
                "CAD: connected, last success 12 s ago",
                "Queued: none",
                "Last failure: none",
                "Live: off: sonoran.community-id is not set",
                "Storage: none; identities are kept in memory and unsent operations are lost at shutdown",
                "Identities: 1 online player cached, 0 stored",
                "Config: no problems",
                "Totals: 10 requests (8 batched), operations: 7 delivered, 1 failed, 0 expired; rate-limited 1 time",
                "API: v2 at " + API);
    }

    @Test
    void noRawInstantIsShownAnywhere() {
        h.start();
        h.cad.reportStatus(dispatcher(CircuitState.CLOSED, null, ago(Duration.ofMinutes(3).plusNanos(123_456_789)),
                new LastFailure(ago(Duration.ofHours(2).plusMinutes(5)), "TIMEOUT", "the CAD did not answer within 10s", "trace-9"),
                Map.of(), Map.of()));

        List<String> lines = consoleStatus();
        assertThat(line(lines, "CAD")).isEqualTo("CAD: connected, last success 3 min ago");
        assertThat(line(lines, "Last failure"))
                .isEqualTo("Last failure: 2 h 5 min ago, TIMEOUT: the CAD did not answer within 10s (trace id trace-9); delivered fine since");
        assertThat(String.join("\n", lines)).doesNotContainPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:");
    }

    @Test
    void aCadThatDoesNotAnswerIsShownFirstWithTheQueuedWorkAndWhatToCheck() {
        h.start();
        h.cad.reportStatus(dispatcher(CircuitState.CLOSED, null, ago(Duration.ofMinutes(3)),
                new LastFailure(ago(Duration.ofSeconds(5)), "CONNECTION", "could not connect to the CAD at " + API + " (connection refused)", null),
                Map.of(OperationType.KICK, 2, OperationType.ATTACH, 1), Map.of()));

        List<String> lines = consoleStatus();
        assertThat(lines.subList(0, 4)).containsExactly(
                "CadBridge status",
                "CAD: not answering, the last attempt 5 s ago failed (CONNECTION); last success 3 min ago"
                        + " → CadBridge keeps retrying; check that this server can reach " + API,
                "Queued: 3 (attach 1, kick 2) → sent once the CAD takes them, unless their deadline passes first",
                "Last failure: 5 s ago, CONNECTION: could not connect to the CAD at " + API + " (connection refused)");
    }

    @Test
    void aRefusedKeyOpensTheCircuitAndTheLineSaysWhichSettingsToCheckWithTheTraceIdBelow() {
        h.start();
        String refusal = "the CAD rejected the API key (HTTP 401); check sonoran.api-key";
        h.cad.reportStatus(dispatcher(CircuitState.OPEN, refusal, null,
                new LastFailure(ago(Duration.ofSeconds(40)), "CREDENTIALS", refusal, "00-4bf92f3577b34da6-01"),
                Map.of(OperationType.CLOSE, 1), Map.of()));

        List<String> lines = consoleStatus();
        assertThat(lines.subList(0, 4)).containsExactly(
                "CadBridge status",
                "CAD: circuit open, nothing is sent: " + refusal
                        + " → check sonoran.api-key and sonoran.server-id in plugins/CadBridge/config.yml, then /cad reload",
                "Queued: 1 (close 1) → sent once the CAD takes them, unless their deadline passes first",
                "Last failure: 40 s ago, CREDENTIALS: " + refusal + " (trace id 00-4bf92f3577b34da6-01)");
    }

    @Test
    void onV1TheCommunityIdIsAmongTheSettingsToCheck() {
        h.configure("sonoran.api-generation", "v1", "sonoran.community-id", "community-7").start();
        h.cad.reportStatus(dispatcher(ApiGeneration.V1, CircuitState.OPEN, "the CAD refused the credentials: INVALID API KEY", null, null,
                Map.of(), Map.of()));

        assertThat(line(consoleStatus(), "CAD")).endsWith(
                " → check sonoran.api-key, sonoran.community-id and sonoran.server-id in plugins/CadBridge/config.yml, then /cad reload");
    }

    @Test
    void withoutAKeyTheReasonAndTheWayOutComeFirst() {
        h.configure("sonoran.api-key", "").start();

        List<String> lines = consoleStatus();
        assertThat(lines.get(1)).isEqualTo("CAD: not connected: no API key is set (sonoran.api-key in config.yml, or the"
                + " CADBRIDGE_API_KEY environment variable) → fix that, then /cad reload");
        assertThat(line(lines, "Queued")).isEqualTo("Queued: none");
    }

    @Test
    void workTheCadIsSlowingDownAndOperationsThePlanDoesNotIncludeAreNamed() {
        h.start();
        h.cad.reportStatus(dispatcher(CircuitState.CLOSED, null, ago(Duration.ofSeconds(30)),
                new LastFailure(ago(Duration.ofSeconds(3)), "RATE_LIMITED", "the CAD asked to slow down on kick", "req-77"),
                Map.of(OperationType.KICK, 4),
                Map.of(OperationType.NEW_DISPATCH, "VERSION 3 REQUIRED (HTTP 402)")));

        List<String> lines = consoleStatus();
        assertThat(lines.subList(1, 5)).containsExactly(
                "CAD: connected, slowed down by the CAD's rate limit 3 s ago; last success 30 s ago"
                        + " → CadBridge waits as the CAD asks and then sends the rest",
                "Queued: 4 (kick 4)",
                "Disabled: new-dispatch: VERSION 3 REQUIRED (HTTP 402) → your CAD plan does not include this; after upgrading run /cad reload",
                "Last failure: 3 s ago, RATE_LIMITED: the CAD asked to slow down on kick (trace id req-77)");
    }

    @Test
    void aCadFailingOnItsSideIsRedAndPointsAtTheTraceIdForSupport() {
        h.start();
        h.cad.reportStatus(dispatcher(CircuitState.CLOSED, null, ago(Duration.ofMinutes(10)),
                new LastFailure(ago(Duration.ofSeconds(20)), "SERVER_ERROR", "the CAD answered HTTP 503", "00-aa-01"), Map.of(), Map.of()));

        List<String> lines = consoleStatus();
        assertThat(line(lines, "CAD")).isEqualTo("CAD: failing on its side, the last attempt 20 s ago failed (SERVER_ERROR);"
                + " last success 10 min ago → CadBridge keeps retrying; if it lasts, give Sonoran support the trace id below");
        assertThat(line(lines, "Last failure")).isEqualTo("Last failure: 20 s ago, SERVER_ERROR: the CAD answered HTTP 503 (trace id 00-aa-01)");
    }

    @Test
    void beforeAnythingIsSentItDoesNotClaimToBeConnected() {
        h.start();
        FakePlayer admin = h.join(h.staff("Admin"));
        h.cad.reportStatus(dispatcher(CircuitState.CLOSED, null, null, null, Map.of(), Map.of()));

        h.run(admin, "status");
        assertThat(line(admin.messages(), "CAD")).isEqualTo("CAD: nothing sent yet");
        assertThat(colourOf(admin.components(), "nothing sent yet")).isEqualTo(NamedTextColor.WHITE);
    }

    @Test
    void wrongConfigValuesAndChangesWaitingForARestartAreYellowWithWhatToDo() {
        h.start();
        h.configure("quit.action", "explode", "storage.server-name", "survival");
        h.run(h.console, "reload");

        assertThat(line(consoleStatus(), "Config")).isEqualTo("Config: 1 wrong value(s), safe defaults are used;"
                + " changes under storage wait for a restart → /cad reload lists them; restart the server to apply them");
    }

    @Test
    void anUnreachableDatabaseIsRedWithItsLastErrorAndWhatToCheck() {
        StorageStatus unavailable = new StorageStatus(StorageType.MARIADB, "mariadb cadbridge@db.internal:3306/cadbridge",
                StorageStatus.Connection.UNAVAILABLE, true, "connection timed out", ago(Duration.ofSeconds(90)), 3, 0);
        h.storageFactory = config -> reporting(PluginStorage.inMemory(h.repository), unavailable);
        h.start();
        h.cad.reportStatus(dispatcher(CircuitState.CLOSED, null, ago(Duration.ofSeconds(12)), null, Map.of(), Map.of()));
        FakePlayer admin = h.join(h.staff("Admin"));

        h.run(admin, "status");
        assertThat(line(admin.messages(), "Storage")).isEqualTo(
                "Storage: unreachable: mariadb cadbridge@db.internal:3306/cadbridge, 3 change(s) waiting to be written;"
                        + " last error 1 min ago: connection timed out"
                        + " → check that the database is running and the storage: settings; CadBridge reconnects by itself,"
                        + " and CAD operations still go out meanwhile");
        assertThat(line(admin.messages(), "Identities")).isEqualTo("Identities: 1 online player cached, unknown (storage unavailable) stored");
        assertThat(colourOf(admin.components(), "unreachable: mariadb")).isEqualTo(NamedTextColor.RED);
        assertThat(colourOf(admin.components(), "check that the database is running")).isEqualTo(NamedTextColor.GOLD);
    }

    @Test
    void aReachableDatabaseIsGreenAndMentionsPastTroubleAndWorkNotSaved() {
        StorageStatus recovered = new StorageStatus(StorageType.POSTGRESQL, "postgresql cadbridge@db.internal:5432/cadbridge",
                StorageStatus.Connection.REACHABLE, true, "connection reset", ago(Duration.ofMinutes(42)), 0, 0);
        h.storageFactory = config -> reporting(PluginStorage.inMemory(h.repository), recovered);
        h.start();
        FakePlayer admin = h.join(h.staff("Admin"));

        h.run(admin, "status");
        assertThat(line(admin.messages(), "Storage")).isEqualTo(
                "Storage: reachable: postgresql cadbridge@db.internal:5432/cadbridge, schema ready; last error 42 min ago: connection reset");
        assertThat(colourOf(admin.components(), "reachable: postgresql")).isEqualTo(NamedTextColor.GREEN);
    }

    @Test
    void playersSeeTheStateInColourAndTheConsoleTheSameWordsWithoutAny() {
        h.start();
        FakePlayer admin = h.join(h.staff("Admin"));
        h.cad.reportStatus(dispatcher(CircuitState.OPEN, "the CAD rejected the API key (HTTP 401)", ago(Duration.ofMinutes(1)),
                null, Map.of(), Map.of()));

        h.run(admin, "status");
        h.run(h.console, "status");

        assertThat(admin.messages()).isEqualTo(h.console.messages());
        assertThat(colourOf(admin.components(), "circuit open")).isEqualTo(NamedTextColor.RED);
        assertThat(colourOf(admin.components(), "check sonoran.api-key")).isEqualTo(NamedTextColor.GOLD);
        assertThat(colourOf(admin.components(), "none")).as("no failure is good news").isEqualTo(NamedTextColor.GREEN);
        assertThat(colourOf(admin.components(), "CadBridge status")).isEqualTo(NamedTextColor.GOLD);
        assertThat(h.console.components()).allSatisfy(line -> assertThat(styled(line)).as(line.toString()).isEmpty());
    }

    @Test
    void whatTheCadSaysIsShownLiterallyNeverAsFormatting() {
        h.start();
        FakePlayer admin = h.join(h.staff("Admin"));
        String hostile = "<red>boom</red> <click:run_command:'/op Mallory'>click me</click>";
        h.cad.reportStatus(dispatcher(CircuitState.CLOSED, null, null,
                new LastFailure(ago(Duration.ofSeconds(1)), "MALFORMED", hostile, "<bold>t</bold>"), Map.of(), Map.of()));

        h.run(admin, "status");
        assertThat(line(admin.messages(), "Last failure"))
                .isEqualTo("Last failure: 1 s ago, MALFORMED: " + hostile + " (trace id <bold>t</bold>)");
        assertThat(admin.components()).allSatisfy(line -> assertThat(clickEvents(line)).isEmpty());
    }

    @Test
    void ownersCanRecolourTheStatesInConfigYml() {
        h.configure("messages.status-good", "<aqua><label> is <value>").start();
        FakePlayer admin = h.join(h.staff("Admin"));
        h.cad.reportStatus(dispatcher(CircuitState.CLOSED, null, ago(Duration.ofSeconds(2)), null, Map.of(), Map.of()));

        h.run(admin, "status");
        assertThat(admin.messages()).contains("CAD is connected, last success 2 s ago");
        assertThat(colourOf(admin.components(), "connected, last success")).isEqualTo(NamedTextColor.AQUA);
        h.run(h.console, "status");
        assertThat(h.console.messages()).contains("CAD is connected, last success 2 s ago");
    }

    // ---- helpers ----

    /** A storage that reports {@code status} and otherwise behaves as {@code inner}. */
    private static PluginStorage reporting(PluginStorage inner, StorageStatus status) {
        return new PluginStorage() {
            @Override
            public IdentityRepository identities() {
                return inner.identities();
            }

            @Override
            public OutboxListener outbox() {
                return inner.outbox();
            }

            @Override
            public boolean keepsOperations() {
                return true;
            }

            @Override
            public CompletableFuture<ReplayReport> replay(CadDispatcher dispatcher) {
                return inner.replay(dispatcher);
            }

            @Override
            public void keepForNextStart(List<PendingOperation> handedBack) {}

            @Override
            public Optional<StorageStatus> status() {
                return Optional.of(status);
            }

            @Override
            public void close(List<PendingOperation> stillPending, Duration timeout) {}
        };
    }

    /** The colour the first text containing {@code fragment} is drawn in, inherited from its parents. */
    static TextColor colourOf(List<Component> lines, String fragment) {
        for (Component line : lines) {
            Optional<TextColor> found = colourOf(line, fragment, null);
            if (found.isPresent()) {
                return found.get();
            }
        }
        throw new AssertionError("no text containing \"" + fragment + "\"");
    }

    private static Optional<TextColor> colourOf(Component component, String fragment, TextColor inherited) {
        TextColor colour = component.color() != null ? component.color() : inherited;
        if (component instanceof TextComponent text && text.content().contains(fragment)) {
            return Optional.ofNullable(colour).or(() -> Optional.of(NamedTextColor.WHITE));
        }
        for (Component child : component.children()) {
            Optional<TextColor> found = colourOf(child, fragment, colour);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** Every colour or decoration anywhere in the component. */
    private static List<String> styled(Component component) {
        List<String> out = new ArrayList<>();
        if (component.color() != null) {
            out.add("colour " + component.color());
        }
        component.decorations().forEach((decoration, state) -> {
            if (state != TextDecoration.State.NOT_SET) {
                out.add(decoration + " " + state);
            }
        });
        component.children().forEach(child -> out.addAll(styled(child)));
        return out;
    }

    private static List<Object> clickEvents(Component component) {
        List<Object> out = new ArrayList<>();
        if (component.clickEvent() != null) {
            out.add(component.clickEvent());
        }
        component.children().forEach(child -> out.addAll(clickEvents(child)));
        return out;
    }
}
