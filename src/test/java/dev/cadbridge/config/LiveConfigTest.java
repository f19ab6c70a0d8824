package dev.cadbridge.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadbridge.live.LiveSettings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code live:} section of config.yml. */
class LiveConfigTest {
    private final ConfigLoader loader = new ConfigLoader(name -> null);

    private LoadedConfig load(Map<String, Object> live) {
        return loader.load(Map.of("sonoran", Map.of("api-key", "key-1234"), "live", live));
    }

    @Test
    void onWithEveryNotificationAndTheMapByDefault() {
        LoadedConfig loaded = loader.load(Map.of());
        assertThat(loaded.config().live()).isEqualTo(LiveSettings.defaults());
        assertThat(loaded.config().live().map().interval()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void eachSwitchIsRead() {
        LiveSettings live = load(Map.of("enabled", false, "notify", Map.of("new-call", false, "emergency-911", false, "remove-911", false),
                "map", Map.of("enabled", false, "interval", "1s", "location-template", "{place}"))).config().live();
        assertThat(live).isEqualTo(new LiveSettings(false, false, false, false,
                new LiveSettings.MapSettings(false, Duration.ofSeconds(1), "{place}")));
    }

    @Test
    void anIntervalUnderWhatTheHubAllowsIsRefusedAndNamed() {
        LoadedConfig loaded = load(Map.of("map", Map.of("interval", "100ms")));
        assertThat(loaded.config().live().map().interval()).isEqualTo(Duration.ofMillis(250));
        assertThat(loaded.problems()).anyMatch(problem -> problem.toString().contains("live.map.interval"));
    }

    @Test
    void placesAreReadAndAWrongOneIsNamedAndLeftOut() {
        Map<String, Object> places = new LinkedHashMap<>();
        places.put("Mission Row", "120, -40");
        places.put("Nowhere", "up north");
        LoadedConfig loaded = load(Map.of("map", Map.of("places", places)));
        assertThat(loaded.config().live().map().places()).containsExactly(new LiveSettings.Place("Mission Row", 120, -40));
        assertThat(loaded.problems()).anyMatch(problem -> problem.toString().contains("live.map.places.Nowhere"));
        assertThat(loaded.config().live().map().nearestPlace(100, 0)).isEqualTo("Mission Row");
    }
}
