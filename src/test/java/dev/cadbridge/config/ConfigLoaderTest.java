package dev.cadbridge.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadbridge.outbound.DispatcherSettings;
import dev.cadbridge.identity.IdRule;
import dev.cadbridge.network.NetworkMode;
import dev.cadbridge.sonoran.ApiGeneration;
import dev.cadbridge.sonoran.OperationType;
import dev.cadbridge.sonoran.SonoranSettings;
import dev.cadbridge.testing.Harness;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigLoaderTest {
    private final ConfigLoader loader = new ConfigLoader(name -> null);

    private LoadedConfig load(Object... keysAndValues) {
        Object[] withKey = new Object[keysAndValues.length + 2];
        withKey[0] = "sonoran.api-key";
        withKey[1] = "key-123";
        System.arraycopy(keysAndValues, 0, withKey, 2, keysAndValues.length);
        return loader.load(Harness.tree(withKey));
    }

    @Test
    void anEmptyFileGivesTheDocumentedDefaultsAndNoConnection() {
        LoadedConfig loaded = loader.load(Map.of());
        CadBridgeConfig config = loaded.config();
        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.canConnect()).isFalse();
        assertThat(loaded.credentialProblem()).isTrue();
        assertThat(config.generation()).isEqualTo(ApiGeneration.V2);
        assertThat(config.afk()).isEqualTo(AfkSettings.defaults());
        assertThat(config.quitAction()).isEqualTo(QuitAction.KICK);
        assertThat(config.quitKickReason()).isEqualTo("Left the game");
        assertThat(config.commands().cooldown()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.dispatcher()).isEqualTo(DispatcherSettings.defaults());
        assertThat(config.identity().communityUserIdRule()).isEqualTo(IdRule.UUID_WITH_DASHES);
    }

    @Test
    void aCompleteGoodConfigurationIsTakenAsWritten() {
        LoadedConfig loaded = load("sonoran.api-generation", "v1", "sonoran.community-id", "my-community",
                "sonoran.server-id", 3, "sonoran.base-url", "http://localhost:8080", "sonoran.request-timeout", "20s",
                "identity.api-id", "name", "afk.timeout", "15m", "afk.warn-before", "2m", "afk.enabled", false,
                "quit.action", "detach", "commands.cooldown", "500ms", "dispatch.default-priority", 1,
                "dispatcher.deadlines.kick", "1m", "dispatcher.rate-limits.close.per-minute", 5, "debug", true);
        assertThat(loaded.problems()).isEmpty();
        SonoranSettings sonoran = loaded.sonoran().orElseThrow();
        assertThat(sonoran.generation()).isEqualTo(ApiGeneration.V1);
        assertThat(sonoran.communityId()).isEqualTo("my-community");
        assertThat(sonoran.serverId()).isEqualTo(3);
        assertThat(sonoran.baseUrl()).isEqualTo(URI.create("http://localhost:8080"));
        assertThat(sonoran.requestTimeout()).isEqualTo(Duration.ofSeconds(20));
        CadBridgeConfig config = loaded.config();
        assertThat(config.identity().defaultCadId(UUID.randomUUID(), "Alex")).isEqualTo("Alex");
        assertThat(config.afk().timeout()).isEqualTo(Duration.ofMinutes(15));
        assertThat(config.afk().enabled()).isFalse();
        assertThat(config.quitAction()).isEqualTo(QuitAction.DETACH);
        assertThat(config.commands().cooldown()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.commands().dispatch().priority()).isEqualTo(1);
        assertThat(config.dispatcher().deadlines()).containsEntry(OperationType.KICK, Duration.ofMinutes(1));
        assertThat(config.dispatcher().rateLimits().get(OperationType.CLOSE).perMinute()).isEqualTo(5);
        assertThat(config.debug()).isTrue();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            sonoran.api-generation   | v3      | sonoran.api-generation: "v3" is not allowed; use one of v2, v1; using v2
            sonoran.base-url         | ftp://x | sonoran.base-url: "ftp://x" is not usable; it must be an https:// URL (http:// only to localhost); using https://api.sonorancad.com
            sonoran.base-url         | http://api.sonorancad.com | sonoran.base-url: "http://api.sonorancad.com" is not usable
            sonoran.server-id        | 0       | sonoran.server-id: 0 is out of range; allowed 1 to 2147483647; using 1
            sonoran.server-id        | one     | sonoran.server-id: "one" is not a whole number; using 1
            sonoran.connect-timeout  | soon    | sonoran.connect-timeout: "soon" is not a duration such as 30s, 10m or 1h; using 5s
            identity.community-user-id | email | identity.community-user-id: "email" is not allowed; use one of uuid, uuid-no-dashes, name; using uuid
            link.poll-interval       | 1s      | link.poll-interval: 1s is out of range; allowed 3s to 1m; using 10s
            afk.enabled              | yes     | afk.enabled: "yes" is not true or false; using true
            afk.timeout              | 10s     | afk.timeout: 10s is out of range; allowed 1m to 24h; using 10m
            afk.warn-before          | 20m     | afk.warn-before: 20m is not shorter than afk.timeout (10m); using 1m
            afk.check-interval       | 0s      | afk.check-interval: 0s is out of range; allowed 1s to 1m; using 1s
            quit.action              | ban     | quit.action: "ban" is not allowed; use one of none, detach, kick; using kick
            commands.cooldown        | -3s     | commands.cooldown: "-3s" is not a duration such as 30s, 10m or 1h; using 3s
            dispatch.default-priority | 5      | dispatch.default-priority: 5 is out of range; allowed 1 to 3; using 2
            dispatch.default-origin  | phone   | dispatch.default-origin: "phone" is not allowed; use one of caller, radio, observed, walkup; using caller
            dispatch.default-status  | closed  | dispatch.default-status: "closed" is not allowed; use one of pending, active; using pending
            dispatcher.queue-capacity | 0      | dispatcher.queue-capacity: 0 is out of range; allowed 1 to 1000000; using 10000
            dispatcher.max-batch-size | 501    | dispatcher.max-batch-size: 501 is out of range; allowed 1 to 500; using 50
            dispatcher.deadlines.kick | 1s     | dispatcher.deadlines.kick: 1s is out of range; allowed 5s to 24h; using 2m
            dispatcher.rate-limits.attach.burst | 0 | dispatcher.rate-limits.attach.burst: 0 is out of range; allowed 1 to 10000; using 1
            debug                    | maybe   | debug: "maybe" is not true or false; using false
            """)
    void eachWrongValueIsNamedWithWhatIsAllowedAndTheDefaultUsed(String key, String value, String problem) {
        LoadedConfig loaded = load(key, value);
        assertThat(loaded.problems()).hasSize(1);
        assertThat(loaded.problems().get(0).toString()).startsWith(problem);
        assertThat(loaded.canConnect()).isTrue();
    }

    @Test
    void networkModeIsAutoUnlessSetAndYamlBooleansTurnItOnOrOff() {
        assertThat(loader.load(Map.of()).config().network()).isEqualTo(NetworkMode.AUTO);
        assertThat(load("network.enabled", true).config().network()).isEqualTo(NetworkMode.ON);
        assertThat(load("network.enabled", false).config().network()).isEqualTo(NetworkMode.OFF);
        assertThat(load("network.enabled", "Auto").config().network()).isEqualTo(NetworkMode.AUTO);
        LoadedConfig wrong = load("network.enabled", "sometimes");
        assertThat(wrong.config().network()).isEqualTo(NetworkMode.AUTO);
        assertThat(wrong.problems()).extracting(ConfigProblem::toString)
                .containsExactly("network.enabled: \"sometimes\" is not allowed; use one of auto, true, false; using auto");
    }

    @Test
    void badReasonsFallBackToTheirDefaults() {
        LoadedConfig loaded = load("quit.kick-reason", " ", "afk.kick-reason", "x".repeat(300));
        assertThat(loaded.problems()).extracting(ConfigProblem::toString).containsExactly(
                "afk.kick-reason: is 300 characters long; the limit is 255; using \"Automated AFK Timer\"",
                "quit.kick-reason: is blank; using \"Left the game\"");
        assertThat(loaded.config().quitKickReason()).isEqualTo("Left the game");
    }

    @Test
    void retryMaxShorterThanBaseIsRaisedToBase() {
        LoadedConfig loaded = load("dispatcher.retry-base-delay", "5s", "dispatcher.retry-max-delay", "2s");
        assertThat(loaded.problems()).extracting(ConfigProblem::key).containsExactly("dispatcher.retry-max-delay");
        assertThat(loaded.config().dispatcher().retryMaxDelay()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void v1WithoutACommunityIdCannotConnectAndSaysWhy() {
        LoadedConfig loaded = load("sonoran.api-generation", "v1");
        assertThat(loaded.canConnect()).isFalse();
        assertThat(loaded.credentialProblem()).isFalse();
        assertThat(loaded.connectionProblem()).contains("sonoran.community-id");
        assertThat(loaded.problems()).extracting(ConfigProblem::key).containsExactly("sonoran.community-id");
    }

    @Test
    void placeholderKeysAreRecognised() {
        for (String placeholder : List.of("", "  ", "PASTE-YOUR-API-KEY-HERE", "your-api-key-here", "changeme")) {
            assertThat(loader.load(Harness.tree("sonoran.api-key", placeholder)).credentialProblem()).as(placeholder).isTrue();
        }
    }

    @Test
    void theEnvironmentVariableWinsAndNeverAppearsInTheResult() {
        LoadedConfig loaded = new ConfigLoader(name -> name.equals("CADBRIDGE_API_KEY") ? "env-secret" : null)
                .load(Harness.tree("sonoran.api-key", "file-key"));
        assertThat(loaded.sonoran().orElseThrow().apiKey().reveal()).isEqualTo("env-secret");
        assertThat(loaded.toString()).doesNotContain("env-secret").doesNotContain("file-key");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"http://127.evil.example", "http://127.0.0.1.evil.example:8080", "http://localhost.evil.example",
            "http://0177.0.0.1", "http://127.0.0.01", "http://[::2]:9000"})
    void plainHttpIsRefusedToHostsThatOnlyLookLikeThisMachine(String url) {
        LoadedConfig loaded = load("sonoran.base-url", url);
        assertThat(loaded.problems()).extracting(ConfigProblem::toString).containsExactly("sonoran.base-url: \"" + url
                + "\" is not usable; it must be an https:// URL (http:// only to localhost); using https://api.sonorancad.com");
        assertThat(loaded.sonoran().orElseThrow().baseUrl()).isEqualTo(SonoranSettings.DEFAULT_BASE_URL);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"http://localhost:8080", "http://LocalHost", "http://127.0.0.1:8080", "http://127.45.3.200",
            "http://[::1]:9000"})
    void plainHttpToThisMachineIsAccepted(String url) {
        LoadedConfig loaded = load("sonoran.base-url", url);
        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.sonoran().orElseThrow().baseUrl()).isEqualTo(URI.create(url));
    }

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(strings = {"00A0", "200B", "FEFF", "00E9", "0007"})
    void anApiKeyWithAnInvisibleOrNonAsciiCharacterIsRefusedAtLoadWithoutShowingIt(String hex) {
        String key = "a1b2c3d4-e5f6" + Character.toString(Integer.parseInt(hex, 16)) + "-7890";
        LoadedConfig loaded = loader.load(Harness.tree("sonoran.api-key", key));
        assertThat(loaded.canConnect()).isFalse();
        assertThat(loaded.credentialProblem()).isFalse();
        assertThat(loaded.problems()).extracting(ConfigProblem::key).containsExactly("sonoran.api-key");
        assertThat(loaded.problems().get(0).message()).contains("U+" + hex).contains("character 14");
        assertThat(loaded.connectionProblem()).contains("sonoran.api-key");
        assertThat(loaded.problems().toString() + loaded.connectionProblem()).doesNotContain("a1b2").doesNotContain("7890");
    }

    @Test
    void anApiKeyFromTheEnvironmentWithANoBreakSpaceIsRefusedAndNamedAsTheVariable() {
        LoadedConfig loaded = new ConfigLoader(name -> name.equals("CADBRIDGE_API_KEY") ? "env-secret\u00A0" : null)
                .load(Harness.tree("sonoran.api-key", "file-key"));
        assertThat(loaded.canConnect()).isFalse();
        assertThat(loaded.problems()).extracting(ConfigProblem::key).containsExactly("CADBRIDGE_API_KEY");
        assertThat(loaded.problems().get(0).message()).contains("environment variable").contains("U+00A0");
        assertThat(loaded.problems().toString() + loaded.connectionProblem()).doesNotContain("env-secret").doesNotContain("file-key");
    }

    @Test
    void anAddressTemplateThatCouldGrowPastTheCadLimitIsRefusedAtLoad() {
        // At the world's edge each placeholder becomes -30000000, 9 characters: 28 of them and 3 more characters are 255.
        String fits = "{x}".repeat(28) + "abc";
        assertThat(load("dispatch.address-template", fits).problems()).isEmpty();
        assertThat(load("dispatch.address-template", fits).config().commands().dispatch().addressTemplate()).isEqualTo(fits);
        LoadedConfig loaded = load("dispatch.address-template", "{x}".repeat(28) + "abcd");
        assertThat(loaded.problems()).extracting(ConfigProblem::toString).containsExactly(
                "dispatch.address-template: can grow to 256 characters (at x, y, z = -30000000); the CAD accepts 255; using \"{x}, {z}\"");
        assertThat(loaded.config().commands().dispatch().addressTemplate()).isEqualTo("{x}, {z}");
    }

    @Test
    void aDefaultCodeOrAddressTemplateWithAControlCharacterIsRefusedAtLoad() {
        LoadedConfig loaded = load("dispatch.default-code", "10-11\r", "dispatch.address-template", "{x}\u0007{z}");
        assertThat(loaded.problems()).extracting(ConfigProblem::key)
                .containsExactly("dispatch.default-code", "dispatch.address-template");
        assertThat(loaded.problems().get(0).message()).contains("control character (U+000D)").endsWith("using none");
        assertThat(loaded.config().commands().dispatch().code()).isEmpty();
        assertThat(loaded.config().commands().dispatch().addressTemplate()).isEqualTo("{x}, {z}");
    }

    @Test
    void messagesCanBeOverriddenAndUnknownOnesAreNamed() {
        LoadedConfig loaded = load("messages.sending", "<blue>On its way", "messages.sendng", "typo");
        assertThat(loaded.problems()).extracting(ConfigProblem::key).containsExactly("messages.sendng");
        assertThat(dev.cadbridge.testing.Texts.plain(loaded.config().messages().bare(Message.SENDING))).isEqualTo("On its way");
    }

    @Test
    void playerTextInMessagesIsNeverParsedAsFormatting() {
        Messages messages = Messages.defaults();
        String shown = dev.cadbridge.testing.Texts.plain(messages.bare(Message.UNKNOWN_PLAYER, Messages.text("player", "<red>Evil")));
        assertThat(shown).isEqualTo("No online player is named <red>Evil.");
    }
}
