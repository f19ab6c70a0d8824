package dev.cadbridge.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadbridge.config.CadBridgeConfig;
import dev.cadbridge.config.ConfigLoader;
import dev.cadbridge.testing.Harness;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The chart values CadBridge sends to bStats, from the configuration as owners write it. */
class MetricsValuesTest {
    private final ConfigLoader loader = new ConfigLoader(name -> null);

    private MetricsValues valuesFor(Object... settings) {
        Map<String, Object> file = Harness.tree(settings);
        CadBridgeConfig config = loader.load(file).config();
        return MetricsValues.of(config, file);
    }

    @Test
    void theShippedDefaultsAreV2OnH2WithTheAfkTimerAndTheQuitKick() {
        MetricsValues values = valuesFor("sonoran.api-key", "k");

        assertThat(values.apiGeneration()).isEqualTo("v2");
        assertThat(values.storageType()).isEqualTo("h2");
        assertThat(values.quitAction()).isEqualTo("kick");
        assertThat(values.featuresOn()).containsOnlyKeys("AFK timer", "quit action").containsValues(1);
    }

    @Test
    void eachFeatureCountsOnlyWhenItIsOn() {
        MetricsValues values = valuesFor("sonoran.api-generation", "v1", "sonoran.community-id", "c", "sonoran.api-key", "k",
                "storage.type", "postgres", "afk.enabled", false, "quit.action", "none", "live.enabled", true, "network.enabled", "true");

        assertThat(values.apiGeneration()).isEqualTo("v1");
        assertThat(values.storageType()).isEqualTo("postgresql");
        assertThat(values.quitAction()).isEqualTo("none");
        assertThat(values.featuresOn()).containsOnlyKeys("live session", "network mode");
    }

    @Test
    void liveSessionAndNetworkModeAreOffWhenTheirKeysAreMissingOrNotExplicitlyOn() {
        assertThat(valuesFor("sonoran.api-key", "k", "afk.enabled", false, "quit.action", "none").featuresOn()).isEmpty();
        assertThat(valuesFor("sonoran.api-key", "k", "afk.enabled", false, "quit.action", "none",
                "live.enabled", false, "network.enabled", "auto").featuresOn()).isEmpty();
    }

    @Test
    void neverCarriesAnIdAKeyOrAName() {
        MetricsValues values = valuesFor("sonoran.api-key", "secret-key-123", "sonoran.community-id", "community-xyz",
                "sonoran.server-id", 42, "storage.type", "mariadb", "storage.host", "db.example.internal", "storage.username", "owner-name",
                "storage.password", "db-pass-456", "storage.server-name", "lobby-7", "quit.action", "detach",
                "afk.kick-reason", "Gone fishing");

        List<String> sent = new ArrayList<>(List.of(values.apiGeneration(), values.storageType(), values.quitAction()));
        sent.addAll(values.featuresOn().keySet());
        assertThat(sent).allMatch(value -> List.of("v1", "v2", "h2", "mariadb", "postgresql", "none", "detach", "kick",
                "AFK timer", "quit action", "live session", "network mode").contains(value));
        assertThat(String.join(" ", sent)).doesNotContain("secret-key-123", "community-xyz", "42", "db.example.internal",
                "owner-name", "db-pass-456", "lobby-7", "Gone fishing");
    }

    @Test
    void bStatsStartsOnlyWithARegisteredIdAndNotWhenSwitchedOff() {
        assertThat(MetricsValues.mayStart(0, null)).as("no id registered yet").isFalse();
        assertThat(MetricsValues.mayStart(12345, null)).isTrue();
        assertThat(MetricsValues.mayStart(12345, "false")).as("-Dcadbridge.metrics=false, as the test builds set").isFalse();
        assertThat(MetricsValues.mayStart(12345, "FALSE ")).isFalse();
        assertThat(MetricsValues.mayStart(12345, "true")).isTrue();
    }

    @Test
    void theTestBuildSwitchesBStatsOff() {
        assertThat(System.getProperty(MetricsValues.SWITCH_PROPERTY)).isEqualTo("false");
    }
}
